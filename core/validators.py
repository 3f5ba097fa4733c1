"""Validators shared by site settings, snippets and public forms."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import to_ascii_digits

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{1,22}[0-9]$")


def validate_phone_number(value):
    """A dialable number: digits with optional spaces, dashes and a leading +."""
    if not _PHONE.match(to_ascii_digits(value or "")):
        raise ValidationError(
            _("Enter a phone number using digits, spaces or dashes, e.g. 999 or +971 2 555 0100."),
            code="invalid_phone",
        )
