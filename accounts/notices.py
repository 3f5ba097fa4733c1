"""An email to a staff member whenever their second factor changes.

Setting up the authenticator needs only the password while an account has none
(first sign-in), and a superuser can remove it. Either way the account holder is
told at once, in their admin language, so a stranger who set one up with a stolen
password, or a reset they did not ask for, is noticed and reported. The email
names what happened and when, and nothing about residents.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

logger = logging.getLogger(__name__)

ENROLLED, RESET = "enrolled", "reset"


def _message(kind, when):
    if kind == ENROLLED:
        subject = _("Two-step verification was set up on your Sharaka account")
        what = _("An authenticator app was set up for your Sharaka staff account on %(when)s.")
    else:
        subject = _("Two-step verification was reset on your Sharaka account")
        what = _(
            "A superuser removed the authenticator app from your Sharaka staff account on %(when)s. "
            "You will set up a new one at your next sign-in."
        )
    advice = _(
        "If this was not you or someone you asked, tell a superuser today: they can reset the "
        "authenticator, and you should change your password."
    )
    return subject, f"{what % {'when': when}}\n\n{advice}\n\n{settings.WAGTAILADMIN_BASE_URL}/admin/\n"


def notify(user, kind):
    """Email ``user`` that their second factor was set up or reset, once the change is saved."""
    if not user.email:
        return

    def send():
        with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
            when = date_format(timezone.localtime(), "DATETIME_FORMAT")
            subject, body = _message(kind, when)
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:  # a mail server down must not undo a change already saved
            logger.exception("Could not send the second-factor notice (%s) to user %s", kind, user.pk)

    transaction.on_commit(send)
