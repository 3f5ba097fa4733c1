"""Anonymous public pages served from the shared cache, form pages included.

A page a visitor without a session asks for (GET or HEAD, no query string, not the
admin) is looked up in the cache; on a miss it is rendered and kept there when the
response is the same for every visitor: status 200, no cookie set, not varying on
cookies, not marked private or no-store. Pages never hold per-visitor data: the form
token comes from ``/forms/token/`` on first use (submissions/tokens.py), the userbar
is only drawn for a browser with a session, and nothing on a public page reads the
session. Editors (who have a session), previews (under /admin/), search results and
filtered listings (a query string) and confirmations (``?sent=``) are never cached.

Keys carry a *generation*, a counter kept in the same cache: saving anything shown on
pages (a page, a snippet, a setting, an image, a locale or site; ``is_content``) bumps
it once the transaction commits, so every app server sharing the cache (Redis in
production) stops serving the old pages at once; nothing is purged one by one, and
nothing can be forgotten. Content that changes with time alone (a campaign's
"running / upcoming / ended" by date) is right by the key's date and the entries'
lifetime (``PAGE_CACHE_SECONDS``). Kept pages say ``public, s-maxage`` so a proxy may
keep them for as long too; browsers revalidate (``max-age=0``).

When the cache fails (Redis down) pages are rendered as if it were empty.
"""

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control
from modelcluster.fields import ParentalKey
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger("sharaka.page_cache")

GENERATION_KEY = "page-cache:generation"
# Paths that are never pages for everyone: the admin, documents (collections may be
# private), the form-token endpoint, the language switch (sets a cookie).
NEVER_CACHED = ("/admin/", "/documents/", "/forms/", "/language/", "/media/", "/static/", "/_util/")
HIT_HEADER = "X-Page-Cache"


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


# --- generation -------------------------------------------------------------------
def generation():
    """The current generation; started from the clock, so a cache that lost it never
    reuses an old number."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        current = cache.get(GENERATION_KEY)
    return current


def bump():
    """Every page kept so far is old: the next request on any app server renders anew."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not there yet (or lost): a new clock-based start
            cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:  # the cache is down: it serves nothing until it is back
        logger.warning("could not bump the page cache's generation", exc_info=True)


def bump_after_commit():
    transaction.on_commit(bump)


@functools.cache
def is_content(model):
    """Whether saving ``model`` can change what a public page shows.

    Pages, snippets, settings, images and documents, locales, sites, collections and
    view restrictions, and the inline children of any of them (a page's topics, a
    survey's questions). Not: residents' submissions, outgoing emails, revisions and
    drafts' bookkeeping, logs, sessions, image renditions.
    """
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.snippets.models import get_snippet_models

    if model._meta.proxy:
        model = model._meta.concrete_model
    content = (Page, BaseSiteSetting, BaseGenericSetting, Locale, Site, Collection)
    content += (PageViewRestriction, CollectionViewRestriction, get_image_model(), get_document_model())
    if issubclass(model, content) or model in get_snippet_models():
        return True
    return any(
        isinstance(field, ParentalKey) and is_content(field.related_model)
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation
    )


def _saved(sender, **kwargs):
    if kwargs.get("raw"):
        return  # fixtures being loaded
    if is_content(sender):
        bump_after_commit()


def _page_changed(sender, **kwargs):
    bump_after_commit()


def connect_signals():
    """Called from CoreConfig.ready. Saves and deletes of content, and Wagtail's page
    signals for the changes made with bulk updates (a move rewrites tree paths)."""
    post_save.connect(_saved, dispatch_uid="page_cache_saved")
    post_delete.connect(_saved, dispatch_uid="page_cache_deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"page_cache_{id(signal)}")


# --- requests ---------------------------------------------------------------------
def is_cacheable_request(request):
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(NEVER_CACHED)
    )


def _varies_on_cookie(response):
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", ""))}
    return "cookie" in vary or "*" in vary


def is_storable(response):
    control = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not _varies_on_cookie(response)
        and not control & {"private", "no-store", "no-cache"}
    )


def cache_key(request, current_generation):
    path = hashlib.sha256(f"{request.get_host()}{request.path}".encode()).hexdigest()
    return f"page-cache:{current_generation}:{timezone.localdate().isoformat()}:{path}"


class PageCacheMiddleware:
    """Serve and keep anonymous public pages (see the module docstring).

    Placed after the middleware that adds security headers, so a page from the cache
    gets them as a rendered one does, and before the session's, which it never needs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            key = cache_key(request, generation())
            cached = cache.get(key)
        except Exception:
            logger.warning("the page cache is unavailable; rendering", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            cached[HIT_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if is_storable(response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS)
            try:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("could not keep a page in the cache", exc_info=True)
            response[HIT_HEADER] = "miss"
        return response
