"""The email outbox: a mail outage never loses an application or shows an error page.

The emails are stored in the same transaction as the application and sent by a task after the
commit. When the mail server fails, the resident still gets the 303 and the reference; the rows stay
pending with the failure recorded by exception class only, and ``send_queued_emails`` sends each one
exactly once when the server is back, gives up after ``MAX_ATTEMPTS``, and never sends a row another
worker has claimed.
"""

import os
import smtplib
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone

from submissions import delivery
from submissions.models import OutgoingEmail
from submissions.models.outbox import MAX_ATTEMPTS, stale_sending
from tests.conftest import soup
from volunteer_signup.models import VolunteerApplication

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FailingSMTPBackend(BaseEmailBackend):
    """A mail server that refuses (its message repeats the recipient, which must not be stored)."""

    def send_messages(self, email_messages):
        recipients = ", ".join(r for m in email_messages for r in m.recipients())
        raise smtplib.SMTPException(f"451 4.3.0 temporary failure for {recipients}")


class TimeoutBackend(BaseEmailBackend):
    """A mail server that does not answer (``socket.timeout`` is ``TimeoutError``)."""

    def send_messages(self, email_messages):
        raise TimeoutError("timed out")


class ConnectionRefusedBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class SecondWorkerBackend(LocmemBackend):
    """While this message is being sent, another worker runs ``send_due`` at the same moment."""

    nested_results = []

    def send_messages(self, email_messages):
        SecondWorkerBackend.nested_results.append(delivery.send_due())
        return super().send_messages(email_messages)


BACKENDS = {
    "smtp error": (f"{__name__}.FailingSMTPBackend", "SMTPException"),
    "timeout": (f"{__name__}.TimeoutBackend", "TimeoutError"),
    "connection refused": (f"{__name__}.ConnectionRefusedBackend", "ConnectionRefusedError"),
}


def send_queued():
    out = StringIO()
    call_command("send_queued_emails", stdout=out)
    return out.getvalue()


def make_email(**fields):
    values = {
        "kind": OutgoingEmail.Kind.STAFF,
        "to": "someone@staff.example",
        "subject": "New volunteer application: VOL-TEST",
        "body": "A new submission has arrived: VOL-TEST.\n",
    }
    values.update(fields)
    return OutgoingEmail.objects.create(**values)


# --- the outage, seen by the resident -------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("outage", list(BACKENDS))
def test_mail_outage_still_saves_and_confirms_and_queues_for_retry(
    client,
    open_form,
    valid_application,
    volunteer_pages,
    staff,
    settings,
    language,
    outage,
    django_capture_on_commit_callbacks,
):
    backend, error_name = BACKENDS[outage]
    settings.EMAIL_BACKEND = backend
    url = volunteer_pages[language].url
    start = timezone.now()
    before = VolunteerApplication.objects.count()
    with time_machine.travel(start, tick=False):
        form = open_form(client, url)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.post(url, valid_application(form, email="outage@example.org", phone="058 300 1000"))
        assert callbacks, "the emails are handed to the task queue after the commit"
        assert response.status_code == 303
        page = soup(client.get(response["Location"]))
    application = VolunteerApplication.objects.latest("pk")
    assert VolunteerApplication.objects.count() == before + 1
    assert application.reference in page.select_one(".confirmation-panel").get_text()

    emails = OutgoingEmail.objects.for_object(application)
    assert emails.count() >= 2  # the applicant and at least the coordinator
    assert {e.to for e in emails} >= {"outage@example.org", staff["coordinator"].email}
    for email in emails:
        assert email.status == OutgoingEmail.Status.PENDING
        assert email.attempts == 1
        assert email.next_attempt_at > start
        assert email.last_error == error_name
        assert "outage@example.org" not in email.last_error
        assert email.sent_at is None
    assert mail.outbox == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_queued_emails_are_sent_exactly_once_when_the_server_is_back(
    client, open_form, valid_application, volunteer_pages, staff, settings, language, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = BACKENDS["smtp error"][0]
    url = volunteer_pages[language].url
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        form = open_form(client, url)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, valid_application(form, email="back.again@example.org", phone="058 300 2000"))
    application = VolunteerApplication.objects.latest("pk")
    emails = list(OutgoingEmail.objects.for_object(application))
    first_retry = min(e.next_attempt_at for e in emails)

    settings.EMAIL_BACKEND = LOCMEM
    # not due yet: nothing is sent before its time
    with time_machine.travel(first_retry - timedelta(seconds=1), tick=False):
        send_queued()
    assert mail.outbox == []

    with time_machine.travel(start + timedelta(hours=1), tick=False):
        output = send_queued()
    assert f"sent now: {len(emails)}" in output
    assert len(mail.outbox) == len(emails)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(e.to for e in emails)
    assert sorted(m.subject for m in mail.outbox) == sorted(e.subject for e in emails)
    for email in OutgoingEmail.objects.for_object(application):
        assert email.status == OutgoingEmail.Status.SENT
        assert email.attempts == 2
        assert email.sent_at is not None
        assert email.last_error == ""

    with time_machine.travel(start + timedelta(days=1), tick=False):
        output = send_queued()
    assert "sent now: 0" in output
    assert len(mail.outbox) == len(emails)


def test_email_is_marked_failed_after_max_attempts_with_growing_delays(settings):
    settings.EMAIL_BACKEND = BACKENDS["smtp error"][0]
    email = make_email()
    now = timezone.now()
    delays = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        email.refresh_from_db()
        assert email.status == OutgoingEmail.Status.PENDING
        now = max(now, email.next_attempt_at) + timedelta(seconds=1)
        with time_machine.travel(now, tick=False):
            send_queued()
        email.refresh_from_db()
        assert email.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            delays.append(email.next_attempt_at - now)
    assert email.status == OutgoingEmail.Status.FAILED
    assert email.last_error == "SMTPException"
    assert delays[0] >= timedelta(minutes=1)
    assert delays == sorted(delays), "each retry waits at least as long as the one before"
    assert delays[-1] > delays[0]
    # given up: never tried again, even when the server is back
    settings.EMAIL_BACKEND = LOCMEM
    with time_machine.travel(now + timedelta(days=30), tick=False):
        output = send_queued()
    email.refresh_from_db()
    assert email.attempts == MAX_ATTEMPTS and email.status == OutgoingEmail.Status.FAILED
    assert mail.outbox == []
    assert "sent now: 0" in output


def test_email_recovers_after_some_failures_and_is_sent_once(settings):
    email = make_email(to="recover@example.org")
    now = timezone.now()
    settings.EMAIL_BACKEND = BACKENDS["timeout"][0]
    for _ in range(3):
        now = max(now, email.next_attempt_at) + timedelta(seconds=1)
        with time_machine.travel(now, tick=False):
            send_queued()
        email.refresh_from_db()
    assert email.attempts == 3 and email.status == OutgoingEmail.Status.PENDING
    settings.EMAIL_BACKEND = LOCMEM
    with time_machine.travel(email.next_attempt_at + timedelta(seconds=1), tick=False):
        send_queued()
        send_queued()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 4
    assert [m.to for m in mail.outbox] == [["recover@example.org"]]


# --- two workers ----------------------------------------------------------------------------------


def test_row_claimed_by_another_worker_is_not_sent_twice(settings):
    settings.EMAIL_BACKEND = LOCMEM
    now = timezone.now()
    email = make_email(status=OutgoingEmail.Status.SENDING, locked_at=now, attempts=0)
    with time_machine.travel(now + timedelta(seconds=30), tick=False):
        send_queued()
        assert delivery.send_one(email.pk) is False
    email.refresh_from_db()
    assert mail.outbox == []
    assert email.status == OutgoingEmail.Status.SENDING and email.attempts == 0

    # the other worker died: after a while the row is taken over and sent once
    with time_machine.travel(now + stale_sending() + timedelta(minutes=1), tick=False):
        send_queued()
        send_queued()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_worker_running_while_an_email_is_being_sent_does_not_send_it_again(settings):
    settings.EMAIL_BACKEND = f"{__name__}.SecondWorkerBackend"
    SecondWorkerBackend.nested_results.clear()
    email = make_email(to="once.only@example.org")
    with time_machine.travel(timezone.now() + timedelta(seconds=1), tick=False):
        assert delivery.send_one(email.pk) is True
        assert delivery.send_one(email.pk) is False
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 1
    # the second worker found nothing to send while the first was sending
    assert SecondWorkerBackend.nested_results[0] == (0, 0)
    assert [m.to for m in mail.outbox] == [["once.only@example.org"]]


# --- the task queue is down ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_task_queue_down_keeps_the_emails_for_the_sweeper(
    client, open_form, valid_application, volunteer_pages, staff, settings, language, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = LOCMEM
    url = volunteer_pages[language].url
    form = open_form(client, url)
    broken = mock.Mock()
    broken.enqueue.side_effect = ConnectionError("task broker unreachable")
    with (
        mock.patch("submissions.tasks.deliver_email", broken),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url, valid_application(form, email="queue.down@example.org", phone="058 300 3000"))
    assert response.status_code == 303
    assert broken.enqueue.called
    application = VolunteerApplication.objects.latest("pk")
    emails = OutgoingEmail.objects.for_object(application)
    assert emails.count() >= 2
    assert set(emails.values_list("status", flat=True)) == {OutgoingEmail.Status.PENDING}
    assert mail.outbox == []
    send_queued()
    assert len(mail.outbox) == emails.count()
    assert set(emails.values_list("status", flat=True)) == {OutgoingEmail.Status.SENT}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_email_is_queued_when_the_application_is_not_saved(
    client, open_form, valid_application, volunteer_pages, staff, language, django_capture_on_commit_callbacks
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    before = OutgoingEmail.objects.count()
    with (
        mock.patch.object(VolunteerApplication, "save", side_effect=DatabaseError("disk I/O error")),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = client.post(url, valid_application(form, phone="058 300 4000"))
    assert response.status_code == 503
    assert callbacks == []
    assert OutgoingEmail.objects.count() == before
    assert mail.outbox == []


def test_the_staff_link_is_found_outside_a_request_too():
    """A command or task worker may queue emails before any request loaded the admin URLs."""
    script = (
        "import django; django.setup()\n"
        "from submissions.notifications import admin_url\n"
        "from volunteer_signup.models import VolunteerApplication\n"
        "print(admin_url(VolunteerApplication(pk=7)))\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter, a fixed script
        [sys.executable, "-c", script],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().endswith("/admin/volunteer_application/inspect/7/")
