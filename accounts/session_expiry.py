"""Staff sessions end after a spell without activity and at a maximum age.

After ``STAFF_IDLE_MINUTES`` (default 30) without activity, or ``STAFF_SESSION_MAX_HOURS``
after signing in, the next request finds the staff member signed out. Activity is what
the person does: opening a page, saving, searching, and typing or clicking in an open
editor, which the admin script reports with a POST to the keep-alive URL. Requests an
open page makes by itself (Wagtail's editing-session pings, the icon sprite, the
keep-alive's own "how long is left?" GET) are not activity, so a forgotten tab does not
keep a session open for ever.

The admin script (static/js/admin/session-expiry.js) warns two minutes before the end
and offers to stay signed in. If the session ends anyway, it says how to sign in again
in another tab without losing the page, and once that is done it gives the page's forms
the new CSRF token, so saving works.
"""

import time
from urllib.parse import urlencode, urlparse

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

SIGNED_IN_AT = "sharaka_signed_in_at"
LAST_ACTIVITY = "sharaka_last_activity"
#: Activity is written to the session at most this often (seconds): not on every request.
WRITE_EVERY = 30


def idle_seconds():
    return settings.STAFF_IDLE_MINUTES * 60


def is_background(request):
    if request.path_info == reverse("accounts_keep_alive"):
        return request.method != "POST"
    return request.path_info.startswith(tuple(settings.STAFF_BACKGROUND_PATHS))


def seconds_left(session, now=None):
    now = now or time.time()
    signed_in = session.get(SIGNED_IN_AT, now)
    last = session.get(LAST_ACTIVITY, signed_in)
    return min(last + idle_seconds(), signed_in + settings.STAFF_SESSION_MAX_HOURS * 3600) - now


@receiver(user_logged_in, dispatch_uid="sharaka-session-started")
def _session_started(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_ACTIVITY] = now


class StaffSessionExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session, no staff member: and looking the user up would read the session,
            # which a visitor's page must not (it would vary on cookies and stay uncached).
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            if SIGNED_IN_AT not in session:
                session[SIGNED_IN_AT] = session[LAST_ACTIVITY] = now  # a session from before this rule
            elif seconds_left(session, now) <= 0:
                return self.ended(request)
            elif not is_background(request) and now - session.get(LAST_ACTIVITY, 0) >= WRITE_EVERY:
                session[LAST_ACTIVITY] = now
        return self.get_response(request)

    def ended(self, request):
        too_old = time.time() - request.session.get(SIGNED_IN_AT, time.time()) > settings.STAFF_SESSION_MAX_HOURS * 3600
        logout(request)
        path = request.path_info
        if not path.startswith("/admin/"):
            return self.get_response(request)  # public pages carry on, signed out
        if is_background(request) or not _is_navigation(request):
            return JsonResponse({"signed_in": False}, status=401)
        if too_old:
            message = _("You were signed out: staff sessions last at most %(hours)s hours. Sign in again to go on.")
            messages.info(request, message % {"hours": settings.STAFF_SESSION_MAX_HOURS})
        else:
            messages.info(request, _("You were signed out after a while without activity. Sign in again to go on."))
        if request.method != "GET":
            # A form sent after the end (a save, a note): what was typed is still in the
            # browser's previous page.
            messages.warning(
                request,
                _(
                    "What you sent was not saved. Go back to the previous page to keep what you typed, "
                    "sign in again in a new tab, then send it again."
                ),
            )
            next_url = request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home")
            if path == reverse("wagtailadmin_logout"):
                next_url = reverse("wagtailadmin_home")
            return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': _local(next_url)})}")
        return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': request.get_full_path()})}")


def _is_navigation(request):
    """A page the browser shows (a link, a form), not a script's request."""
    mode = request.headers.get("Sec-Fetch-Mode")
    if mode:
        return mode == "navigate"
    return "text/html" in request.headers.get("Accept", "")


def _local(url):
    """The path of ``url`` if it is on this site, else the admin home (no open redirect)."""
    parsed = urlparse(url)
    return parsed.path if parsed.path.startswith("/admin/") else reverse("wagtailadmin_home")


@never_cache
@require_http_methods(["GET", "POST"])
def keep_alive(request):
    """GET: how long the session has left (not activity). POST: the person is active.

    Either way the answer carries the current CSRF token: after signing in again in
    another tab, the page's forms need it to save.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    return JsonResponse(
        {"signed_in": True, "seconds_left": int(seconds_left(request.session)), "csrf_token": get_token(request)}
    )
