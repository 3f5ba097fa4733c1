"""Feedback surveys editors build, and the responses residents send.

A survey is a translatable snippet; its questions are Wagtail form fields
(``AbstractFormField``) made translatable. What a response stores must not
depend on the language it was given in, so that Arabic and English answers
land in one results view under the same questions:

* each question's key (``clean_name``) is set once, never empty, and
  synchronised between languages: translating or renaming a label cannot
  change it;
* a choice is stored as its position in the list ("0", "1", …), not its
  label; translators keep the order of the choices, one per line.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.search import NormalisedSearchMixin
from submissions.models import Retention, RetentionAction, StatusFlow, Submission


class QuestionType(models.TextChoices):
    SHORT_TEXT = "singleline", _("Short answer")
    LONG_TEXT = "multiline", _("Long answer")
    SINGLE_CHOICE = "radio", _("One choice")
    DROPDOWN = "dropdown", _("One choice from a list")
    MULTIPLE_CHOICE = "checkboxes", _("Several choices")
    RATING = "rating", _("Rating from 1 to 5")
    YES_NO = "yesno", _("Yes or no")
    CONTACT = "contact", _("Optional contact details (phone or email)")


CHOICE_TYPES = {QuestionType.SINGLE_CHOICE, QuestionType.DROPDOWN, QuestionType.MULTIPLE_CHOICE}
TEXT_TYPES = {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}


def new_choice_key():
    return f"c{secrets.token_hex(3)}"


def assign_choice_keys(labels, old_labels, old_keys):
    """Keys for ``labels`` (a question's choices after an edit), given the choices before it.

    A choice keeps its key when its label is unchanged, wherever it moved to,
    or when it was edited in place (same position, old label gone). Only a
    choice that is really new gets a new key. Answers are stored by key, so
    re-ordering or correcting choices never re-labels what residents answered.
    """
    previous = {}
    for label, key in zip(old_labels, old_keys, strict=False):
        previous.setdefault(label, key)
    keys, used = [None] * len(labels), set()
    for position, label in enumerate(labels):
        key = previous.get(label)
        if key and key not in used:
            keys[position] = key
            used.add(key)
    for position in range(min(len(labels), len(old_keys), len(old_labels))):
        key, old_label = old_keys[position], old_labels[position]
        if keys[position] is None and key not in used and old_label not in labels:
            keys[position] = key
            used.add(key)
    return [key or new_choice_key() for key in keys]


def split_choices(text):
    """One choice per line (or comma-separated when written on one line)."""
    text = (text or "").strip()
    parts = text.splitlines() if "\n" in text else text.split(",")
    return [part.strip() for part in parts if part.strip()]


class Survey(NormalisedSearchMixin, TranslatableMixin, index.Indexed, ClusterableModel):
    title = models.CharField(_("title"), max_length=160)
    intro = models.TextField(_("introduction"), blank=True, max_length=800)
    thank_you_text = models.TextField(
        _("thank-you text"),
        max_length=800,
        help_text=_("Shown after a response is sent, with its reference."),
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    notification_email = models.EmailField(
        _("notify this address of new responses"),
        blank=True,
        help_text=_("A team inbox. The email says a response arrived and links to it; it contains no answers."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        InlinePanel("fields", label=_("Questions"), min_num=1),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("When it is open")),
        FieldPanel("notification_email"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("thank_you_text"),
        TranslatableField("fields"),
        SynchronizedField("opens_at", overridable=False),
        SynchronizedField("closes_at", overridable=False),
        # Never translatable: a translator must not be able to reroute responses.
        SynchronizedField("notification_email", overridable=False),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The survey must close after it opens.")})

    def state(self, now=None):
        """ "open", "not_yet" or "closed"."""
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return "not_yet"
        if self.closes_at and now >= self.closes_at:
            return "closed"
        return "open"

    def questions(self):
        return list(self.fields.all())


class SurveyField(TranslatableMixin, AbstractFormField):
    """A question of a survey.

    Labels, help texts and choices are translated; the key, type and
    "required" flag are synchronised, so both languages answer the same
    question into the same key.
    """

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="fields")
    field_type = models.CharField(_("question type"), max_length=16, choices=QuestionType.choices)
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("One choice per line. Translations must keep the same order."),
    )
    # One stable key per line of the original's choices, set when the original is
    # saved and copied to every translation; answers store these keys.
    choice_keys = models.TextField(blank=True, editable=False)

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("field_type"),
        FieldPanel("required"),
        FieldPanel("choices"),
    ]
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
        SynchronizedField("choice_keys", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    def get_field_clean_name(self):
        """A short key, set once: ASCII words from the label (if any) plus a random tail.

        Arabic labels would otherwise give keys like "u0645u0627_…" that can
        exceed the column; the random tail keeps two questions with the same
        label apart.
        """
        words = slugify(get_field_clean_name(self.label) if self.label.isascii() else "").replace("-", "_")
        return f"{(words[:40] or 'q').strip('_')}_{secrets.token_hex(3)}"

    def clean(self):
        super().clean()
        if self.field_type in CHOICE_TYPES and len(split_choices(self.choices)) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})

    @property
    def choice_labels(self):
        return split_choices(self.choices)

    @property
    def choice_pairs(self):
        """(key, label) for each choice, in this language's order."""
        return list(zip(self.choice_keys.split(), self.choice_labels, strict=False))

    def is_translation(self):
        """Whether this is a translation: any language version but the first one made.

        The original sets the choice keys; translations receive them (wagtail-localize
        synchronises ``choice_keys``, ``copy_for_translation`` copies them).
        """
        first = (
            SurveyField.objects.filter(translation_key=self.translation_key).order_by("pk").values_list("pk", flat=True)
        ).first()
        return first is not None and first != self.pk

    def save(self, *args, **kwargs):
        if self.field_type in CHOICE_TYPES and not self.is_translation():
            before = (
                SurveyField.objects.filter(pk=self.pk).values_list("choices", "choice_keys").first()
                if self.pk
                else None
            )
            old_labels, old_keys = (split_choices(before[0]), before[1].split()) if before else ([], [])
            self.choice_keys = "\n".join(assign_choice_keys(self.choice_labels, old_labels, old_keys))
        super().save(*args, **kwargs)


class ResponseStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    NEEDS_FOLLOW_UP = "follow_up", _("Needs follow-up")
    CLOSED = "closed", _("Closed")
    SPAM = "spam", _("Spam")


R = ResponseStatus
RESPONSE_FLOW = StatusFlow(
    initial=R.NEW,
    transitions={
        R.NEW: (R.IN_REVIEW, R.NEEDS_FOLLOW_UP, R.CLOSED, R.SPAM),
        R.IN_REVIEW: (R.NEEDS_FOLLOW_UP, R.CLOSED, R.SPAM),
        R.NEEDS_FOLLOW_UP: (R.IN_REVIEW, R.CLOSED),
        R.CLOSED: (R.IN_REVIEW,),
        R.SPAM: (R.NEW,),
    },
    # Days after the last status change.
    retention={
        R.NEW: Retention(365, RetentionAction.ANONYMISE),
        R.IN_REVIEW: Retention(365, RetentionAction.ANONYMISE),
        R.NEEDS_FOLLOW_UP: Retention(365, RetentionAction.ANONYMISE),
        R.CLOSED: Retention(180, RetentionAction.ANONYMISE),
        R.SPAM: Retention(30, RetentionAction.DELETE),
    },
    decisions=frozenset({R.CLOSED, R.SPAM}),
    open=frozenset({R.NEW, R.IN_REVIEW, R.NEEDS_FOLLOW_UP}),
)


class SurveyResponse(Submission):
    """One resident's answers to one survey, anonymous unless they chose otherwise.

    No IP address, user agent or account is stored. Contact details are kept
    only with consent, apart from the answers, so they can be found and
    erased on their own.
    """

    status_flow = RESPONSE_FLOW
    reference_prefix = "FB"
    personal_fields = ("contact", "contact_consent")

    status = models.CharField(_("status"), max_length=20, choices=ResponseStatus.choices, default=R.NEW, db_index=True)
    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="responses")
    answers = models.JSONField(_("answers"), default=dict)
    contact = models.CharField(_("contact details"), max_length=254, blank=True)
    contact_consent = models.BooleanField(_("agreed to be contacted"), default=False)

    class Meta(Submission.Meta):
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    @property
    def has_contact(self):
        return bool(self.contact)

    def find_text_parts(self):
        """Free-text answers (not choice positions or ratings) and the contact details."""
        return [
            *(value for value in self.answers.values() if isinstance(value, str) and not value.isdigit()),
            self.contact,
        ]

    def anonymise(self):
        """Also drop free-text answers: residents write names and numbers in them."""
        text_keys = {field.clean_name for field in self.survey.fields.all() if field.field_type in TEXT_TYPES}
        self.answers = {key: value for key, value in self.answers.items() if key not in text_keys}
        super().anonymise()
