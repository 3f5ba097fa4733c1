"""Feedback surveys editors build, and the responses residents send.

A survey is a translatable snippet; its questions are Wagtail form fields
(``AbstractFormField``) made translatable. What a response stores must not
depend on the language it was given in, so that Arabic and English answers
land in one results view under the same questions:

* each question's key (``clean_name``) is set once, never empty, and
  synchronised between languages: translating or renaming a label cannot
  change it;
* a choice is stored as its key (``choice_keys``, set when the original is
  saved, following each choice when it is moved or corrected, synchronised to
  translations), not its label or position; translators keep the order of
  the lines, one choice per line.
"""

import re
import secrets
from difflib import SequenceMatcher
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
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
from wagtail_localize.models import TranslationSource

from core.phones import phone_spans, phones_in_text
from core.search import NormalisedSearchMixin, normalise
from core.validators import validate_staff_email
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


def _alike(old, new):
    """A corrected label, not a different choice: one holds the other, or nearly the same letters.

    The bar is high on purpose: short Arabic words share letters ("المدرسة" and
    "المسجد" score 0.62), and a different choice must never inherit old answers.
    """
    old, new = old.casefold(), new.casefold()
    return old in new or new in old or SequenceMatcher(None, old, new).ratio() >= 0.8


def assign_choice_keys(labels, old_labels, old_keys):
    """Keys for ``labels`` (a question's choices after an edit), given the choices before it.

    An unchanged choice keeps its key wherever it moved to; a corrected one
    ("Schoool" to "School") keeps the key of the old label it resembles; any
    other choice gets a new key, so replacing "School" by "Mosque" never
    turns past "School" answers into "Mosque". Answers are stored by key.
    """
    unused = {}
    for label, key in zip(old_labels, old_keys, strict=False):
        unused.setdefault(label, []).append(key)
    keys = [unused[label].pop(0) if unused.get(label) else None for label in labels]
    leftover = [(label, key) for label, label_keys in unused.items() for key in label_keys]
    for position, label in enumerate(labels):
        match = (
            next(((old, key) for old, key in leftover if _alike(old, label)), None) if keys[position] is None else None
        )
        if match:
            keys[position] = match[1]
            leftover.remove(match)
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
        validators=[validate_staff_email],
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
        labels = split_choices(self.choices)
        if len(set(labels)) < len(labels):
            raise ValidationError({"choices": _("Each choice must be different from the others.")})

    @property
    def choice_labels(self):
        return split_choices(self.choices)

    @property
    def choice_pairs(self):
        """(key, label) for each choice, in this language's order.

        A translation whose lines do not match the keys (a line added or dropped
        by hand) shows the original's labels rather than pairing them wrongly.
        """
        keys, labels = self.choice_keys.split(), self.choice_labels
        if len(keys) != len(labels) and self.is_translation():
            return self.original().choice_pairs
        return list(zip(keys, labels, strict=False))

    @cached_property
    def labels_by_key(self):
        """Every key answers may hold: this language's labels, then the original's for keys
        a translation does not have yet (it learns them when it is synchronised again).

        Worked out once per question object: an export labels every row's answers with it."""
        labels = dict(self.choice_pairs)
        if self.is_translation():
            for key, label in self.original().choice_pairs:
                labels.setdefault(key, label)
        return labels

    def original(self):
        """This question in the survey's original language (itself when it is the original)."""
        versions = SurveyField.objects.filter(translation_key=self.translation_key)
        source = TranslationSource.objects.filter(object_id=self.survey.translation_key).first()
        found = versions.filter(locale_id=source.locale_id) if source else versions.order_by("pk")
        return found.first() or self

    def is_translation(self):
        """Whether this question belongs to a translation rather than the original.

        The original sets the choice keys; translations receive them (wagtail-localize
        synchronises ``choice_keys``, ``copy_for_translation`` copies them). The original
        is the language of the survey's wagtail-localize source, else the first version made.
        """
        source = TranslationSource.objects.filter(object_id=self.survey.translation_key).first()
        if source is not None:
            return source.locale_id != self.locale_id
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


def _email_pattern(email):
    """``email`` exactly, as a whole address (not the end of a longer one), any case."""
    return re.compile(rf"(?<![\w.+-]){re.escape(email)}(?![\w-]|\.\w)", re.IGNORECASE)


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

    def text_answer_keys(self):
        """Keys of the free-text questions: where residents may write names and numbers."""
        return {field.clean_name for field in self.survey.fields.all() if field.field_type in TEXT_TYPES}

    def text_answers(self):
        """The answers to the free-text questions."""
        text_keys = self.text_answer_keys()
        return [value for key, value in self.answers.items() if key in text_keys and isinstance(value, str)]

    @classmethod
    def held_about(cls, *, phone="", email=""):
        """Responses whose contact details (stored normalised) are this phone or email."""
        query = Q(pk__in=[])
        if phone:
            query |= Q(contact=phone)
        if email:
            query |= Q(contact__iexact=email)
        return cls.objects.filter(query)

    @classmethod
    def mentioning(cls, *, phone="", email=""):
        """Other responses whose free-text answers mention this phone or email.

        They are someone else's records (a resident may report a number that calls them),
        so a data request lists them for staff but never hands them over or deletes them:
        it removes the mention only (``redact``). The find text narrows the candidates (a
        number in an answer is indexed as its E.164 digits, an address as search normalises
        it); each candidate's own answers must hold exactly that number or address, or
        "li@gmail.com" would find Ali.
        """
        found = {}
        own = cls.held_about(phone=phone, email=email).values_list("pk", flat=True)
        if phone:
            for response in cls._candidates(phone.lstrip("+"), own):
                if any(phone in phones_in_text(answer) for answer in response.text_answers()):
                    found[response.pk] = response
        if email:
            for response in cls._candidates(normalise(email), own):
                if any(_email_pattern(email).search(answer) for answer in response.text_answers()):
                    found[response.pk] = response
        return list(found.values())

    @classmethod
    def _candidates(cls, find_text, own):
        return cls.objects.filter(search_text__contains=find_text).exclude(pk__in=own).select_related("survey")

    def redact(self, *, phone="", email="", marker="[***]"):
        """Remove every spelling of the phone and the email from the free-text answers; True if any."""
        text_keys, changed = self.text_answer_keys(), False
        for key, answer in list(self.answers.items()):
            if key not in text_keys or not isinstance(answer, str):
                continue
            redacted = answer
            if phone:
                for start, end, e164 in reversed(phone_spans(redacted)):
                    if e164 == phone:
                        redacted = redacted[:start] + marker + redacted[end:]
            if email:
                redacted = _email_pattern(email).sub(marker, redacted)
            if redacted != answer:
                self.answers[key], changed = redacted, True
        if changed:
            self.save()
        return changed

    def find_text_parts(self):
        """Answers to the free-text questions, the numbers written in them (E.164, so any spelling
        of one number is found), and the contact details (never choice keys or ratings)."""
        answers = self.text_answers()
        return [*answers, *sorted(phone for answer in answers for phone in phones_in_text(answer)), self.contact]

    def anonymise(self):
        """Also drop free-text answers: residents write names and numbers in them."""
        text_keys = self.text_answer_keys()
        self.answers = {key: value for key, value in self.answers.items() if key not in text_keys}
        super().anonymise()
