"""Parts of public pages kept rendered, so a page the page cache does not hold is quick too.

A page rendered anew (the first visitor after a change, the page cache turned off, a
proxy fetching it again, another app server) is mostly what it was: the links of its
head, the header and menu, the footer, and the page's own content. ``{% shared_part %}``
(core/templatetags/shared_parts.py) keeps such a part in the shared cache under the page
cache's own key parts: the generation, the release's static files and the date
(core/page_cache.py). So whatever ends the kept pages (publishing, a snippet or setting
saved, a deploy, midnight) ends their parts at the same moment. The generation is the
one the request started under (``page_cache.pinned_generation``, read before anything
else), so a change committed while a request renders is never kept as current. What
changes with time alone is right within ``FRAGMENT_CACHE_SECONDS`` (and a page the page
cache keeps from the part, ``PAGE_CACHE_SECONDS`` more).

What stays per request is what must: routing and the view-restriction check of the page
served, the page's own lookups that the parts do not need (they are lazy, core/lazy.py:
a part read from the cache never asks for them), and the rest of the template.

A part is reused and kept only where the whole page could be shared
(``page_cache.is_shareable_request``: an anonymous GET of a public path, no query string),
never in a preview, and never while the page shows a visitor's form state (an error, a
notice, a confirmation). A part kept "for" a page is kept only when that page is the one
Wagtail routed this request to, so a 404, the search page or a view that shows a page in
its context (a resident's private answer page) is rendered each time. A part rendered
is kept only once the whole response is known to be one for everyone
(``KeptPartsMiddleware``), and not when something the template used failed. As the page
cache does, this fails open: with the shared cache unavailable every part is rendered.
``FRAGMENT_CACHE_SECONDS = 0`` turns the parts off (the test settings do, so that no test
reads a part another test kept; tests/test_fragment_cache.py turns them on).
"""

import hashlib
import logging
import time

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from wagtail.models import Page

from core import page_cache, routing

logger = logging.getLogger("sharaka.page_cache")

# The parts this app server served last: a warm part costs no cache read. Up to 512 parts
# of a few to some tens of kilobytes each.
recent_parts = page_cache.RecentEntries(size=512)
RECENT_SECONDS = 60
# The parts the current request rendered, kept once its response is known (KeptPartsMiddleware).
_request = Local()
# Context flags of a visitor's form state (submissions/embedding.py), which is theirs alone.
VISITOR_STATE = ("form_error", "form_notice", "form_sent")


def enabled():
    return settings.FRAGMENT_CACHE_SECONDS > 0


def part_key(context, name, page=None, for_page=False):
    """The cache key of the part ``name`` in this rendering, or None when it is not shared."""
    request = context.get("request")
    if (
        not enabled()
        or request is None
        or getattr(request, "is_preview", False)
        or not page_cache.is_shareable_request(request)
        or any(context.get(flag) for flag in VISITOR_STATE)
    ):
        return None
    if for_page and not (isinstance(page, Page) and page.pk and routing.page_served(request) == page):
        return None  # not a page, or not the page this request serves (a view's context)
    try:
        current = page_cache.pinned_generation()
    except page_cache.CacheUnavailable:
        return None
    except Exception:
        logger.warning("the page cache's generation is unavailable; rendering", exc_info=True)
        return None
    # The scheme, host and path (each site, and absolute links in the head), the language,
    # the page, and the template (a page may answer with another one, such as its
    # password form).
    where = f"{request.scheme}://{request.get_host()}{request.path}" if for_page else request.get_host()
    template = getattr(getattr(getattr(context, "template", None), "origin", None), "name", "")
    what = f"{where}|{translation.get_language()}|{page.pk if for_page else ''}|{template}"
    address = hashlib.sha256(what.encode()).hexdigest()
    day = timezone.localdate().isoformat()
    return f"page-part:{current}:{page_cache.release()}:{day}:{name}:{address}"


def get(key):
    html = recent_parts.get(key)
    if html is None:
        try:
            kept = cache.get(key)
        except Exception:
            logger.warning("could not read a page part from the cache", exc_info=True)
            return None
        if kept is None:
            return None
        expires_at, html = kept
        # In memory no longer than in the shared cache: FRAGMENT_CACHE_SECONDS bounds a part.
        recent_parts.put(key, html, min(RECENT_SECONDS, expires_at - time.time()))
    return html


def keep(key, html):
    """Keep ``html`` once the response is known to be one for everyone (KeptPartsMiddleware)."""
    pending = getattr(_request, "pending", None)
    if pending is not None:  # rendered outside a request (a command): kept nowhere
        pending.append((key, html))


def spoil():
    """Something this request's templates used failed (a lazy value, core/lazy.py): a
    template's ``{% if %}`` hides the error, so nothing rendered in it is kept."""
    _request.spoiled = True


def _put(key, html):
    seconds = settings.FRAGMENT_CACHE_SECONDS
    try:
        cache.set(key, (time.time() + seconds, html), seconds)
    except Exception:
        logger.warning("could not keep a page part in the cache", exc_info=True)
    recent_parts.put(key, html, min(RECENT_SECONDS, seconds))


class KeptPartsMiddleware:
    """Keeps the parts a request rendered only once its response is one for everyone.

    Placed right inside PageCacheMiddleware: the response is complete (rendered, its
    cookies and headers set) when it comes back here. Parts of a response that is not
    a 200, sets a cookie, varies on cookies or is private (``page_cache.is_storable``),
    of one that used a CSRF token, or of one whose templates met a failure (``spoil``)
    are not kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.pending, _request.spoiled = [], False
        try:
            response = self.get_response(request)
            if (
                _request.pending
                and not _request.spoiled
                and page_cache.is_storable(response)
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            ):
                for key, html in _request.pending:
                    _put(key, html)
            return response
        finally:
            _request.pending, _request.spoiled = None, False
