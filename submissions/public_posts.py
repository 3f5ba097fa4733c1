"""Public forms are protected by their signed token and the browser's origin, not a CSRF cookie.

A cached page is the same for every visitor, so it cannot carry Django's CSRF token, and
setting the CSRF cookie on a public page would make it uncacheable. For a POST of one
of our embedded forms (it names its ``form_block``) outside the admin, this middleware
checks instead what browsers say about where the request comes from: with
``Sec-Fetch-Site`` only ``same-origin`` (or ``none``) passes; else an ``Origin`` must
be this site's. A request with neither came from something other than a browser,
which could send the same POST directly anyway. Passing requests skip Django's CSRF
check; failing ones meet it, and get its 403 page. Why this is enough for anonymous
forms is written in SECURITY.md ("Public forms without a CSRF cookie").
"""

from django.conf import settings

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
    """Before Django's CsrfViewMiddleware (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and not request.path_info.startswith("/admin/")
            and FORM_FIELD in request.POST
            and same_origin(request)
        ):
            request._dont_enforce_csrf_checks = True
        return self.get_response(request)
