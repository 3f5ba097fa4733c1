"""The second-factor pages: set up an authenticator, enter a code, recovery codes, a reset.

They look like Wagtail's sign-in page (templates/accounts/), in the staff member's
language, and sit under /admin/two-factor/ outside Wagtail's own URL wrapper so the
middleware can send an unverified user here without a loop.
"""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts import second_factor

FRESH_CODES_SESSION_KEY = "sharaka_fresh_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false", "dir": "ltr"}
        ),
    )


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _with_next(url_name, next_url):
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _wait_message(seconds):
    message = ngettext(
        "Too many wrong codes. Wait %(seconds)s second, then try again.",
        "Too many wrong codes. Wait %(seconds)s seconds, then try again.",
        seconds,
    )
    return message % {"seconds": seconds}


def _grouped(text, size=4):
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def enrol(request):
    """Set up the authenticator app: a QR code and the key, then a first code to confirm."""
    user = request.user
    if second_factor.is_enrolled(user):
        # Re-enrolling needs a superuser's reset: a password alone must not attach a new phone.
        return redirect(_with_next("accounts_verify", _next_url(request)))
    device = second_factor.pending_app_device(user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        status = 422
        if wait := second_factor.waiting_seconds(user, [device]):
            form.add_error("code", _wait_message(wait))
            status = 429
        elif second_factor.confirm_enrolment(request, device, form.cleaned_data["code"]):
            request.session[FRESH_CODES_SESSION_KEY] = second_factor.new_recovery_codes(user)
            return redirect(_with_next("accounts_recovery_codes", _next_url(request)))
        else:
            form.add_error("code", _("That code did not match. Enter the newest code your app shows."))
    elif form.is_bound:
        status = 422
    qr = segno.make(device.config_url, error="m")
    secret = _grouped(b32encode(device.bin_key).decode())
    context = {
        "form": form,
        "qr_svg": qr.svg_inline(scale=4, border=2, omitsize=False, svgclass="qr-code", title=_("QR code")),
        "secret": secret,
        "next": _next_url(request),
        "required": second_factor.required_for(user),
    }
    return render(request, "accounts/enrol.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Enter a code from the app, or a recovery code, after the password."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not second_factor.is_enrolled(user):
        return redirect(_with_next("accounts_enrol", _next_url(request)))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if wait := second_factor.waiting_seconds(user, second_factor.devices_for(user, code)):
            form.add_error("code", _wait_message(wait))
            status = 429
        else:
            device = second_factor.verify(request, code)
            if device is not None:
                if device.persistent_id.startswith("otp_static"):
                    left = second_factor.recovery_codes_left(user)
                    message = ngettext(
                        "You signed in with a recovery code; %(count)s is left. Make new ones under Account.",
                        "You signed in with a recovery code; %(count)s are left. Make new ones under Account.",
                        left,
                    )
                    messages.warning(request, message % {"count": left})
                return redirect(_next_url(request))
            form.add_error("code", _("That code did not match. Enter the newest code your app shows."))
            status = 422
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)}, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New recovery codes, shown once: right after enrolment, or when the user asks for new ones."""
    user = request.user
    if not user.is_verified():
        return redirect(_with_next("accounts_verify", request.path))
    if request.method == "POST":
        request.session[FRESH_CODES_SESSION_KEY] = second_factor.new_recovery_codes(user)
        return redirect(request.path)
    codes = request.session.pop(FRESH_CODES_SESSION_KEY, None)
    context = {"codes": codes, "left": second_factor.recovery_codes_left(user), "next": _next_url(request)}
    return render(request, "accounts/recovery_codes.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def reset(request, user_id):
    """A superuser removes a colleague's authenticator (a lost phone); the colleague enrols again."""
    if not (request.user.is_superuser and request.user.is_verified()):
        raise PermissionDenied
    colleague = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        second_factor.reset(colleague, by=request.user)
        messages.success(
            request,
            _("Two-step verification was reset for %(name)s. They set it up again at their next sign-in.")
            % {"name": colleague.get_full_name() or colleague.get_username()},
        )
        return redirect("wagtailusers_users:edit", colleague.pk)
    context = {"colleague": colleague, "page_title": _("Reset two-step verification"), "header_icon": "key"}
    return render(request, "accounts/reset.html", context)
