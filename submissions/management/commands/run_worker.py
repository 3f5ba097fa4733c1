"""Run the task worker that stays up (submissions/worker.py): tasks, retries, pruning.

Use it instead of django-tasks-db's ``db_worker`` (which stops at a database error); it
also sends emails that are due and prunes old task results, so no cron job is needed for
either. Run one or more under a process manager that restarts it if it is killed
(systemd, supervisord).
"""

from django.core.management.base import BaseCommand

from ...worker import StayingWorker


class Command(BaseCommand):
    help = "Run background tasks (emails), retry due emails and prune old task results; survives database restarts."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between checks for new tasks.")

    def handle(self, *args, interval=1.0, **options):
        StayingWorker(interval=interval).run()
