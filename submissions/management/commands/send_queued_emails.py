"""Write and send the emails that are due, and show what the outbox holds.

The worker (``run_worker``) already does both every 30 seconds; this is for an
operator: after a mail or worker outage, to write and send at once and see what is left,
or with ``--list`` to see which emails are stuck in a state (no addresses are shown: they
are personal data). A new submission's emails are written by a task a moment after its
form is sent (submissions/deferred_emails.py); those no task wrote are written here first.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from ...deferred_emails import write_overdue
from ...delivery import send_due
from ...models import OutgoingEmail, PendingEmails
from ...models.outbox import stale_sending


class Command(BaseCommand):
    help = "Send queued emails that are due (retries failures with growing delays) and report the outbox."

    def add_arguments(self, parser):
        parser.add_argument("--report", action="store_true", help="Only show how many emails are in each state.")
        parser.add_argument(
            "--retry-now",
            action="store_true",
            help="Write and send the emails waiting for a retry now (the mail server is back), not at their next try.",
        )
        parser.add_argument(
            "--list",
            dest="list_status",
            choices=OutgoingEmail.Status.values,
            help="List the emails in this state (id, kind, attempts, dates, last error) instead of sending.",
        )

    def handle(self, *args, list_status=None, report=False, retry_now=False, **options):
        if list_status:
            self.list_emails(list_status)
            return
        if report:
            self.report()
            return
        if retry_now:
            now = timezone.now()
            later = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING, next_attempt_at__gt=now)
            self.stdout.write(f"due now: {later.update(next_attempt_at=now)} waiting for a retry")
            PendingEmails.objects.filter(next_attempt_at__gt=now).update(next_attempt_at=now)
        self.stdout.write(f"written now: the emails of {write_overdue()} submission(s)")
        sent, waiting = send_due()
        self.stdout.write(f"sent now: {sent}; still not sent: {waiting}")
        self.report()

    def report(self):
        now = timezone.now()
        pending = PendingEmails.objects.all()
        line = f"not written yet: the emails of {pending.count()} submission(s)"
        oldest = pending.order_by("created_at").values_list("created_at", flat=True).first()
        if oldest:
            line += f" (the oldest from a form sent {timezone.localtime(oldest):%Y-%m-%d %H:%M}"
            failed = pending.filter(attempts__gt=0)
            errors = sorted(set(failed.values_list("last_error", flat=True)))
            line += f"; {failed.count()} failed to be written: {', '.join(errors)})" if errors else ")"
        self.stdout.write(line)
        emails = OutgoingEmail.objects.all()
        for status, label in OutgoingEmail.Status.choices:
            of_status = emails.filter(status=status)
            count = of_status.count()
            line = f"{status}: {count}"
            if count and status in (OutgoingEmail.Status.PENDING, OutgoingEmail.Status.SENDING):
                oldest = of_status.order_by("created_at").values_list("created_at", flat=True).first()
                line += f" (oldest written {timezone.localtime(oldest):%Y-%m-%d %H:%M})"
            if status == OutgoingEmail.Status.SENDING:
                stuck = of_status.filter(locked_at__lt=now - stale_sending()).count()
                if stuck:
                    line += f"; {stuck} stuck (a worker stopped while sending): sent again when next due"
            self.stdout.write(f"{line} - {label}")

    def list_emails(self, status):
        rows = OutgoingEmail.objects.filter(status=status).order_by("created_at")
        self.stdout.write("id\tkind\tattempts\twritten\tnext attempt\tlast error")
        for email in rows.iterator():
            self.stdout.write(
                "\t".join(
                    [
                        str(email.pk),
                        email.kind,
                        str(email.attempts),
                        f"{timezone.localtime(email.created_at):%Y-%m-%d %H:%M}",
                        f"{timezone.localtime(email.next_attempt_at):%Y-%m-%d %H:%M}",
                        email.last_error or "-",
                    ]
                )
            )
