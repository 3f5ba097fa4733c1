"""Two forms in the same instant cannot both take a recipient's last email of the day (issue 11, item 5).

A transactional test, in a module of its own: the other modules share content inside
an open transaction, which a transactional test's flush cannot cross.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from submissions.models import OutgoingEmail
from submissions.notifications import within_daily_limit
from tests.threads import in_threads

ADDRESS = "layla@example.org"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database (shared cache) refuses a second writer outright; a file "
    "database, as make run uses, queues it behind BEGIN IMMEDIATE. This test runs on PostgreSQL in make test.",
)
def test_two_forms_in_the_same_instant_cannot_both_take_the_last_email(settings):
    """The first form's transaction checks the budget and is still writing its email when the
    second checks: the second must wait for it and see the budget spent."""
    settings.RECIPIENT_DAILY_EMAIL_LIMIT = 1
    first_checked = threading.Event()

    def first():
        with transaction.atomic():
            within = within_daily_limit(ADDRESS)
            first_checked.set()
            time.sleep(0.5)  # still writing when the second form arrives
            OutgoingEmail.objects.create(kind=OutgoingEmail.Kind.CONFIRMATION, to=ADDRESS, subject="s", body="b")
            return within

    def second():
        first_checked.wait(5)
        with transaction.atomic():
            return within_daily_limit(ADDRESS.upper())

    with in_threads(first, second) as outcomes:
        pass
    assert outcomes == [True, False]  # the first form took the last email; the second waited and saw it
