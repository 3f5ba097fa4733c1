"""Asking anonymously: the form, what happens when it is sent, and its confirmation.

The form asks no name. The question is saved with phone numbers and email addresses
typed into it masked (``core.phones.mask_contacts``); a phone or email goes in its own
field, and only for someone who wants to be told of the answer. Publishing is asked
for separately, and the words the asker agreed to are stored with their answer.

Before anyone reads it, the question is matched against the crisis words
(feedback/crisis.py); the confirmation then opens with the crisis help lines. Every
confirmation lists them anyway, and carries the asker's private link to the answer.
"""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.models import SiteSettings
from core.phones import mask_contacts, normalise_email, normalise_phone
from core.text import clean_free_text
from submissions import embedding
from submissions.forms import OptionalLabelMixin, embedded_form_helper
from submissions.notifications import queue_emails, staff_addresses, staff_recipients

from .crisis import matched_terms
from .models import AnonymousQuestion, CrisisWords, QuestionLink, Subject

CONSENT_TEXT = _(
    "You may publish my question and your answer on the public questions page, "
    "after removing anything that could identify me."
)
CRISIS_LINES_HOOK = "sharaka_crisis_help_lines"


class AskForm(OptionalLabelMixin, forms.Form):
    use_required_attribute = False

    subject = forms.ChoiceField(
        label=_("What is your question about?"),
        choices=Subject.choices,
        initial=Subject.DRUGS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what your question is about.")},
    )
    question = forms.CharField(
        label=_("Your question"),
        max_length=2000,
        help_text=_("Do not write your name, or anyone else's. Phone numbers and email addresses are removed."),
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        error_messages={
            "required": _("Write your question."),
            "max_length": _("Keep your question under %(limit_value)d characters."),
        },
    )
    contact = forms.CharField(
        label=_("Phone or email, if you want us to tell you when the answer is ready"),
        required=False,
        max_length=254,
        help_text=_("Leave it empty to stay anonymous: you can still read the answer at the link we give you."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )
    publish_consent = forms.BooleanField(label=CONSENT_TEXT, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = embedded_form_helper()
        self.mark_optional_fields()

    def clean_question(self):
        text = mask_contacts(clean_free_text(self.cleaned_data["question"])).strip()
        if len(text) < 3:
            raise forms.ValidationError(_("Write your question."), code="required")
        return text

    def clean_contact(self):
        value = clean_free_text(self.cleaned_data.get("contact", "")).strip()
        if not value:
            return ""
        if "@" in value:
            try:
                validate_email(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Enter an email address like name@example.com, or a phone number, or leave it empty."),
                    code="invalid",
                ) from None
            return normalise_email(value)
        phone = normalise_phone(value)
        if not phone:
            raise forms.ValidationError(
                _("Enter a phone number like 050 123 4567, or an email address, or leave it empty."), code="invalid"
            )
        return phone

    def identifiers(self):
        contact = self.cleaned_data.get("contact", "")
        return [contact] if contact else []


def crisis_terms():
    return CrisisWords.load().terms()


def crisis_help_lines(locale):
    """The help services marked as crisis lines, in ``locale`` (from the content app's hook)."""
    lines = []
    for hook in hooks.get_hooks(CRISIS_LINES_HOOK):
        lines.extend(hook(locale))
    return lines


def help_lines_context(locale, page):
    """What templates/feedback/includes/crisis_lines.html shows."""
    contact = SiteSettings.for_page(page)
    lines = crisis_help_lines(locale)
    return {
        "contact": contact,
        "crisis_lines": lines,
        # The emergency number is listed once: as a help service if editors made it one.
        "emergency_listed": any(contact.emergency_number in line.phones for line in lines),
    }


class QuestionHandler(embedding.EmbeddedForm):
    kind = "question"
    model = AnonymousQuestion

    def get_form(self, value, page, request, data=None, prefix=None):
        return AskForm(data, prefix=prefix)

    def save(self, form, value, page, request, idempotency_key):
        data = form.cleaned_data
        consent = bool(data["publish_consent"])
        return AnonymousQuestion.objects.create(
            subject=data["subject"],
            question=data["question"],
            contact=data["contact"],
            publish_consent=consent,
            publish_consent_text=str(CONSENT_TEXT) if consent else "",
            crisis_words=matched_terms(data["question"], crisis_terms()),
            locale=page.locale,
            source_page=page,
            idempotency_key=idempotency_key,
        )

    def queue_emails(self, submission, page):
        return queue_emails(
            submission,
            page=page,
            confirmation_to=submission.contact if submission.has_email else "",
            confirmation_template="feedback/emails/question_confirmation",
            staff=staff_addresses(staff_recipients(AnonymousQuestion)),
        )

    def confirmation_secret(self, submission):
        return QuestionLink.issue(submission).path()

    def sent_extra(self, value, page, request, submission):
        """What the confirmation shows: the crisis lines, first if the question needs them."""
        return {"crisis": bool(submission and submission.crisis_words), **help_lines_context(page.locale, page)}
