"""Two workers at once write a submission's emails once (submissions/deferred_emails.py).

A transactional test, in a module of its own: the other modules share content inside
an open transaction, which a transactional test's flush cannot cross.
"""

import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from submissions import deferred_emails
from submissions.models import PendingEmails
from volunteer_signup.models import VolunteerApplication


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite has no row locks (one writing transaction at a time, BEGIN IMMEDIATE); "
    "this test runs on PostgreSQL in make test.",
)
def test_a_worker_passes_by_the_emails_another_is_writing():
    """The first worker holds the note's lock while it writes; the second does not wait
    for it and does not write them again, and they are written once in all."""
    pending = PendingEmails.objects.create(
        kind="volunteer",
        content_type=ContentType.objects.get_for_model(VolunteerApplication),
        object_id=10**9,  # a record deleted since: nothing to write, the note is done
        next_attempt_at=timezone.now(),
    )
    holding, finish, errors = threading.Event(), threading.Event(), []

    def first():
        try:
            with transaction.atomic():
                PendingEmails.objects.select_for_update().get(pk=pending.pk)
                holding.set()
                finish.wait(10)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
            holding.set()
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    holding.wait(10)
    second = deferred_emails.write(pending.pk)
    finish.set()
    thread.join(30)
    assert errors == []
    assert second is False
    assert PendingEmails.objects.filter(pk=pending.pk).exists()  # left to the first worker
    assert deferred_emails.write(pending.pk) is True
    assert not PendingEmails.objects.exists()
