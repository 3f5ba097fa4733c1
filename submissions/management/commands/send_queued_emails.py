"""Send the emails that are due, retrying those that failed before.

Run it from cron every minute (or with --loop under a process manager) so
that a mail outage delays messages instead of losing them.
"""

import time

from django.core.management.base import BaseCommand

from ...delivery import send_due
from ...models import OutgoingEmail


class Command(BaseCommand):
    help = "Send queued emails that are due (retries failures with growing delays)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every 30 seconds.")

    def handle(self, *args, loop=False, **options):
        while True:
            sent, waiting = send_due()
            pending = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).count()
            failed = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).count()
            self.stdout.write(f"sent {sent}, not sent this time {waiting}, pending {pending}, failed for good {failed}")
            if not loop:
                return
            time.sleep(30)
