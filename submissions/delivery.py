"""Sending the emails in the outbox, one attempt at a time.

Each attempt first claims the row (pending -> sending) with a conditional
UPDATE, so a task and ``send_queued_emails`` running at the same moment
cannot both send it. Failures are recorded by exception class only: the
error text of a mail server can repeat the recipient's address.
"""

import logging

from django.core.mail import EmailMessage
from django.utils import timezone

from .models import OutgoingEmail
from .models.outbox import MAX_ATTEMPTS, PERSONAL_LINK

logger = logging.getLogger("sharaka.email")


def _claim(email_id, now):
    claimable = OutgoingEmail.objects.due(now).filter(pk=email_id)
    return claimable.update(status=OutgoingEmail.Status.SENDING, locked_at=now) == 1


def personalised_body(email):
    """The body as sent: a new personal link where the stored one has ``PERSONAL_LINK``
    (none once the record is gone). Every attempt makes its own link."""
    if PERSONAL_LINK not in email.body or email.kind not in OutgoingEmail.TO_RESIDENT:
        return email.body
    submission = email.submission
    return email.body.replace(PERSONAL_LINK, submission.personal_link_url() if submission else "")


def send_one(email_id):
    """Try to send one email; return True if it was sent by this call."""
    now = timezone.now()
    if not _claim(email_id, now):
        return False
    email = OutgoingEmail.objects.get(pk=email_id)
    email.attempts += 1
    try:
        message = EmailMessage(subject=email.subject, body=personalised_body(email), to=[email.to])
        message.extra_headers["Message-ID"] = email.message_id  # the same at every attempt
        if email.calendar:
            message.attach("opportunity.ics", email.calendar, "text/calendar")
        message.send()
    except Exception as error:
        email.last_error = type(error).__name__
        if email.attempts >= MAX_ATTEMPTS:
            email.status = OutgoingEmail.Status.FAILED
            logger.error("email %s failed %s times; giving up", email.pk, email.attempts)
        else:
            email.status = OutgoingEmail.Status.PENDING
            email.next_attempt_at = timezone.now() + email.backoff()
            logger.warning(
                "email %s not sent (%s); retry at %s",
                email.pk,
                email.last_error,
                email.next_attempt_at,
            )
        email.locked_at = None
        email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "locked_at"])
        return False
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.locked_at = None
    email.last_error = ""
    email.save(update_fields=["attempts", "status", "sent_at", "locked_at", "last_error"])
    return True


def send_due(now=None, keep_going=lambda: True):
    """Send every email that is due, while ``keep_going()``; return (sent, still waiting)."""
    sent = waiting = 0
    for email_id in OutgoingEmail.objects.due(now).order_by("next_attempt_at").values_list("pk", flat=True):
        if not keep_going():
            break
        if send_one(email_id):
            sent += 1
        else:
            waiting += 1
    return sent, waiting
