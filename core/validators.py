"""Validators shared by site settings, snippets and public forms."""

import re

from django.conf import settings
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


def validate_staff_email(value):
    """An address of the department's own mail (STAFF_EMAIL_DOMAINS), or a subdomain of one.

    Where staff notifications go is chosen by editors, who must not be able to send news
    of residents' responses to an outside inbox. An empty setting allows any address
    (development).
    """
    allowed = [domain.lower().lstrip("@") for domain in settings.STAFF_EMAIL_DOMAINS]
    domain = (value or "").rsplit("@", 1)[-1].strip().lower()
    if allowed and not any(domain == name or domain.endswith(f".{name}") for name in allowed):
        raise ValidationError(
            _("Use an address of the department's own mail (%(domains)s)."),
            code="staff_domain",
            params={"domains": ", ".join(allowed)},
        )
