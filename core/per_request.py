"""Lookups repeated within one request, done once: view restrictions, locales, site settings.

* Wagtail's ``PageQuerySet.public()`` reads every ``PageViewRestriction`` each time it is
  called (``private_q``). One public page calls it for its listing, related stories,
  menu, language links, SEO links and home-page link: five to nine identical queries.
  The restrictions read first in a request are kept, and the same ``Q`` built from them.
* ``Page.get_view_restrictions`` (the serve view's check) costs two queries per page
  view; on a site with no restriction at all (the usual case) it now costs none.
* ``Locale.get_active`` queries the locale of the active language at every call (routing,
  listings, the language switcher): kept per language.
* ``kept(key, compute)`` keeps any other value for the request: the site's settings, which
  the footer (through Wagtail's ``settings`` context processor), an embedded form and
  its emails all read (``core.models.SiteSettings.for_site``).

What is kept lives until the request ends (Django's ``request_started`` and
``request_finished``); outside a request (commands, the task worker) nothing is kept. A
restriction or locale added during a request is seen from the next one.
"""

from asgiref.local import Local
from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.query import PageQuerySet

from core import page_cache

_request = Local()
# Kept for tests/test_queries.py's upgrade tripwires.
WAGTAIL_PRIVATE_Q = PageQuerySet.private_q
WAGTAIL_GET_VIEW_RESTRICTIONS = Page.get_view_restrictions
WAGTAIL_GET_ACTIVE_LOCALE = Locale.get_active.__func__


def _started(**kwargs):
    _request.active, _request.sections, _request.locales, _request.kept = True, None, {}, {}


def _finished(**kwargs):
    _request.active, _request.sections, _request.locales, _request.kept = False, None, {}, {}


def _in_request():
    return getattr(_request, "active", False)


def kept(key, compute):
    """``compute()``, once per request for ``key``; every time outside a request."""
    if not _in_request():
        return compute()
    if key not in _request.kept:
        _request.kept[key] = compute()
    return _request.kept[key]


def restricted_sections():
    """(path, depth) of every page with a view restriction: a private section's top."""
    from wagtail.models import PageViewRestriction

    if _in_request() and _request.sections is not None:
        return _request.sections
    sections = page_cache.remembered(
        "restricted sections",
        None,
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()),
    )
    if _in_request():
        _request.sections = sections
    return sections


def private_q(self):
    """Wagtail's ``private_q`` (a private section and everything under it), from the kept read."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q if q else Q(pk__in=[])  # as Wagtail: no private section matches no page


def get_view_restrictions(self):
    """Wagtail's, without a query when the site has no view restriction at all."""
    from wagtail.models import PageViewRestriction

    if _in_request() and not restricted_sections():
        return PageViewRestriction.objects.none()
    return WAGTAIL_GET_VIEW_RESTRICTIONS(self)


@classmethod
def get_active_locale(cls):
    """Wagtail's ``Locale.get_active``, once per language in a request."""
    if not _in_request():
        return WAGTAIL_GET_ACTIVE_LOCALE(cls)
    language = translation.get_language()
    if language not in _request.locales:
        _request.locales[language] = WAGTAIL_GET_ACTIVE_LOCALE(cls)
    return _request.locales[language]


def install():
    """Called from CoreConfig.ready."""
    request_started.connect(_started, dispatch_uid="per_request_started")
    request_finished.connect(_finished, dispatch_uid="per_request_finished")
    PageQuerySet.private_q = private_q
    Page.get_view_restrictions = get_view_restrictions
    Locale.get_active = get_active_locale
