"""The forms of an applicant's own page, and the form that asks for a new personal link."""

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.phones import display_phone, normalise_email, normalise_phone
from core.text import clean_free_text, clean_identifier, to_ascii_digits
from submissions.forms import OptionalLabelMixin

from . import hours as counted_hours
from .hours import REPORT_WITHIN_DAYS
from .models import Area, VolunteerApplication, VolunteerRole


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


class QuarterHoursField(forms.DecimalField):
    """Hours to the quarter hour, typed with Arabic-Indic digits or a decimal comma too
    ("١٫٥", "1,5" and "1.5" are the same hour and a half)."""

    default_error_messages = {"quarters": _("Enter the hours to the quarter hour, like 1.25 or 2.5.")}

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_identifier(value).replace("٫", ".").replace(",", ".")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and value % Decimal("0.25"):
            raise forms.ValidationError(self.error_messages["quarters"], code="quarters")


class LocalDigitsDateField(forms.DateField):
    def to_python(self, value):
        return super().to_python(to_ascii_digits(value) if isinstance(value, str) else value)


class ReportHoursForm(OptionalLabelMixin, forms.Form):
    """Hours of work done outside an opportunity, for a coordinator to approve."""

    use_required_attribute = False

    worked_on = LocalDigitsDateField(
        label=_("Day of the work"),
        widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}),
        error_messages={"required": _("Enter the day you did the work."), "invalid": _("Enter a real date.")},
    )
    hours = QuarterHoursField(
        label=_("Hours"),
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal", "dir": "ltr"}),
        error_messages={
            "required": _("Enter how many hours you worked."),
            "invalid": _("Enter the hours as a number, like 2 or 1.5."),
            "min_value": _("Enter at least a quarter of an hour (0.25)."),
            "max_value": _("A day has at most 24 hours."),
            "max_decimal_places": _("Enter the hours to the quarter hour, like 1.25 or 2.5."),
        },
    )
    role = forms.ModelChoiceField(label=_("As what"), queryset=VolunteerRole.objects.none(), required=False)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    description = forms.CharField(
        label=_("What you did"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_(
            "For example: a talk on road safety at a school, with its name. Do not write anyone's personal details."
        ),
        error_messages={"required": _("Say briefly what you did.")},
    )

    def __init__(self, *args, locale, volunteer=None, **kwargs):
        super().__init__(*args, prefix="hours", **kwargs)
        self.volunteer = volunteer
        self.fields["role"].queryset = VolunteerRole.objects.filter(locale=locale)
        self.fields["role"].empty_label = _("Choose a role")
        self.fields["area"].queryset = Area.objects.filter(locale=locale, is_offered=True)
        self.fields["area"].empty_label = _("Choose an area")
        self.mark_optional_fields()

    def clean_worked_on(self):
        day = self.cleaned_data["worked_on"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError(_("Report work once it is done: the day is in the future."), code="future")
        if day < today - timedelta(days=REPORT_WITHIN_DAYS):
            raise forms.ValidationError(
                _("Work more than %(days)s days ago cannot be reported here: please call your coordinator.")
                % {"days": REPORT_WITHIN_DAYS},
                code="too_old",
            )
        return day

    def clean_description(self):
        return clean_free_text(self.cleaned_data["description"])

    def clean(self):
        """A day has 24 hours, whatever was recorded for it already: attendance that counts,
        and reports waiting or approved."""
        cleaned = super().clean()
        day, hours = cleaned.get("worked_on"), cleaned.get("hours")
        if self.volunteer is not None and day and hours:
            already = counted_hours.recorded_on(self.volunteer, day)
            if already + hours > 24:
                self.add_error(
                    "hours",
                    _("With the %(hours)s hours already recorded for that day, this would be more than 24.")
                    % {"hours": f"{already.normalize():f}"},
                )
        return cleaned
