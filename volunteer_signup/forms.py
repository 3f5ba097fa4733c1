"""The public volunteer application form.

Rendered by crispy-bootstrap5 with GOV.UK's error pattern (see
``templates/includes/error_summary.html``): no HTML5
``required`` (browser bubbles would speak the browser's language, not the
page's, and hide the server's messages), groups of options in fieldsets
with legends, phone and email left-to-right inside right-to-left pages.
"""

from crispy_forms.layout import HTML, Field, Fieldset, Layout
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.phones import normalise_email
from core.text import clean_free_text, clean_identifier
from submissions.forms import OptionalLabelMixin, embedded_form_helper

from .models import AgeBand, Area, VolunteerApplication, VolunteerRole


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


class VolunteerApplicationForm(OptionalLabelMixin, forms.ModelForm):
    """The model's answer fields (labels and hints from the model) plus the consent box.

    Only presentation lives here: widgets, the messages for a missing answer,
    the fieldsets. A field added to ``VolunteerApplication.ANSWER_FIELDS``
    appears in the "Volunteering" fieldset without a change to this class.
    """

    use_required_attribute = False

    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that volunteer coordinators "
            "use my answers to assess my application and contact me."
        ),
        error_messages={
            "required": _("Tick the box to agree to the privacy notice, or we cannot accept your application.")
        },
    )

    class Meta:
        model = VolunteerApplication
        fields = VolunteerApplication.ANSWER_FIELDS
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name", "dir": "auto", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr", "spellcheck": "false"}),
            "age_band": forms.RadioSelect,
            "roles": forms.CheckboxSelectMultiple,
            "skills": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "motivation": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }
        error_messages = {
            "full_name": {"required": _("Enter your full name.")},
            "phone": {"required": _("Enter your mobile phone number.")},
            "email": {"invalid": _("Enter an email address like name@example.com, or leave it empty.")},
            "age_band": {"required": _("Choose your age.")},
            "area": {"required": _("Choose the area where you live.")},
            "languages": {"required": _("Choose at least one language you speak.")},
            "roles": {"required": _("Choose at least one thing you would like to do.")},
            "availability": {"required": _("Choose when you are available.")},
            "motivation": {"required": _("Tell us why you want to volunteer.")},
        }

    # Fields shown under "About you"; every other answer goes under "Volunteering".
    ABOUT_YOU = ("full_name", "phone", "email", "age_band", "area", "languages")

    error_messages = {
        "under_18": _("You must be 18 or over to volunteer. Ask your school about youth programmes instead."),
    }

    def _get_validation_exclusions(self):
        # The area field found the chosen area among those offered (a query for it); the
        # model's own check of the foreign key would only ask again whether it exists.
        return super()._get_validation_exclusions() | {"area"}

    def __init__(self, *args, locale, roles=None, privacy_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(locale=locale, is_offered=True)
        self.fields["area"].empty_label = _("Choose your area")
        self.fields["age_band"].choices = AgeBand.choices  # radio buttons: no empty choice
        offered = roles if roles is not None else VolunteerRole.objects.filter(locale=locale)
        self.fields["roles"].queryset = offered.filter(is_open=True)
        self.mark_optional_fields()
        self.helper = embedded_form_helper()
        self.helper.layout = Layout(
            Fieldset(
                _("About you"),
                *(
                    Field(name, css_class="input-ltr") if name in ("phone", "email") else name
                    for name in self.ABOUT_YOU
                ),
            ),
            Fieldset(_("Volunteering"), *(name for name in self.Meta.fields if name not in self.ABOUT_YOU)),
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
