"""Surveys as embedded forms: building the form from the survey's questions,
saving responses, and the emails that follow.

The form is built with Wagtail's FormBuilder (one ``create_<type>_field``
method per question type), with the project's extra types: rating, yes/no,
and optional contact details with consent.
"""

from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.contrib.forms.forms import FormBuilder

from core import per_request
from core.phones import normalise_email, normalise_phone
from core.text import clean_free_text, clean_identifier
from submissions import embedding
from submissions.forms import OptionalLabelMixin, embedded_form_helper
from submissions.notifications import queue_emails

from .models import TEXT_TYPES, QuestionType, SurveyResponse

QUESTION_IN_ERROR_WORDS = 10
RATING_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class SurveyFormBuilder(FormBuilder):
    """Wagtail's form builder, with each choice's stable key as its value."""

    def get_formatted_field_choices(self, field):
        return field.choice_pairs

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["initial"] = None
        # "This field is required." three times tells a resident nothing: each
        # message names its question, in the error summary and beside the field.
        question = Truncator(field.label).words(QUESTION_IN_ERROR_WORDS)  # never cut mid-word
        if field.field_type in TEXT_TYPES:
            required = _("Answer “%(question)s”.") % {"question": question}
        else:
            required = _("Choose an answer to “%(question)s”.") % {"question": question}
        options["error_messages"] = {
            "required": required,
            "invalid_choice": _("Choose one of the answers offered for “%(question)s”.") % {"question": question},
        }
        return options

    def create_singleline_field(self, field, options):
        options["widget"] = forms.TextInput(attrs={"dir": "auto"})
        return super().create_singleline_field(field, options)

    def create_multiline_field(self, field, options):
        options["max_length"] = 4000
        options["widget"] = forms.Textarea(attrs={"rows": 4, "dir": "auto"})
        return super().create_multiline_field(field, options)

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", _("Choose…")), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(**options)

    def create_checkboxes_field(self, field, options):
        options["choices"] = self.get_formatted_field_choices(field)
        return forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, **options)

    def create_rating_field(self, field, options):
        options["help_text"] = options["help_text"] or _("1 means very poor, 5 means very good.")
        return forms.ChoiceField(
            choices=RATING_CHOICES,
            widget=forms.RadioSelect(attrs={"class": "rating-option"}),
            **options,
        )

    def create_yesno_field(self, field, options):
        return forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **options)

    def create_contact_field(self, field, options):
        options["required"] = False
        options["max_length"] = 254
        options["widget"] = forms.TextInput(attrs={"dir": "ltr", "autocomplete": "email", "spellcheck": "false"})
        return forms.CharField(**options)


CONSENT_SUFFIX = "__consent"


class SurveyForm(OptionalLabelMixin, forms.BaseForm):
    """Validates answers; contact details need consent, consent needs details."""

    use_required_attribute = False

    def __init__(self, *args, survey, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = questions
        self.contact_key = next((q.clean_name for q in questions if q.field_type == QuestionType.CONTACT), None)
        if self.contact_key:
            self.fields[self.contact_key + CONSENT_SUFFIX] = forms.BooleanField(
                label=_("I agree that the community police may contact me about my answers."),
                required=False,
            )
        self.mark_optional_fields()
        self.helper = embedded_form_helper()

    def clean(self):
        cleaned = super().clean()
        if not self.contact_key:
            return cleaned
        contact = clean_identifier(cleaned.get(self.contact_key) or "")
        consent = cleaned.get(self.contact_key + CONSENT_SUFFIX)
        if len(contact) > 254:  # normalising can lengthen what was typed
            self.add_error(self.contact_key, _("Use %(limit)s characters or fewer.") % {"limit": 254})
            contact = ""
        if contact:
            if "@" in contact:
                try:
                    validate_email(contact)
                    contact = normalise_email(contact)
                except forms.ValidationError:
                    self.add_error(
                        self.contact_key,
                        _("Enter an email address like name@example.com, or a phone number."),
                    )
            elif normalise_phone(contact):
                contact = normalise_phone(contact)
            else:
                self.add_error(
                    self.contact_key,
                    _("Enter a phone number we can call, or an email address."),
                )
            if not consent:
                self.add_error(
                    self.contact_key + CONSENT_SUFFIX,
                    _("Tick the box if you want us to contact you, or leave your contact details empty."),
                )
        elif consent:
            self.add_error(
                self.contact_key,
                _("Leave a phone number or email so we can contact you, or untick the box."),
            )
        cleaned[self.contact_key] = contact.lower() if "@" in contact else contact
        return cleaned

    def answers(self):
        """Answers keyed by question key; text cleaned, nothing personal."""
        result = {}
        for question in self.questions:
            key = question.clean_name
            if question.field_type == QuestionType.CONTACT:
                continue
            value = self.cleaned_data.get(key)
            if value in (None, "", []):
                continue
            if question.field_type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
                value = clean_free_text(value)
            elif question.field_type == QuestionType.RATING:
                value = int(value)
            result[key] = value
        return result

    def identifiers(self):
        return [self.cleaned_data.get(self.contact_key, "")] if self.contact_key else []


def build_form(survey, data=None, prefix=None):
    questions = survey.questions()
    builder = SurveyFormBuilder(questions)
    form_class = type("SurveyForm", (SurveyForm,), {"base_fields": builder.formfields})
    return form_class(data, prefix=prefix, survey=survey, questions=questions)


def survey_outcomes(survey, page):
    """Pages that say what was done about the survey's answers, in the page's language.

    Apps above this one provide them with the ``survey_outcome_pages`` hook, a function
    of (survey, locale) returning live pages: the survey block links to them
    ("you said, we did", campaigns/models/outcomes.py) without this app knowing them.
    """
    if survey is None or page is None:
        return []
    return [found for hook in hooks.get_hooks("survey_outcome_pages") for found in hook(survey, page.locale)]


class SurveyHandler(embedding.EmbeddedForm):
    kind = "survey"
    model = SurveyResponse

    def survey_for(self, value, page):
        """The block's survey in the page's language, or as the editor chose it if untranslated."""
        survey = value.get("survey")
        if survey is None or page is None:
            return survey.localized if survey else None
        if survey.locale_id == page.locale_id:
            return survey
        # Asked for by the form and by its state: looked up once per request.
        key = ("survey-in-language", survey.pk, page.locale_id)
        return per_request.kept(key, lambda: survey.get_translation_or_none(page.locale) or survey)

    def is_open(self, value):
        survey = value.get("survey")
        return survey is not None and survey.state() == "open"

    def get_form(self, value, page, request, data=None, prefix=None):
        survey = self.survey_for(value, page)
        return build_form(survey, data=data, prefix=prefix) if survey else None

    def state_extra(self, value, page, request):
        survey = self.survey_for(value, page)
        return {
            "survey": survey,
            "survey_state": survey.state() if survey else "missing",
            "outcomes": survey_outcomes(survey, page),
        }

    def save(self, form, value, page, request, idempotency_key):
        survey = self.survey_for(value, page)
        contact = form.cleaned_data.get(form.contact_key, "") if form.contact_key else ""
        return SurveyResponse.objects.create(
            survey=survey,
            answers=form.answers(),
            contact=contact,
            contact_consent=bool(contact),
            locale=page.locale,
            source_page=page,
            idempotency_key=idempotency_key,
        )

    def queue_emails(self, submission, page):
        confirmation_to = submission.contact if "@" in submission.contact else ""
        inbox = submission.survey.notification_email
        staff = [(inbox, settings.LANGUAGE_CODE)] if inbox else []
        return queue_emails(
            submission,
            page=page,
            confirmation_to=confirmation_to,
            confirmation_template="surveys/emails/response_confirmation",
            staff=staff,
        )
