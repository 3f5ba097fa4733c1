"""A new submission's emails, written a moment after its request instead of in it.

Writing them is most of the work of a form sent: finding the staff who work the queue,
counting the recipient's daily budget under a lock, rendering each email in its
reader's language. Residents waited for it on every form, and at 16 applications at a
time it made the slowest of them wait three times as long as the rest.

So the request saves, with the record and in the same transaction, only a
``PendingEmails`` row naming the record and the kind of form, and a task to write its
emails (``later``). With the database task backend (production) the task is a row in
the same transaction too: the record, its pending emails and the task are committed
together or not at all, and the worker (``manage.py run_worker``) writes the emails
within a second, then sends them as before (submissions/delivery.py). With the
immediate backend (development, tests) the task runs at once, in the request.

Nothing is lost: a task that is lost, or fails, leaves its row, and the worker's
maintenance (submissions/worker.py) writes what is overdue, with growing delays after
each failure. Nothing is written twice: the writer holds the row's lock and deletes it
with the emails it writes, in one transaction. A record erased before its emails are
written gets none (``Submission.forget_history_details``).
"""

import logging
import traceback
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .models import PendingEmails
from .tasks import enqueue

logger = logging.getLogger("sharaka.email")

#: When the maintenance writes what a task should have written by then.
OVERDUE_AFTER = timedelta(minutes=1)
#: Minutes to wait after the n-th failure (then the last value again).
RETRY_MINUTES = [1, 5, 15, 30, 60]

_writers = {}  # form kind -> its EmbeddedForm class (submissions/embedding.py)


def register(handler_class):
    """Called for each ``EmbeddedForm`` subclass as it is defined: its ``queue_emails``
    writes the emails of the records its kind of form saves."""
    if handler_class.kind:
        _writers[handler_class.kind] = handler_class


def later(kind, submission):
    """In the transaction that saves ``submission``: have its emails written after it."""
    pending = PendingEmails.objects.create(
        kind=kind, submission=submission, next_attempt_at=timezone.now() + OVERDUE_AFTER
    )
    write_emails.enqueue(pending.pk)
    return pending


@task()
def write_emails(pending_id):
    write(pending_id)


def write(pending_id):
    """Write the emails of one pending submission and queue them for sending; True if
    this call wrote them. A failure is logged and recorded on the row, never raised:
    the maintenance tries again."""
    try:
        with transaction.atomic():
            # Another worker writing the same row holds its lock: leave it to that one.
            pending = PendingEmails.objects.select_for_update(skip_locked=True).filter(pk=pending_id).first()
            if pending is None:  # written already (or erased)
                return False
            emails = _write(pending)
            pending.delete()
            transaction.on_commit(lambda: enqueue([email.pk for email in emails]))
        return True
    except Exception as error:
        # Recorded and logged by exception class and where it was raised, never its message:
        # that could repeat an address or a name.
        attempts = PendingEmails.objects.filter(pk=pending_id).values_list("attempts", flat=True).first() or 0
        wait = RETRY_MINUTES[min(attempts, len(RETRY_MINUTES) - 1)]
        PendingEmails.objects.filter(pk=pending_id).update(
            attempts=F("attempts") + 1,
            last_error=type(error).__name__,
            next_attempt_at=timezone.now() + timedelta(minutes=wait),
        )
        logger.error(
            "the emails of pending submission %s were not written (%s); again in %s min\n%s",
            pending_id,
            type(error).__name__,
            wait,
            "".join(traceback.format_tb(error.__traceback__)),
        )
        return False


def _write(pending):
    submission = pending.submission
    if submission is None:  # deleted since: nobody to write to
        return []
    writer = _writers.get(pending.kind)
    if writer is None:
        raise LookupError(f"no form of kind {pending.kind!r} writes emails")
    return writer().queue_emails(submission, submission.source_page)


def write_overdue(now=None, keep_going=lambda: True):
    """Write every pending submission's emails that are overdue; return how many were written."""
    now = now or timezone.now()
    written = 0
    due = PendingEmails.objects.filter(next_attempt_at__lte=now).order_by("next_attempt_at")
    for pending_id in due.values_list("pk", flat=True):
        if not keep_going():
            break
        written += write(pending_id)
    if written:
        logger.warning("wrote the emails of %s submission(s) no task had written", written)
    return written
