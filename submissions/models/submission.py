"""The moderation machinery both queues share.

A submission (volunteer application, survey response) has a human-readable
reference, a status that moves only along its queue's allowed transitions,
an optional assignee, staff notes, and a history kept in Wagtail's audit log
with the custom actions registered in ``submissions.wagtail_hooks``.
Each queue says which statuses exist, how they connect and how long records
are kept in each (``StatusFlow``);
everything else is here once.
"""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core.search import normalise

from .outbox import OutgoingEmail, PendingEmails

#: Sent after a status change is logged, inside its transaction: (sender=model, submission, old,
#: new, user). A queue that tells residents about their record listens to it.
status_changed = Signal()

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U/V pairs to misread


class RetentionAction(models.TextChoices):
    DELETE = "delete", _("Delete")
    ANONYMISE = "anonymise", _("Anonymise")


@dataclass(frozen=True)
class Retention:
    """How long a record stays in one status before it is deleted or anonymised."""

    days: int
    action: RetentionAction


@dataclass(frozen=True)
class StatusFlow:
    """Statuses of one queue, the moves allowed between them, and what retention does in each.

    ``decisions`` are the statuses a coordinator must give a reason for;
    ``open`` statuses still need someone to act (they count as new work and
    can become overdue, after their ``service_days``); ``retention`` names, for every status, how many days
    after the last status change the record is deleted or anonymised. The
    system check ``submissions.E001`` fails when a status has no
    retention (submissions/checks.py). Not Wagtail's ``Workflow``, which
    moderates pages.
    """

    initial: str
    transitions: dict[str, tuple[str, ...]]
    retention: dict[str, Retention]
    decisions: frozenset = field(default_factory=frozenset)
    open: frozenset = field(default_factory=frozenset)
    service_levels: dict[str, int] = field(default_factory=dict)
    #: Statuses only a queue's own action sets (a question is "answered" with its answer),
    #: never the status form or the bulk action.
    action_only: frozenset = field(default_factory=frozenset)

    def service_days(self, status):
        """Days staff have to move a record on from ``status`` (None: no promise).

        The initial status has ``SUBMISSION_OVERDUE_DAYS`` unless the queue says
        otherwise; another open status only what ``service_levels`` gives it.
        """
        if status in self.service_levels:
            return self.service_levels[status]
        return settings.SUBMISSION_OVERDUE_DAYS if status == self.initial else None

    def allowed_from(self, status):
        return self.transitions.get(status, ())

    def can_move(self, from_status, to_status):
        return to_status in self.allowed_from(from_status)

    def needs_reason(self, to_status):
        return to_status in self.decisions


class TransitionError(ValidationError):
    pass


class Submission(models.Model):
    """Abstract base of everything residents submit through the site."""

    status_flow: StatusFlow
    reference_prefix = "SUB"
    #: Fields holding personal data; emptied when a record is anonymised.
    personal_fields: tuple[str, ...] = ()
    #: Wagtail's reference index shows editors where content is used; residents' records
    #: are not content, and indexing each one cost five statements per form sent.
    wagtail_reference_index_ignore = True

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.PROTECT, related_name="+"
    )
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sent from page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    # What the queue's find box searches, normalised as public search is ("ساره" finds
    # "سارة", "احمد" finds "أحمد"): normalising in SQL would differ between SQLite and
    # PostgreSQL. Personal data: emptied with the record.
    search_text = models.TextField(blank=True, editable=False)
    notes = GenericRelation("submissions.SubmissionNote")

    class Meta:
        abstract = True
        ordering = ["-submitted_at"]

    def __str__(self):
        # The reference only: this string lands in audit-log labels.
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = self.new_reference()
        if not self.status:
            self.status = self.status_flow.initial
        self.search_text = "" if self.anonymised_at else normalise(" ".join(self.find_text_parts()))
        super().save(*args, **kwargs)

    def find_text_parts(self):
        """The texts staff look a record up by; each queue names its own."""
        return []

    @classmethod
    def held_about(cls, *, phone="", email=""):
        """The records holding this phone (E.164) or email (case-folded), for a person's data
        request (submissions/data_requests.py). Every queue must say where it keeps them."""
        raise NotImplementedError(f"{cls.__name__} must say which of its records hold a phone or email")

    @classmethod
    def mentioning(cls, *, phone="", email=""):
        """Other people's records that mention this phone or email in free text (a queue with
        free-text answers says how); a data request lists them and only ``redact``s them."""
        return []

    def redact(self, *, phone="", email=""):
        """Remove the phone and email from this record's free text; True if anything changed."""
        return False

    @classmethod
    def new_reference(cls):
        while True:
            code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
            reference = f"{cls.reference_prefix}-{code}"
            if not cls.objects.filter(reference=reference).exists():
                return reference

    def related_personal_data(self):
        """What a queue keeps about the person beside this record, for their data request
        file (an applicant's volunteer number and sign-ups); deleted with the record."""
        return {}

    @classmethod
    def purge_ended_records(cls, now, dry_run):
        """Delete what a queue keeps beside its records that no longer serves (expired links);
        return how many (to be) deleted. Run by ``purge_submissions``."""
        return 0

    def personal_link_url(self):
        """A new link to the resident's own page about this record, for an email that
        carries ``PERSONAL_LINK`` (filled in when sent); empty where a queue has none."""
        return ""

    def get_verbose_name(self):
        return self._meta.verbose_name

    # --- state --------------------------------------------------------------
    @property
    def age_days(self):
        return (timezone.now() - self.submitted_at).days

    @property
    def is_open(self):
        return self.status in self.status_flow.open

    @property
    def due_by(self):
        """When staff should have moved this record on from its status, or None.

        The clock of the initial status starts when the record is received; of any
        other, when the record entered it. One rule for the overdue tag, the overdue
        filter and the date an applicant is given.
        """
        days = self.status_flow.service_days(self.status)
        if days is None or self.status not in self.status_flow.open:
            return None
        started = self.submitted_at if self.status == self.status_flow.initial else self.status_changed_at
        return started + timedelta(days=days)

    @property
    def is_overdue(self):
        return self.due_by is not None and self.due_by < timezone.now()

    @classmethod
    def overdue_filter(cls, now=None):
        now = now or timezone.now()
        flow = cls.status_flow
        overdue = models.Q(pk__in=[])
        for status in flow.open:
            days = flow.service_days(status)
            if days is None:
                continue
            clock = "submitted_at" if status == flow.initial else "status_changed_at"
            overdue |= models.Q(status=status, **{f"{clock}__lt": now - timedelta(days=days)})
        return overdue

    def allowed_statuses(self):
        """The statuses staff may choose from this one (not those only an action sets)."""
        labels = dict(type(self)._meta.get_field("status").choices)
        flow = self.status_flow
        return [(status, labels[status]) for status in flow.allowed_from(self.status) if status not in flow.action_only]

    # --- actions (each one logged) -----------------------------------------------
    def move_to(self, status, *, user, reason="", details=None, by_action=False):
        """Move to ``status`` if the flow allows it, logged; ``details`` are added to the log
        entry's data (who asked, when it was not a staff member). A status only an action sets
        (``StatusFlow.action_only``) needs ``by_action``."""
        reason = (reason or "").strip()
        if status in self.status_flow.action_only and not by_action:
            raise TransitionError(_("That status change is not allowed."), code="not_allowed")
        if self.status_flow.needs_reason(status) and not reason:
            raise TransitionError(_("Give a reason for this decision."), code="reason_required")
        with transaction.atomic():
            # Read the status under a row lock: two coordinators deciding at
            # once must not both pass the check against a stale status.
            old = type(self).objects.select_for_update().values_list("status", flat=True).get(pk=self.pk)
            if not self.status_flow.can_move(old, status):
                self.status = old
                raise TransitionError(_("That status change is not allowed."), code="not_allowed")
            self.status = status
            self.status_changed_at = timezone.now()
            self.save(update_fields=["status", "status_changed_at"])
            log(
                self,
                "sharaka.submission.status",
                user=user,
                data={"old": old, "new": status, "reason": reason, **(details or {})},
            )
            status_changed.send(type(self), submission=self, old=old, new=status, user=user)

    def assign(self, assignee, *, user):
        old = self.assignee
        with transaction.atomic():
            self.assignee = assignee
            self.save(update_fields=["assignee"])
            log(
                self,
                "sharaka.submission.assign",
                user=user,
                data={
                    "old": old.get_username() if old else "",
                    "new": assignee.get_username() if assignee else "",
                },
            )

    def add_note(self, text, *, user):
        with transaction.atomic():
            note = SubmissionNote.objects.create(submission=self, author=user, text=text.strip())
            log(self, "sharaka.submission.note", user=user)
        return note

    def log_view(self, user):
        log(self, "sharaka.submission.view", user=user)

    def anonymise(self):
        """Empty the personal fields, drop notes and pending emails; keep statistics."""
        for name in self.personal_fields:
            model_field = self._meta.get_field(name)
            setattr(self, name, None if model_field.null else model_field.get_default())
        self.anonymised_at = timezone.now()
        self.save()
        self.forget_history_details()
        log(self, "sharaka.submission.anonymise")

    def forget_history_details(self):
        """Before anonymising or deleting: drop notes, queued emails and decision reasons.

        Staff write reasons and notes about the person; the history keeps who
        did what and when, which is what accountability needs.
        """
        self.notes.all().delete()
        # Emails not written yet never will be (submissions/deferred_emails.py). First: a
        # worker writing them holds the row; this waits for its commit, so that the next
        # statement sees (and deletes) the emails it wrote.
        PendingEmails.objects.for_object(self).delete()
        OutgoingEmail.objects.for_object(self).delete()
        for entry in ModelLogEntry.objects.for_instance(self).filter(action="sharaka.submission.status"):
            if (entry.data or {}).get("reason"):
                ModelLogEntry.objects.filter(pk=entry.pk).update(data={**entry.data, "reason": ""})


class SubmissionNote(models.Model):
    """An internal note staff add to a submission; never shown to the resident."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    submission = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("note")

    def __str__(self):
        return f"{self.submission} · {self.created_at:%Y-%m-%d}"


class RetentionRecord(models.Model):
    """Counts of what ``purge_submissions`` removed, kept after the data is gone.

    Each record is also the object its audit-log entry points at: Wagtail's
    history reports load the logged object by id, so an event must be logged
    against a real row.
    """

    class Action(models.TextChoices):
        DELETED = "deleted", _("Deleted")
        ANONYMISED = "anonymised", _("Anonymised")

    model = models.CharField(max_length=100)
    status = models.CharField(max_length=20)
    action = models.CharField(max_length=12, choices=Action.choices)
    count = models.PositiveIntegerField()
    run_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-run_at"]
        verbose_name = _("retention run")

    def __str__(self):
        return _("Retention of %(model)s (%(status)s): %(count)s %(action)s") % {
            "model": _model_name(self.model),
            "status": _status_name(self.model, self.status),
            "count": self.count,
            "action": self.get_action_display(),
        }


class ExportRecord(models.Model):
    """One export of a queue's personal data: who, when, what, how many.

    The audit-log entry of an export points at this row (see ``RetentionRecord``).
    Only superusers, and groups given this model's view permission, see these
    entries in the site history: who exported what is for supervisors.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    export_format = models.CharField(max_length=20)
    count = models.PositiveIntegerField()
    filters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        # Held by whoever answers residents' data requests (submissions/data_requests.py).
        permissions = [("handle_data_requests", _("Can find, export and erase a person's data in every queue"))]

    def _exported_label(self):
        content_type = ContentType.objects.get_for_id(self.content_type_id)  # cached
        return f"{content_type.app_label}.{content_type.model}"

    def __str__(self):
        return _("Export of %(count)s %(model)s as %(format)s") % {
            "count": self.count,
            "model": _model_name(self._exported_label()),
            "format": self.export_format.upper(),
        }


def submission_models():
    """Every concrete model residents submit (a subclass of ``Submission``), whatever app defines it."""
    return [model for model in apps.get_models() if issubclass(model, Submission)]


def _status_name(label, status):
    """The status's label in the current language, or the status itself."""
    try:
        return dict(apps.get_model(label)._meta.get_field("status").choices).get(status, status)
    except (LookupError, ValueError):
        return status


def _model_name(label):
    """The plural verbose name of an ``app_label.ModelName`` label, or the label itself."""
    try:
        return apps.get_model(label)._meta.verbose_name_plural
    except (LookupError, ValueError):
        return label
