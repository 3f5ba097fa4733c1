"""Staff sign-in under attack: the lockout page and limited password-reset emails.

Wrong passwords are counted by django-axes (settings: ``AXES_*``), per username
and client address, with a cool-off that ends by itself. Password-reset requests
are limited per email address and per client address: past a limit the form
still answers "if an account exists, we sent an email" (so it tells nobody which
addresses are staff) but sends nothing, and a log line says so without the address.
"""

import hashlib
import logging

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited
from wagtail.admin.forms.auth import PasswordResetForm

from core.client_address import client_network

logger = logging.getLogger("sharaka.sign_in")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE): when to try again.

    Axes' own answer echoes the username and, to scripts, allows any origin; this one
    says only how long the pause lasts, in the staff member's language.
    """
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)


def _digest(text):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{text}".encode()).hexdigest()[:12]


class LimitedPasswordResetForm(PasswordResetForm):
    """Wagtail's reset form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM), sending within the limits."""

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"].strip().lower()
        limits = {
            "address": (lambda _group, _request: email, settings.PASSWORD_RESET_RATES["address"]),
            "client": (lambda _group, req: client_network(req), settings.PASSWORD_RESET_RATES["client"]),
        }
        for name, (key, rate) in limits.items():
            if is_ratelimited(request, group=f"password-reset-{name}", key=key, rate=rate, increment=True):
                logger.warning("password reset not sent: %s limit reached (address %s)", name, _digest(email))
                return
        super().save(*args, request=request, **kwargs)
