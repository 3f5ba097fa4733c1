"""The task worker stays up and cleans up after itself (issue 13, item 2).

It runs tasks from the real database queue with django-tasks-db's own worker: tasks a killed worker
left running run again, due emails are retried without cron, old task results are pruned,
each email keeps one Message-ID over every attempt, and (on PostgreSQL, in a process of its
own) a dropped database connection does not stop it.
"""

import os
import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from submissions import delivery, worker
from submissions.models import OutgoingEmail
from submissions.models.outbox import stale_sending
from submissions.tasks import deliver_email

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = LOCMEM


def make_email(**fields):
    return OutgoingEmail.objects.create(
        kind=OutgoingEmail.Kind.STAFF,
        to="coordinator@police.example",
        subject="New volunteer application: VOL-W00001",
        body="A new application has arrived: VOL-W00001.\n",
        **fields,
    )


def staying_worker():
    return worker.StayingWorker(interval=0, maintenance_seconds=0, sleep=lambda seconds: None)


def test_queued_emails_are_sent_by_the_worker(database_queue):
    email = make_email()
    deliver_email.enqueue(email.pk)
    assert DBTaskResult.objects.ready().count() == 1
    staying_worker().round()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert [message.subject for message in mail.outbox] == [email.subject]
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_task_left_running_by_a_killed_worker_runs_again_and_sends_once(database_queue):
    email = make_email()
    deliver_email.enqueue(email.pk)
    task = DBTaskResult.objects.get()
    task.claim("a-worker-that-was-killed")  # it claimed the task, then died before sending
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - stale_sending() - timedelta(minutes=1))
    staying_worker().round()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and len(mail.outbox) == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL


def test_a_task_running_now_is_left_alone(database_queue):
    email = make_email()
    deliver_email.enqueue(email.pk)
    DBTaskResult.objects.get().claim("a-live-worker")
    assert worker.recover_abandoned_tasks() == 0
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING


def test_due_emails_are_retried_by_the_worker_without_cron(database_queue):
    """After a mail outage the email waits in the outbox with no task left for it."""
    email = make_email(attempts=1, last_error="ConnectionRefusedError", next_attempt_at=timezone.now())
    assert DBTaskResult.objects.count() == 0
    staying_worker().round()
    email.refresh_from_db()
    assert (email.status, email.attempts, len(mail.outbox)) == (OutgoingEmail.Status.SENT, 2, 1)


def test_an_email_sent_again_after_a_crash_keeps_its_message_id(database_queue):
    """At least once: a worker killed after the mail server took the message leaves the row
    "sending"; it is sent again, as the same message."""
    email = make_email()
    assert delivery.send_one(email.pk)
    first = mail.outbox[0].message()["Message-ID"]
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.SENDING, locked_at=timezone.now() - stale_sending() - timedelta(minutes=1)
    )
    delivery.send_due()
    assert len(mail.outbox) == 2
    assert mail.outbox[1].message()["Message-ID"] == first == email.message_id
    assert first.endswith("@localhost>")  # our sending domain, not this server's host name


def test_every_email_has_its_own_message_id_older_ones_included():
    emails = [make_email() for _ in range(3)]
    assert len({email.message_id for email in emails}) == 3
    OutgoingEmail.objects.update(message_id="")  # as the rows written before the migration
    migration = __import__("submissions.migrations.0005_outgoing_email_message_id", fromlist=["x"])
    migration.give_each_email_its_own(apps, None)
    ids = set(OutgoingEmail.objects.values_list("message_id", flat=True))
    assert len(ids) == 3 and "" not in ids


def test_old_task_results_are_pruned(database_queue, settings):
    settings.TASK_RESULT_RETENTION_DAYS = 7
    for _ in range(2):
        deliver_email.enqueue(make_email().pk)
    staying_worker().round()
    old, recent = DBTaskResult.objects.order_by("enqueued_at")
    DBTaskResult.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=8))
    staying_worker().round()
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_outbox_report_shows_emails_stuck_in_each_state():
    make_email(status=OutgoingEmail.Status.FAILED, attempts=10, last_error="SMTPException")
    make_email(status=OutgoingEmail.Status.SENDING, locked_at=timezone.now() - stale_sending() - timedelta(minutes=5))
    out = StringIO()
    call_command("send_queued_emails", "--report", stdout=out)
    report = out.getvalue()
    assert "failed: 1" in report
    assert "sending: 1" in report and "1 stuck" in report
    out = StringIO()
    call_command("send_queued_emails", "--list", "failed", stdout=out)
    listed = out.getvalue().splitlines()
    assert len(listed) == 2 and listed[1].split("\t")[1:3] == ["staff", "10"] and listed[1].endswith("SMTPException")
    assert "@" not in out.getvalue()  # no addresses: they are personal data


# --- a real worker process whose database connection is dropped (PostgreSQL) -------------


WORKER_SETTINGS = """import os

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["WORKER_TEST_MAIL_DIR"]
"""


def test_the_worker_survives_its_database_connection_being_dropped(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("SQLite has no connection to drop; make test runs this on PostgreSQL")
    import psycopg

    name = "sharaka_worker_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    admin_url = urlparse(url)._replace(path="/postgres").geturl()
    database_url = urlparse(url)._replace(path=f"/{name}").geturl()
    (tmp_path / "worker_settings.py").write_text(WORKER_SETTINGS)
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "worker_settings",
        "DATABASE_URL": database_url,
        "WORKER_TEST_MAIL_DIR": str(tmp_path / "mail"),
    }
    env.pop("SHARAKA_EMAIL_DIR", None)

    def manage(*args):
        command = [sys.executable, "manage.py", *args]
        return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)  # noqa: S603

    queue_one = (
        "from submissions.models import OutgoingEmail; from submissions.tasks import deliver_email; "
        "e = OutgoingEmail.objects.create(kind='staff', to='c@police.example', subject='VOL-1', body='x'); "
        "deliver_email.enqueue(e.pk)"
    )
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # (ALLOW_CONNECTIONS does not stop a DROP)
        admin.execute(f"CREATE DATABASE {name}")
        manage("migrate", "--noinput")
        log = open(tmp_path / "worker.log", "w")
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--interval", "0.2"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
        try:
            manage("shell", "-c", queue_one)
            wait_for(lambda: sent_files(tmp_path) == 1)
            # The database goes away (as in a restart): connections dropped and refused.
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
            dropped = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            ).fetchone()[0]
            assert dropped >= 1
            wait_for(lambda: "database error in the worker" in (tmp_path / "worker.log").read_text())
            time.sleep(2)  # a few failed rounds
            assert process.poll() is None, (tmp_path / "worker.log").read_text()
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
            manage("shell", "-c", queue_one)
            wait_for(lambda: sent_files(tmp_path) == 2)
            assert process.poll() is None
        finally:
            process.terminate()
            process.wait(timeout=30)
            log.close()
        assert process.returncode == 0  # SIGTERM stops it cleanly between tasks


def sent_files(tmp_path):
    folder = tmp_path / "mail"
    return len(list(folder.iterdir())) if folder.exists() else 0


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("not done in time")


def test_a_worker_asked_to_stop_sends_no_further_email(database_queue):
    """Between two emails of the maintenance's round, a stop request is heard."""
    for _ in range(2):
        make_email(attempts=1, next_attempt_at=timezone.now())
    assert delivery.send_due(keep_going=lambda: False) == (0, 0)
    assert mail.outbox == []
