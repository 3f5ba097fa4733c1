"""Choosing a language with a plain link: the switcher works without JavaScript.

``/language/en/?next=/en/campaigns/…`` stores the choice in Django's language
cookie (so ``/`` sends the reader there next time) and redirects to ``next``.
It is a GET because the switcher is on every page: a POST form would put a
CSRF token, and so a cookie, on pages that are meant to be the same for every
visitor and cached. Changing a language preference is harmless if forged.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def switch_url(code, target):
    """The switcher's link to ``target`` (a path) in language ``code``."""
    return f"{reverse('choose_language', args=[code])}?{urlencode({'next': target})}"


@require_safe
def choose_language(request, code):
    if code not in LANGUAGE_CODES:
        raise Http404
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts=None, require_https=False)
    if not (safe and target.startswith("/") and not target.startswith("//")):
        target = f"/{code}/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    add_never_cache_headers(response)
    return response
