"""Site-wide views: robots.txt, and error pages in the visitor's language."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Seconds a visitor (or a crawler) is asked to wait when the database does not answer.
UNAVAILABLE_RETRY_AFTER = 30


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "Disallow: /language/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """Shown when a form is sent without a valid security token.

    Usually the page was open for a long time or cookies are blocked; say so in
    the visitor's language and offer the way back, with a 403 status.
    """
    template = loader.get_template("403_csrf.html")
    return HttpResponse(template.render({}, request), status=403)


def server_error(request):
    """500 page rendered without database access: the database may be the fault.

    When it is (the database does not answer: ``OperationalError`` or ``InterfaceError``,
    from a view or a middleware), the visitor is told the site is unavailable for a
    moment, with a 503 and Retry-After, in their language (the URL's, already active).
    Nothing was half-saved: every form's record and its emails are written in one
    transaction (submissions/embedding.py).
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
        response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
        add_never_cache_headers(response)
        return response
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))


def not_here(request, *args, **kwargs):
    """404 for a route a library adds that this site does not offer.

    Wagtail's /admin/failwhale/ raises an error on purpose (to test error reporting):
    any signed-in staff member could fill the error log with it.
    """
    raise Http404
