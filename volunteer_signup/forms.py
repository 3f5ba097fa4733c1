"""The public volunteer application form.

Rendered by crispy-bootstrap5 with GOV.UK's error pattern (see
``templates/includes/error_summary.html``): no HTML5
``required`` (browser bubbles would speak the browser's language, not the
page's, and hide the server's messages), groups of options in fieldsets
with legends, phone and email left-to-right inside right-to-left pages.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Fieldset, Layout
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.phones import normalise_email, normalise_phone
from core.text import clean_free_text, clean_identifier
from submissions.forms import OptionalLabelMixin

from .models import AgeBand, Area, Availability, SpokenLanguage, VolunteerRole


def privacy_link(url):
    """A paragraph linking to the privacy notice, for a form layout."""
    if not url:
        return HTML("")
    return HTML(
        format_html(
            '<p class="privacy-link"><a href="{}">{}</a></p>',
            url,
            _("Read the privacy notice: what we collect, who sees it and when we delete it"),
        )
    )


PHONE_ERROR = _("Enter a phone number we can call, like 050 123 4567 or +971 50 123 4567.")


class VolunteerApplicationForm(OptionalLabelMixin, forms.Form):
    use_required_attribute = False

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=30,
        help_text=_("We will call or message you about your application. For example: 050 123 4567."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        help_text=_("We will send your reference here."),
        error_messages={"invalid": _("Enter an email address like name@example.com, or leave it empty.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr", "spellcheck": "false"}),
    )
    age_band = forms.ChoiceField(
        label=_("How old are you?"),
        choices=AgeBand.choices,
        widget=forms.RadioSelect,
        help_text=_("Volunteers must be 18 or over."),
    )
    area = forms.ModelChoiceField(
        label=_("Where do you live?"),
        queryset=Area.objects.none(),
        empty_label=_("Choose your area"),
    )
    languages = forms.MultipleChoiceField(
        label=_("Which languages do you speak?"),
        choices=SpokenLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    roles = forms.ModelMultipleChoiceField(
        label=_("What would you like to do?"),
        queryset=VolunteerRole.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
    )
    availability = forms.MultipleChoiceField(
        label=_("When are you available?"),
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    skills = forms.CharField(
        label=_("Skills and experience"),
        required=False,
        max_length=1000,
        help_text=_("For example: a first-aid certificate, driving licence or experience with young people."),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    motivation = forms.CharField(
        label=_("Why do you want to volunteer?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that volunteer coordinators "
            "use my answers to assess my application and contact me."
        ),
        error_messages={
            "required": _("Tick the box to agree to the privacy notice, or we cannot accept your application.")
        },
    )

    error_messages = {
        "under_18": _("You must be 18 or over to volunteer. Ask your school about youth programmes instead."),
    }

    def __init__(self, *args, locale, roles=None, privacy_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(locale=locale)
        offered = roles if roles is not None else VolunteerRole.objects.filter(locale=locale)
        self.fields["roles"].queryset = offered.filter(is_open=True)
        self.fields["full_name"].error_messages["required"] = _("Enter your full name.")
        self.fields["phone"].error_messages["required"] = _("Enter your mobile phone number.")
        self.fields["age_band"].error_messages["required"] = _("Choose your age.")
        self.fields["area"].error_messages["required"] = _("Choose the area where you live.")
        self.fields["languages"].error_messages["required"] = _("Choose at least one language you speak.")
        self.fields["roles"].error_messages["required"] = _("Choose at least one thing you would like to do.")
        self.fields["availability"].error_messages["required"] = _("Choose when you are available.")
        self.fields["motivation"].error_messages["required"] = _("Tell us why you want to volunteer.")
        self.mark_optional_fields()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(
                _("About you"),
                "full_name",
                Field("phone", css_class="input-ltr"),
                Field("email", css_class="input-ltr"),
                "age_band",
                "area",
                "languages",
            ),
            Fieldset(_("Volunteering"), "roles", "availability", "skills", "motivation"),
            Fieldset(_("Your data"), privacy_link(privacy_url), "consent"),
        )

    def within_limit(self, name, value):
        """Normalising can lengthen text (NFKC turns ﷺ into 18 letters): check again."""
        limit = self.fields[name].max_length
        if limit and len(value) > limit:
            raise forms.ValidationError(_("Use %(limit)s characters or fewer.") % {"limit": limit}, code="max_length")
        return value

    def clean_full_name(self):
        name = clean_identifier(self.cleaned_data["full_name"])
        if len(name) < 2:
            raise forms.ValidationError(_("Enter your full name."), code="too_short")
        return self.within_limit("full_name", name)

    def clean_phone(self):
        phone = normalise_phone(self.cleaned_data["phone"])
        if not phone:
            raise forms.ValidationError(PHONE_ERROR, code="invalid_phone")
        return phone

    def clean_email(self):
        return self.within_limit("email", normalise_email(self.cleaned_data["email"]))

    def clean_age_band(self):
        age_band = self.cleaned_data["age_band"]
        if age_band == AgeBand.UNDER_18:
            raise forms.ValidationError(self.error_messages["under_18"], code="under_18")
        return age_band

    def clean_skills(self):
        return self.within_limit("skills", clean_free_text(self.cleaned_data["skills"]))

    def clean_motivation(self):
        return self.within_limit("motivation", clean_free_text(self.cleaned_data["motivation"]))

    def identifiers(self):
        """Phone and email, for per-person rate limits."""
        return [self.cleaned_data.get("phone", ""), self.cleaned_data.get("email", "")]
