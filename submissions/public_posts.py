"""Public forms are protected by their signed token and the browser's origin, not a CSRF cookie.

A cached page is the same for every visitor, so it cannot carry Django's CSRF token, and
setting the CSRF cookie on a public page would make it uncacheable. For a POST of one
of our embedded forms (it names its ``form_block``) to a page, this middleware
checks instead what browsers say about where the request comes from: with
``Sec-Fetch-Site`` only ``same-origin`` (or ``none``) passes; else an ``Origin`` must
be this site's. A request with neither came from something other than a browser,
which could send the same POST directly anyway. Passing requests skip Django's CSRF
check; failing ones meet it, and get its 403 page. Why this is enough for anonymous
forms is written in SECURITY.md ("Public forms without a CSRF cookie").
"""

from django.conf import settings
from wagtail.views import serve

FORM_FIELD = "form_block"


def same_origin(request):
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


class PublicFormOriginMiddleware:
    """Before Django's CsrfViewMiddleware (see the module docstring). Only Wagtail's page
    view is exempted, for a POST of one of its forms: every other view (the password of
    a private page, sign-in, the admin) keeps Django's CSRF check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and view_func is serve and FORM_FIELD in request.POST and same_origin(request):
            request._dont_enforce_csrf_checks = True
