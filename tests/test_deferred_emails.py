"""A form's emails are written after its request, never lost and never written twice (issue 12).

As production runs it: the database task queue, and the worker (``StayingWorker``) that
runs its tasks and its maintenance. The request saves the record with a note of the
emails to write and the task that writes them; the resident's confirmation and the staff
notices appear only when the worker has run, each once, in its reader's language.
"""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from submissions import deferred_emails, worker
from submissions.models import OutgoingEmail, PendingEmails
from tests.conftest import make_user
from tests.factories import new_phone
from volunteer_signup.applications import VolunteerApplicationHandler
from volunteer_signup.models import VolunteerApplication

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = LOCMEM


@pytest.fixture
def run_worker(django_capture_on_commit_callbacks):
    """The worker's rounds until no task is left, each task's commit as in production (the
    test's own transaction never commits: its callbacks are run here)."""

    def _run(maintenance=False):
        staying = worker.StayingWorker(interval=0, maintenance_seconds=0 if maintenance else 3600, sleep=lambda s: None)
        staying.next_maintenance = 0.0 if maintenance else float("inf")
        for _ in range(5):
            with django_capture_on_commit_callbacks(execute=True):
                staying.round()
            if not DBTaskResult.objects.ready().exists():
                return

    return _run


@pytest.fixture
def maintenance(django_capture_on_commit_callbacks):
    """One round of the worker's maintenance, then the tasks it queued."""

    def _maintain():
        with django_capture_on_commit_callbacks(execute=True):
            done = worker.maintain()
        worker.StayingWorker(interval=0, sleep=lambda s: None).run_due_tasks()
        return done

    return _maintain


@pytest.fixture
def apply(open_form, valid_application, volunteer_pages):
    """Send a volunteer application in ``language`` as a resident; return the record."""

    def _apply(language="en", email="huda.salem@example.org"):
        client = Client()
        url = volunteer_pages[language].url
        form = open_form(client, url)
        response = client.post(url, valid_application(form, full_name="Huda Salem", phone=new_phone(), email=email))
        assert response.status_code == 303
        return VolunteerApplication.objects.latest("pk")

    return _apply


def to_resident(address="huda.salem@example.org"):
    return [message for message in mail.outbox if message.to == [address]]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_emails_are_written_and_sent_by_the_worker_not_in_the_request(
    database_queue, apply, staff, language, run_worker
):
    application = apply(language)
    # The request wrote no email: the record, the note of its emails, and the task to write them.
    assert not OutgoingEmail.objects.exists()
    pending = PendingEmails.objects.get()
    assert pending.submission == application and pending.kind == "volunteer"
    assert DBTaskResult.objects.ready().filter(task_path="submissions.deferred_emails.write_emails").count() == 1

    run_worker()

    assert not PendingEmails.objects.exists()
    [confirmation] = to_resident()
    with translation.override(language):
        assert confirmation.subject == gettext("Your volunteer application %(reference)s") % {
            "reference": application.reference
        }
    staff_mail = [message for message in mail.outbox if message.to == [staff["coordinator"].email]]
    assert len(staff_mail) == 1 and application.reference in staff_mail[0].subject
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {OutgoingEmail.Status.SENT}
    # Running the worker again writes and sends nothing more.
    run_worker()
    assert len(to_resident()) == 1 and OutgoingEmail.objects.count() == len(mail.outbox)


def test_a_lost_task_is_made_up_for_by_the_maintenance(database_queue, apply, maintenance):
    application = apply()
    DBTaskResult.objects.all().delete()  # the task never reaches a worker
    assert maintenance()["written"] == 0  # not overdue yet: a task may still write them
    with time_machine.travel(timezone.now() + deferred_emails.OVERDUE_AFTER + timedelta(seconds=1)):
        assert maintenance()["written"] == 1
    assert [email.submission for email in OutgoingEmail.objects.filter(kind="confirmation")] == [application]
    assert len(to_resident()) == 1
    assert not PendingEmails.objects.exists()


def test_a_failure_to_write_keeps_the_record_and_is_tried_again_later(
    database_queue, apply, monkeypatch, caplog, run_worker, maintenance
):
    def broken(self, submission, page):
        raise RuntimeError(f"a template that does not render for {submission.email}")

    monkeypatch.setattr(VolunteerApplicationHandler, "queue_emails", broken)
    application = apply()
    run_worker()
    pending = PendingEmails.objects.get()
    assert (pending.attempts, pending.last_error) == (1, "RuntimeError")
    assert pending.next_attempt_at > timezone.now()
    assert "were not written (RuntimeError); again in 1 min" in caplog.text
    assert "in broken" in caplog.text  # where it was raised, for whoever mends it
    assert "huda.salem" not in caplog.text  # never the message, which had the address
    assert VolunteerApplication.objects.filter(pk=application.pk).exists()
    assert not OutgoingEmail.objects.exists()

    monkeypatch.undo()  # the template is mended
    with time_machine.travel(pending.next_attempt_at + timedelta(seconds=1)):
        assert maintenance()["written"] == 1
    assert len(to_resident()) == 1 and not PendingEmails.objects.exists()


def test_a_failure_in_the_request_in_development_still_saves_the_application(apply, monkeypatch, settings):
    """The immediate task backend (make run) writes the emails in the request: a failure
    there leaves the application saved and the resident confirmed, and the note kept."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(VolunteerApplicationHandler, "queue_emails", lambda *args: 1 / 0)
    application = apply()
    assert VolunteerApplication.objects.filter(pk=application.pk).exists()
    assert PendingEmails.objects.get().last_error == "ZeroDivisionError"


def test_the_immediate_backend_writes_the_emails_in_the_request(apply, django_capture_on_commit_callbacks, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        apply()
    assert len(to_resident()) == 1 and not PendingEmails.objects.exists()


def test_emails_are_written_once_when_task_and_maintenance_both_run(
    database_queue, apply, run_worker, django_capture_on_commit_callbacks
):
    apply()
    pending = PendingEmails.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert deferred_emails.write(pending.pk) is True  # the maintenance
    assert deferred_emails.write(pending.pk) is False  # then the task
    run_worker()
    assert OutgoingEmail.objects.filter(kind="confirmation").count() == 1
    assert len(to_resident()) == 1


def test_an_application_erased_before_its_emails_are_written_gets_none(database_queue, apply, run_worker):
    application = apply()
    application.anonymise()
    run_worker()
    assert not PendingEmails.objects.exists()
    assert not OutgoingEmail.objects.exists() and not mail.outbox


def test_an_application_deleted_before_its_emails_are_written_gets_none(database_queue, apply, run_worker):
    application = apply()
    VolunteerApplication.objects.filter(pk=application.pk).delete()
    run_worker()
    assert not PendingEmails.objects.exists() and not mail.outbox


def test_the_daily_budget_is_counted_when_the_emails_are_written(database_queue, apply, settings, run_worker):
    settings.RECIPIENT_DAILY_EMAIL_LIMIT = 2
    for _ in range(3):
        apply(email="Huda.Salem+volunteer@Example.org")
    run_worker()
    statuses = list(OutgoingEmail.objects.filter(kind="confirmation").order_by("pk").values_list("status", flat=True))
    assert statuses == ["sent", "sent", "held"]
    assert len([m for m in mail.outbox if m.to == ["huda.salem+volunteer@example.org"]]) == 2


def test_the_operators_command_writes_what_is_overdue_and_reports_what_is_not_written(database_queue, apply):
    apply()
    DBTaskResult.objects.all().delete()
    out = StringIO()
    call_command("send_queued_emails", "--report", stdout=out)
    assert "not written yet: the emails of 1 submission(s)" in out.getvalue()
    out = StringIO()
    call_command("send_queued_emails", "--retry-now", stdout=out)
    assert "written now: the emails of 1 submission(s)" in out.getvalue()
    assert "not written yet: the emails of 0 submission(s)" in out.getvalue()
    assert len(to_resident()) == 1


def test_a_recipient_on_staff_is_told_in_their_own_language(database_queue, apply, run_worker):
    arabic = make_user("arabic_coordinator", "Volunteer coordinators", language="ar")
    application = apply("en")
    run_worker()
    [message] = [m for m in mail.outbox if m.to == [arabic.email]]
    with translation.override("ar"):
        assert gettext("For privacy, this email does not contain the answers. Please do not forward it.") in (
            message.body
        )
    assert application.reference in message.subject
