"""Every admin path asks for the second factor, not only the dashboard.

Wagtail's views, choosers, previews, exports and wagtail-localize's translation API
all live under /admin/; a signed-in user who still owes a code (accounts.second_factor
``must_verify``) is sent to enter it, or to set up the app first. Scripts get a 403
instead of a page they cannot show. Signing in and out, password resets and the
second-factor pages themselves stay open.
"""

from urllib.parse import urlencode

from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse

from accounts import second_factor

OPEN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    "/admin/two-factor/",
    "/admin/jsi18n/",
    "/admin/sprite/",  # the icons every admin page, these ones included, fetches by script
)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/admin/") and not path.startswith(OPEN_PATHS) and second_factor.must_verify(request.user):
            if request.method not in ("GET", "HEAD"):
                return HttpResponseForbidden()
            page = "accounts_verify" if second_factor.is_enrolled(request.user) else "accounts_enrol"
            return redirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
