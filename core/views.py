"""Site-wide views: robots.txt, and error pages in the visitor's language."""

from django.http import Http404, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


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
    """500 page rendered without database access: the database may be the fault."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))


def not_here(request, *args, **kwargs):
    """404 for a route a library adds that this site does not offer.

    Wagtail's /admin/failwhale/ raises an error on purpose (to test error reporting):
    any signed-in staff member could fill the error log with it.
    """
    raise Http404
