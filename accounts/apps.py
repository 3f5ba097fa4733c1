from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: the second factor, the sign-in lockout page, limited password resets."""

    name = "accounts"
    verbose_name = _("Staff accounts")
