"""The forms of an applicant's own page, and the form that asks for a new personal link."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.phones import display_phone, normalise_email, normalise_phone
from core.text import clean_free_text, clean_identifier
from submissions.forms import OptionalLabelMixin

from .models import VolunteerApplication


class DetailsForm(OptionalLabelMixin, forms.ModelForm):
    """Contact details and availability: what changes between applying and being called."""

    use_required_attribute = False

    class Meta:
        model = VolunteerApplication
        fields = ("phone", "email", "availability")
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr", "spellcheck": "false"}),
        }
        error_messages = {
            "phone": {"required": _("Enter your mobile phone number.")},
            "email": {"invalid": _("Enter an email address like name@example.com, or leave it empty.")},
            "availability": {"required": _("Choose when you are available.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="details", **kwargs)
        if self.instance.phone and not self.is_bound:
            self.initial["phone"] = display_phone(self.instance.phone)  # as it was typed: "050 123 4567"
        self.fields["email"].help_text = _("We send news of your application here.")
        self.mark_optional_fields()

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class WithdrawForm(forms.Form):
    REASONS = (
        ("time", _("I no longer have the time")),
        ("moved", _("I have moved away")),
        ("elsewhere", _("I volunteer somewhere else")),
        ("other", _("Another reason")),
    )

    use_required_attribute = False

    reason = forms.ChoiceField(
        label=_("Why are you withdrawing?"),
        choices=REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why you are withdrawing.")},
    )
    details = forms.CharField(
        label=_("Anything you would like to tell us (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="withdraw", **kwargs)

    def reason_text(self):
        """The reason as the coordinator reads it in the history: the choice, then the words."""
        chosen = str(dict(self.REASONS)[self.cleaned_data["reason"]])
        details = clean_free_text(self.cleaned_data["details"])
        return f"{chosen}: {details}" if details else chosen


class LinkRequestForm(forms.Form):
    use_required_attribute = False

    contact = forms.CharField(
        label=_("The mobile number or email address you applied with"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email", "dir": "ltr", "spellcheck": "false"}),
        error_messages={"required": _("Enter the mobile number or email address you applied with.")},
    )

    def clean_contact(self):
        """{"email": …} or {"phone": …} in the form they are stored in."""
        value = clean_identifier(self.cleaned_data["contact"])
        if "@" in value:
            email = normalise_email(value)
            try:
                forms.EmailField().clean(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Enter an email address like name@example.com, or a mobile number."), code="invalid"
                ) from None
            return {"email": email}
        phone = normalise_phone(value)
        if not phone:
            raise forms.ValidationError(
                _("Enter a mobile number like 050 123 4567, or an email address."), code="invalid"
            )
        return {"phone": phone}
