"""Questions residents ask without giving a name, and the answers that come of them.

An ``AnonymousQuestion`` is a submission like a survey response (reference, statuses,
notes, history, retention, data requests), worked by the Answerers. It holds no name;
a phone or email only when the asker wants to be told of the answer, and phones and
email addresses typed into the question itself are masked when it is saved.

The asker reads the answer at a private link (``QuestionLink``, kept as a hash), shown
on their confirmation; an email, if they left one, only says the answer is ready.

With the asker's consent (stored with the words they agreed to), an Answerer may
publish the question, edited so that nothing identifies the asker, with an answer:
a ``PublishedAnswer``, a translatable snippet listed on the questions page in its
language and found by site search. It holds no link back to the question, so deleting
the question under retention or on request leaves the public answer as it is.

``CrisisWords`` is the staff-editable list of words (both languages in one list) that
put the crisis help lines at the top of the asker's confirmation (feedback/crisis.py).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.search import NormalisedSearchMixin
from core.text import join_list
from submissions.models import Retention, RetentionAction, StatusFlow, Submission

ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Subject(models.TextChoices):
    DRUGS = "drugs", _("Drugs and addiction")
    SAFETY = "safety", _("Safety")
    VOLUNTEERING = "volunteering", _("Volunteering")
    OTHER = "other", _("Something else")


class QuestionStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed without an answer")
    SPAM = "spam", _("Spam")


Q = QuestionStatus

QUESTION_FLOW = StatusFlow(
    initial=Q.NEW,
    transitions={
        Q.NEW: (Q.ANSWERED, Q.CLOSED, Q.SPAM),
        Q.ANSWERED: (Q.CLOSED,),
        Q.CLOSED: (Q.NEW,),
        Q.SPAM: (Q.NEW,),
    },
    # Days after the last status change. An answered question stays long enough for the
    # asker to come back for the answer; a published answer keeps no link to it.
    retention={
        Q.NEW: Retention(365, RetentionAction.DELETE),
        Q.ANSWERED: Retention(90, RetentionAction.DELETE),
        Q.CLOSED: Retention(90, RetentionAction.DELETE),
        Q.SPAM: Retention(30, RetentionAction.DELETE),
    },
    decisions=frozenset({Q.CLOSED}),
    open=frozenset({Q.NEW}),
    service_levels={Q.NEW: 5},
    action_only=frozenset({Q.ANSWERED}),  # set with an answer (feedback/questions_admin.py)
)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class AnonymousQuestion(Submission):
    """A question a resident asked without giving their name."""

    status_flow = QUESTION_FLOW
    reference_prefix = "Q"
    personal_fields = ("question", "contact", "answer")

    status = models.CharField(_("status"), max_length=20, choices=QuestionStatus.choices, default=Q.NEW, db_index=True)
    subject = models.CharField(_("about"), max_length=20, choices=Subject.choices, default=Subject.OTHER)
    question = models.TextField(_("question"), max_length=2000)
    contact = models.CharField(
        _("phone or email for the answer"),
        max_length=254,
        blank=True,
        help_text=_("Only if the asker wants to be told of the answer."),
    )
    publish_consent = models.BooleanField(_("agreed to publication"), default=False)
    publish_consent_text = models.TextField(_("words agreed to"), blank=True)
    crisis_words = models.JSONField(_("crisis words found"), default=list, blank=True)
    answer = models.TextField(_("private answer"), blank=True, max_length=4000)
    answer_on_page = models.BooleanField(_("answer on the asker's private page"), default=False)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phoned_at = models.DateTimeField(_("answered by phone"), null=True, blank=True)
    published = models.ForeignKey(
        "feedback.PublishedAnswer",
        verbose_name=_("published as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Submission.Meta):
        verbose_name = _("anonymous question")
        verbose_name_plural = _("anonymous questions")

    def find_text_parts(self):
        return [self.reference, self.question, self.contact]

    @property
    def crisis_label(self):
        return join_list(self.crisis_words) or "—"

    @property
    def has_email(self):
        return "@" in self.contact

    @classmethod
    def held_about(cls, *, phone="", email=""):
        found = models.Q(pk__in=[])
        if phone:
            found |= models.Q(contact=phone)
        if email:
            found |= models.Q(contact__iexact=email)
        return cls.objects.filter(found)

    def personal_link_url(self):
        return QuestionLink.issue(self).url()

    @classmethod
    def purge_ended_records(cls, now, dry_run):
        ended = QuestionLink.objects.filter(expires_at__lt=now)
        count = ended.count()
        if not dry_run:
            ended.delete()
        return count


class QuestionLink(models.Model):
    """A private link at which an asker reads the answer, kept as the hash of its token."""

    question = models.ForeignKey(AnonymousQuestion, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("answer link")

    def __str__(self):
        return f"{self.question} · {self.created_at:%Y-%m-%d}"

    @classmethod
    def issue(cls, question):
        """A new link for ``question``; returns it with its token (never stored) set."""
        token = secrets.token_urlsafe(24)
        now = timezone.now()
        link = cls.objects.create(
            question=question,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + timedelta(days=settings.QUESTION_LINK_DAYS),
        )
        link.token = token
        return link

    @classmethod
    def find(cls, token):
        if not token or len(token) > 100:
            return None
        return (
            cls.objects.filter(token_hash=hash_token(token), expires_at__gt=timezone.now())
            .select_related("question__locale", "question__published")
            .first()
        )

    def path(self):
        """The link in the question's language (only just after ``issue``: the token is not kept)."""
        with translation.override(self.question.locale.language_code):
            return reverse("question_answer", args=[self.token])

    def url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.path()


class PublishedAnswerQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)


class PublishedAnswer(NormalisedSearchMixin, TranslatableMixin, index.Indexed, models.Model):
    """A question and its answer as the public reads them on the questions page.

    Written by an Answerer from a resident's question, edited so that it identifies
    nobody; translated to the other language like any snippet (wagtail-localize).
    """

    subject = models.CharField(_("about"), max_length=20, choices=Subject.choices, default=Subject.OTHER)
    question = models.TextField(_("question"), max_length=2000)
    answer = RichTextField(_("answer"), features=ANSWER_FEATURES)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    live = models.BooleanField(
        _("shown on the site"),
        default=True,
        help_text=_("Untick to withdraw the answer: it is withdrawn in every language at once."),
    )
    # The asker's consent, kept with what it allowed (the question itself is deleted under
    # retention): the words they agreed to, in their language, and when.
    consent_text = models.TextField(_("words the asker agreed to"), blank=True, editable=False)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True, editable=False)

    objects = PublishedAnswerQuerySet.as_manager()

    panels = [FieldPanel("subject"), FieldPanel("question"), FieldPanel("answer"), FieldPanel("live")]
    translatable_fields = [
        TranslatableField("question"),
        TranslatableField("answer"),
        SynchronizedField("subject", overridable=False),
        SynchronizedField("published_at", overridable=False),
        SynchronizedField("live", overridable=False),
        SynchronizedField("consent_text", overridable=False),
        SynchronizedField("consented_at", overridable=False),
    ]
    search_fields = [
        index.SearchField("question", boost=2),
        index.SearchField("answer_text"),
        index.AutocompleteField("question"),
        index.FilterField("live"),
        index.FilterField("locale"),
        index.FilterField("subject"),
        index.FilterField("published_at"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("published answer")
        verbose_name_plural = _("published answers")
        ordering = ["-published_at"]

    def __str__(self):
        return self.question[:80]

    def save(self, *args, **kwargs):
        """Shown or withdrawn in every language together: an answer is withdrawn because
        something in it should not be public, and its translation says the same thing."""
        super().save(*args, **kwargs)
        if self.translation_key:
            type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).exclude(
                live=self.live
            ).update(live=self.live)

    def delete(self, *args, **kwargs):
        """Deleted in every language together, for the same reason."""
        siblings = type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)
        result = super().delete(*args, **kwargs)
        for sibling in siblings:
            sibling.delete()
        return result

    @property
    def answer_text(self):
        return strip_tags(self.answer)

    @property
    def anchor(self):
        return f"answer-{self.translation_key.hex[:12]}"


@register_setting(icon="warning")
class CrisisWords(BaseGenericSetting):
    """Words in a question that put the crisis help lines first on the asker's confirmation."""

    words = models.TextField(
        _("crisis words"),
        blank=True,
        help_text=_(
            "One word or phrase per line, in Arabic or English. A question containing one shows the "
            "asker the crisis help lines at the top of the confirmation. Spelling variants (hamza, "
            "ta marbuta, diacritics, the article, English word endings) are matched like site search."
        ),
    )

    panels = [FieldPanel("words")]

    class Meta:
        verbose_name = _("crisis words")

    def terms(self):
        return [line.strip() for line in self.words.splitlines() if line.strip()]
