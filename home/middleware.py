"""Django's LocaleMiddleware, without language redirects for language-neutral URLs."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

# The admin, documents, the language route, sitemap and robots.txt are outside i18n_patterns (config/urls.py).
LANGUAGE_NEUTRAL_PREFIXES = ("/admin/", "/documents/", "/language/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """On a 404, Django redirects an unprefixed path to its /ar/ twin when that path
    resolves, and Wagtail's catch-all resolves every path: an admin 404 (a record
    that no longer exists, a bad id) became a redirect to a public page. Here a 404
    under a language-neutral prefix stays a 404."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(LANGUAGE_NEUTRAL_PREFIXES):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
