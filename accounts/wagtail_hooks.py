"""The second factor in Wagtail's admin: the account page, the users list, the logs."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from accounts import second_factor


@hooks.register("register_log_actions")
def register_second_factor_log_actions(actions):
    actions.register_action(
        "sharaka.second_factor.enrol", _("Set up two-step verification"), _("Set up two-step verification")
    )
    actions.register_action(
        "sharaka.second_factor.reset", _("Reset two-step verification"), _("Reset two-step verification")
    )
    actions.register_action(
        "sharaka.second_factor.recovery_code", _("Use a recovery code"), _("Signed in with a recovery code")
    )


@hooks.register("register_account_menu_item")
def recovery_codes_menu_item(request):
    if not second_factor.is_enrolled(request.user):
        return None
    return {
        "url": reverse("accounts_recovery_codes"),
        "label": _("Recovery codes"),
        "help_text": _("Single-use codes for signing in when your phone is not at hand."),
    }


@hooks.register("register_user_listing_buttons")
def reset_second_factor_button(user, request_user):
    if request_user.is_superuser and second_factor.is_enrolled(user):
        yield Button(
            _("Reset two-step verification"),
            reverse("accounts_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )


@hooks.register("insert_global_admin_js")
def session_expiry_warning():
    return render_to_string("accounts/session_expiry.html")
