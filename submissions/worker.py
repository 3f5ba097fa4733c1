"""The task worker that stays up (``manage.py run_worker``).

django-tasks-db's ``db_worker`` exits at the first database error it does not expect (a
database restart, a dropped connection) and stays down until someone starts it again;
1,457 emails once waited for that. This claims and runs tasks with django-tasks-db's own
``Worker`` (its ``run_task`` and signal handling), inside a loop that:

* on a database error, logs it, closes every connection and waits (1, 2, 4 … 30 s)
  before going on, for as long as the database is away;
* every ``MAINTENANCE_SECONDS``, does what cron used to be needed for:
  - tasks a killed worker left RUNNING for longer than ``stale_sending()`` (sending one
    email takes EMAIL_TIMEOUT at most) are made READY
    again: our only task sends one email from the outbox, which claims the email before
    sending it, so running it again never sends a message that was already marked sent;
  - new submissions' emails no task has written (a lost task, or a failed one, with
    growing delays) are written (submissions/deferred_emails.py);
  - emails that are due are sent (retries after a mail outage: a failed attempt is
    recorded on the email, never raised, so a mail server that is down cannot stop the
    worker);
  - finished task results older than ``TASK_RESULT_RETENTION_DAYS`` are deleted (with
    django-tasks-db's own ``prune_db_task_results``), so the table does not grow for ever.

SIGTERM and SIGINT stop it between tasks, as django-tasks-db does (a task being run is
finished first).
"""

import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from core.health import worker_heartbeat

from .deferred_emails import write_overdue
from .delivery import send_due
from .models.outbox import stale_sending

logger = logging.getLogger("sharaka.worker")

#: How often the maintenance (abandoned tasks, due emails, pruning) runs.
MAINTENANCE_SECONDS = 30
BACKOFF_SECONDS = (1, 2, 4, 8, 15, 30)


def recover_abandoned_tasks(now=None):
    """Make tasks a killed worker left RUNNING ready to run again; return how many."""
    now = now or timezone.now()
    abandoned = DBTaskResult.objects.running().filter(started_at__lt=now - stale_sending())
    count = abandoned.update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning("%s task(s) left running by a stopped worker will run again", count)
    return count


def prune_task_results():
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=settings.TASK_RESULT_RETENTION_DAYS,
        verbosity=0,
    )


def maintain(keep_going=lambda: True):
    """One round of the maintenance (module docstring); returns what it did. Stops sending
    between two emails when ``keep_going()`` turns false (the worker is asked to stop)."""
    recovered = recover_abandoned_tasks()
    written = write_overdue(keep_going=keep_going)
    sent, waiting = send_due(keep_going=keep_going)
    prune_task_results()
    return {"recovered": recovered, "written": written, "sent": sent, "waiting": waiting}


class StayingWorker:
    """django-tasks-db's ``Worker`` in a loop that outlives database errors."""

    def __init__(self, interval=1.0, maintenance_seconds=MAINTENANCE_SECONDS, sleep=time.sleep):
        self.worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        self.interval = interval
        self.maintenance_seconds = maintenance_seconds
        self.sleep = sleep
        self.failures = 0
        self.next_maintenance = 0.0

    def run(self, rounds=None):
        """Run until stopped (or for ``rounds`` rounds: tests)."""
        self.worker.configure_signals()
        logger.info("worker %s started", self.worker.worker_id)
        done = 0
        while self.worker.running and (rounds is None or done < rounds):
            self.round()
            done += 1

    def round(self):
        """The maintenance when it is time, every due task, then wait."""
        worker_heartbeat()  # /readyz: a worker is alive (core/health.py)
        try:
            if time.monotonic() >= self.next_maintenance:
                # As while running a task: a stop request waits for the email being sent
                # (django-tasks-db's signal handler exits at once when no task runs).
                self.worker.running_task = True
                try:
                    maintain(keep_going=lambda: self.worker.running)
                finally:
                    self.worker.running_task = False
                self.next_maintenance = time.monotonic() + self.maintenance_seconds
            self.run_due_tasks()
        except DatabaseError as error:
            self.failed(error)
            return
        if self.failures:
            logger.warning("the database answers again; the worker goes on")
            self.failures = 0
        if self.worker.running:
            self.sleep(self.interval)

    def run_due_tasks(self):
        """Every task that is due, one at a time, claimed and run as django-tasks-db's worker
        does (``get_locked``, ``claim``, ``run_task``). Its own loop also checks the
        connection between tasks, which swallows nothing; here a database error reaches
        ``round``, which closes the connections and waits."""
        while self.worker.running:
            tasks = DBTaskResult.objects.ready().filter(backend_name=self.worker.backend_name)
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker.worker_id)  # no other worker runs it now
            if task_result is None:
                return
            self.worker.run_task(task_result)

    def failed(self, error):
        wait = BACKOFF_SECONDS[min(self.failures, len(BACKOFF_SECONDS) - 1)]
        self.failures += 1
        logger.warning("database error in the worker (%s); trying again in %s s", type(error).__name__, wait)
        for connection in connections.all(initialized_only=True):
            try:
                connection.close()  # the next query opens a new one
            except DatabaseError:
                pass  # already gone
        self.sleep(wait)
