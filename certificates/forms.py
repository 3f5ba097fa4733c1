"""The form a volunteer asks for a certificate with, on their own page."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.text import to_ascii_digits

from .models import LANGUAGES

INVALID_DATE = _("Enter a date like 2026-01-31.")


class DayField(forms.DateField):
    """A day as ``<input type="date">`` sends it (YYYY-MM-DD); Arabic-Indic digits typed
    into a browser without date inputs are read as ASCII."""

    widget = forms.DateInput(attrs={"type": "date", "dir": "ltr"}, format="%Y-%m-%d")
    input_formats = ["%Y-%m-%d"]

    def to_python(self, value):
        return super().to_python(to_ascii_digits(value) if isinstance(value, str) else value)


class IssueForm(forms.Form):
    use_required_attribute = False

    start = DayField(
        label=_("From"),
        error_messages={
            "required": _("Enter the first day of the period."),
            "invalid": _("Enter a date like 2026-01-31."),
        },
    )
    end = DayField(
        label=_("To"),
        error_messages={
            "required": _("Enter the last day of the period."),
            "invalid": _("Enter a date like 2026-01-31."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the certificate"),
        choices=LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the certificate's language."),
            "invalid_choice": _("Choose Arabic or English."),
        },
    )

    def __init__(self, *args, period=None, **kwargs):
        super().__init__(*args, prefix="certificate", **kwargs)
        if not self.is_bound and period:
            self.initial.update(start=period[0], end=period[1])
        if not self.is_bound:
            self.initial.setdefault("language", "ar" if (get_language() or "ar").startswith("ar") else "en")
