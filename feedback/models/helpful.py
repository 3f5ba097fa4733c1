"""Readers' answers to "Was this page helpful?", and what they said was missing.

A vote is a number, not a person: the page, its language, yes or no and when; no
address, cookie or account. A "no" may come with a comment, which goes to the feedback
officers' queue (``PageComment``, a submission like a survey response: statuses, notes,
history, retention). Nobody is asked for personal data, and phone numbers, email
addresses and long numbers typed anyway are masked when the comment is saved
(``core.phones.mask_contacts``), so the comment never holds them.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from submissions.models import Retention, RetentionAction, StatusFlow, Submission


class HelpfulVote(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.PROTECT, related_name="+")
    helpful = models.BooleanField(_("helpful"))
    created_at = models.DateTimeField(_("answered"), default=timezone.now, db_index=True)
    # The form token's nonce: a double click or a refresh counts once.
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, editable=False)

    class Meta:
        verbose_name = _("page vote")
        indexes = [models.Index(fields=["page", "created_at"])]

    def __str__(self):
        return f"{self.page_id} · {'yes' if self.helpful else 'no'} · {self.created_at:%Y-%m-%d}"


class CommentStatus(models.TextChoices):
    NEW = "new", _("New")
    READ = "read", _("Read")
    ACTED_ON = "acted_on", _("Acted on")
    SPAM = "spam", _("Spam")


C = CommentStatus

COMMENT_FLOW = StatusFlow(
    initial=C.NEW,
    transitions={
        C.NEW: (C.READ, C.ACTED_ON, C.SPAM),
        C.READ: (C.ACTED_ON, C.SPAM),
        C.ACTED_ON: (C.READ,),
        C.SPAM: (C.NEW,),
    },
    # Days after the last status change. A comment holds no contact details; once acted
    # on or judged it has served, and the page's counts keep what it said in numbers.
    retention={
        C.NEW: Retention(365, RetentionAction.DELETE),
        C.READ: Retention(365, RetentionAction.DELETE),
        C.ACTED_ON: Retention(180, RetentionAction.DELETE),
        C.SPAM: Retention(30, RetentionAction.DELETE),
    },
    open=frozenset({C.NEW}),
)


class PageComment(Submission):
    """What a reader who answered "no" said was missing from a page."""

    status_flow = COMMENT_FLOW
    reference_prefix = "PC"
    personal_fields = ("comment",)

    status = models.CharField(_("status"), max_length=20, choices=CommentStatus.choices, default=C.NEW, db_index=True)
    vote = models.OneToOneField(HelpfulVote, null=True, blank=True, on_delete=models.SET_NULL, related_name="comment")
    comment = models.TextField(_("what was missing"), max_length=1000)

    class Meta(Submission.Meta):
        verbose_name = _("page comment")
        verbose_name_plural = _("page comments")

    def find_text_parts(self):
        return [self.reference, self.comment]

    @classmethod
    def held_about(cls, *, phone="", email=""):
        """None: contact details are masked out of comments before they are saved."""
        return cls.objects.none()
