"""Which language a request is answered in: public pages by URL prefix, the admin by the staff member."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

# The admin, documents, the language route, sitemap and robots.txt are outside i18n_patterns (config/urls.py).
ADMIN_PREFIX = "/admin/"  # config/urls.py
LANGUAGE_NEUTRAL_PREFIXES = (ADMIN_PREFIX, "/documents/", "/language/")


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


class AdminLanguageMiddleware:
    """The whole of an admin request in the staff member's admin language.

    Wagtail switches to the user's language only inside each admin view, so
    what it says outside one (the "Sorry, you do not have permission to access
    this area" message after a refused view) came in the browser's language:
    English in an Arabic admin. Placed after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.path_info.startswith(ADMIN_PREFIX) and user is not None and user.is_authenticated:
            # As Wagtail's get_localized_response reads it: the profile is cached on
            # the user, so Wagtail's own lookup costs no second query.
            profile = getattr(user, "wagtail_userprofile", None)
            if profile is not None:
                translation.activate(profile.get_preferred_language())
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
