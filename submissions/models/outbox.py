"""Emails waiting to be sent, and the new submissions whose emails are still to be written.

Mail servers fail; databases are more reliable. Writing the email to this
table first means a mail outage can delay a message but never lose it, and
never turns a resident's successful submission into an error page. A new
submission's emails are written a moment after it is saved (``PendingEmails``, saved in
its transaction: submissions/deferred_emails.py), and staff's notices to a resident in
the transaction of what they did. A task sends each message after the commit; the worker
(``manage.py run_worker``) retries what failed, with growing delays, until it gives up
after ``MAX_ATTEMPTS``.

Delivery is at least once: a worker killed after the mail server took a message but
before the row says "sent" leaves it "sending", and it is sent again after
``stale_sending()``. Each email keeps one Message-ID from the moment it is written, so a
copy sent twice can be recognised as the same message (many mail services show it once).
"""

from datetime import timedelta
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_ATTEMPTS = 10
#: Minutes to wait after the n-th failure (then the last value again).
BACKOFF_MINUTES = [1, 5, 15, 30, 60, 120, 240, 480, 720]


def stale_sending():
    """How long an email may stay "sending" before it is taken as abandoned by a worker that
    stopped, and sent again (``EMAIL_STALE_SENDING_SECONDS``, 10 minutes)."""
    return timedelta(seconds=settings.EMAIL_STALE_SENDING_SECONDS)


#: Stands in a stored body for the resident's personal link, made when the email is sent
#: (``Submission.personal_link_url``): the outbox never holds a working link.
PERSONAL_LINK = "[[personal-link]]"

#: How far back a recipient's budget of emails reaches.
BUDGET_WINDOW = timedelta(hours=24)


def new_message_id():
    """A Message-ID at our sending domain (not this server's host name)."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return make_msgid(domain=domain)


def same_mailbox(address):
    """The mailbox ``address`` is delivered to: lower case, without a ``+tag``.

    Case aside, ``name+anything@example.org`` reaches ``name@example.org`` at most
    providers, so a stranger adding tags must not get a fresh budget for each.
    """
    local, _, domain = address.strip().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}".lower()


class AboutASubmission(models.QuerySet):
    """Rows that name a submission by content type and id (emails, and emails to write)."""

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class OutgoingEmailQuerySet(AboutASubmission):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for email in objs:
            email.mailbox = same_mailbox(email.to)
        return super().bulk_create(objs, *args, **kwargs)

    def triggered_by_strangers_to(self, address, since=None):
        """Emails to ``address``'s mailbox (``same_mailbox``) that anyone could have made us
        send, in the budget window.

        Counted in the database, not the cache: the budget holds when Redis is down and
        the rate limits fail open. Held-back emails were not sent and do not count. The
        mailbox is stored and indexed with the time: this runs for every form sent, and
        must not read every email of the day, let alone of the year.
        """
        since = since or timezone.now() - BUDGET_WINDOW
        return self.filter(
            mailbox=same_mailbox(address), created_at__gte=since, kind__in=OutgoingEmail.STRANGER_TRIGGERED
        ).exclude(status=OutgoingEmail.Status.HELD)

    def due(self, now=None):
        now = now or timezone.now()
        return self.filter(
            models.Q(status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=now)
            | models.Q(status=OutgoingEmail.Status.SENDING, locked_at__lt=now - stale_sending())
        )


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        HELD = "held", _("Held back: this address's daily limit was reached")

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation to the resident")
        STAFF = "staff", _("Notification to staff")
        NOTICE = "notice", _("Notice of news to the resident")
        LINK = "link", _("Personal link asked for by the resident")
        SELF = "self", _("Notice of the resident's own action")

    #: Kinds a stranger can trigger by typing someone's address into a public form (or
    #: into a page opened with a personal link). Each recipient gets at most
    #: RECIPIENT_DAILY_EMAIL_LIMIT of them a day, whoever asks, so our forms cannot be used
    #: to flood a resident's mailbox.
    STRANGER_TRIGGERED = (Kind.CONFIRMATION, Kind.LINK, Kind.SELF)
    #: Kinds written to the resident: only these get a personal link filled in when sent.
    TO_RESIDENT = (Kind.CONFIRMATION, Kind.NOTICE, Kind.LINK, Kind.SELF)

    kind = models.CharField(max_length=20, choices=Kind.choices)
    to = models.EmailField()
    # ``same_mailbox(to)``, kept by ``save`` and ``bulk_create``: the daily budget's index.
    mailbox = models.CharField(max_length=254, editable=False, default="", db_default="")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # An iCalendar file sent with the email (a volunteer's booking or its cancellation).
    calendar = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The same for every attempt (module docstring).
    message_id = models.CharField(max_length=255, default=new_message_id, editable=False)
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True)
    submission = GenericForeignKey("content_type", "object_id")

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["mailbox", "created_at"], name="outgoing_email_budget"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.subject}"

    def save(self, *args, **kwargs):
        self.mailbox = same_mailbox(self.to)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "to" in update_fields:
            kwargs["update_fields"] = {*update_fields, "mailbox"}
        super().save(*args, **kwargs)

    def backoff(self):
        index = min(self.attempts - 1, len(BACKOFF_MINUTES) - 1)
        return timedelta(minutes=BACKOFF_MINUTES[max(index, 0)])


class PendingEmails(models.Model):
    """A new submission whose emails are still to be written (submissions/deferred_emails.py).

    Saved in the submission's own transaction, in place of the emails themselves: writing
    them (finding the staff to tell, counting the recipient's budget, rendering each in
    its reader's language) is most of the work of a form sent, and a resident should not
    wait for it. A task writes them a moment after the commit; the worker's maintenance
    writes any a lost or failed task left, with growing delays. It holds no personal data:
    which record, and which kind of form wrote it.
    """

    kind = models.CharField(max_length=32)  # the form's kind (``EmbeddedForm.kind``): who writes them
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    submission = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)
    # When the worker's maintenance writes them if no task has: a moment after the task
    # should have, then later after each failure.
    next_attempt_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)

    objects = AboutASubmission.as_manager()

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("emails still to be written")
        verbose_name_plural = _("emails still to be written")

    def __str__(self):
        return f"{self.kind} {self.object_id}"
