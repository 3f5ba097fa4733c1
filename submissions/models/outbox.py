"""Emails waiting to be sent, stored in the same transaction as the submission.

Mail servers fail; databases are more reliable. Writing the email to this
table first means a mail outage can delay a message but never lose it, and
never turns a resident's successful submission into an error page. A task
sends each message after the commit; the worker (``manage.py run_worker``) retries
what failed, with growing delays, until it gives up after ``MAX_ATTEMPTS``.

Delivery is at least once: a worker killed after the mail server took a message but
before the row says "sent" leaves it "sending", and it is sent again after
``stale_sending()``. Each email keeps one Message-ID from the moment it is written, so a
copy sent twice can be recognised as the same message (many mail services show it once).
"""

import re
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


def same_mailbox_pattern(address):
    """A case-insensitive regular expression for ``address`` with or without a ``+tag``."""
    local, _, domain = address.strip().rpartition("@")
    local = local.split("+", 1)[0]
    return rf"^{re.escape(local)}(\+[^@]*)?@{re.escape(domain)}$"


class OutgoingEmailQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def triggered_by_strangers_to(self, address, since=None):
        """Emails to ``address``'s mailbox that anyone could have made us send, in the budget window.

        One mailbox, however it is spelled: case aside, ``name+anything@example.org`` is
        delivered to ``name@example.org`` by most providers, so a stranger adding tags
        does not get a fresh budget for each.

        Counted in the database, not the cache: the budget holds when Redis is down and
        the rate limits fail open. Held-back emails were not sent and do not count.
        """
        since = since or timezone.now() - BUDGET_WINDOW
        return self.filter(
            kind__in=OutgoingEmail.STRANGER_TRIGGERED, to__iregex=same_mailbox_pattern(address), created_at__gte=since
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
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.subject}"

    def backoff(self):
        index = min(self.attempts - 1, len(BACKOFF_MINUTES) - 1)
        return timedelta(minutes=BACKOFF_MINUTES[max(index, 0)])
