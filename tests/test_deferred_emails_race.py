"""Workers writing a submission's emails at once with another worker, or with its erasure
(submissions/deferred_emails.py): written once, and never left behind for an erased record.

A transactional test, in a module of its own: the other modules share content inside
an open transaction, which a transactional test's flush cannot cross.
"""

import threading
import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale

from submissions import deferred_emails
from submissions.models import OutgoingEmail, PendingEmails
from tests.factories import PendingEmailsFactory, VolunteerApplicationFactory
from tests.threads import in_threads
from volunteer_signup.applications import VolunteerApplicationHandler
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
    holding, finish = threading.Event(), threading.Event()

    def first():
        with transaction.atomic():
            PendingEmails.objects.select_for_update().get(pk=pending.pk)
            holding.set()
            finish.wait(10)

    with in_threads(first) as outcomes:
        holding.wait(10)
        second = deferred_emails.write(pending.pk)
        finish.set()
    assert outcomes == [None]
    assert second is False
    assert PendingEmails.objects.filter(pk=pending.pk).exists()  # left to the first worker
    assert deferred_emails.write(pending.pk) is True
    assert not PendingEmails.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite has no row locks (one writing transaction at a time, BEGIN IMMEDIATE); "
    "this test runs on PostgreSQL in make test.",
)
@pytest.mark.parametrize("erasure", ["anonymise", "delete"])
def test_a_record_erased_while_its_emails_are_written_keeps_none(monkeypatch, settings, erasure):
    """The eraser arrives while a worker has written the emails but not committed them: it
    waits for that commit, then removes them, so no email to an erased person is left to
    be sent (found by an independent review: the other order left them)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # sent later, as production
    Locale.objects.get_or_create(language_code="en")  # a transactional test starts from an empty database
    application = VolunteerApplicationFactory(email="erase.me@example.org")
    pending = PendingEmailsFactory(about=application)
    written, go = threading.Event(), threading.Event()
    write_them = VolunteerApplicationHandler.queue_emails

    def slow_writer(self, submission, page):
        emails = write_them(self, submission, page)  # inserted, not committed yet
        written.set()
        go.wait(10)
        return emails

    monkeypatch.setattr(VolunteerApplicationHandler, "queue_emails", slow_writer)

    def eraser():
        written.wait(10)
        record = VolunteerApplication.objects.get(pk=application.pk)
        if erasure == "anonymise":
            record.anonymise()
        else:
            record.delete()

    with in_threads(lambda: deferred_emails.write(pending.pk), eraser) as outcomes:
        written.wait(10)
        time.sleep(0.5)  # the eraser now waits for the worker's lock
        go.set()
    assert outcomes == [True, None]  # written by the worker; erased without an error
    assert not PendingEmails.objects.exists()
    assert list(OutgoingEmail.objects.values_list("kind", "to")) == []
