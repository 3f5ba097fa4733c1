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
production) stops serving the old pages within a second (``GENERATION_TTL``); nothing
is purged one by one, and nothing can be forgotten. Drafts, autosaves, locks and
comments change nothing a visitor sees and bump nothing. A deploy ends the kept pages
too: it runs ``migrate``, and the key names the release's static files. Content that
changes with time alone (a campaign's "running / upcoming / ended" by date) is right by
the key's date and the entries' lifetime (``PAGE_CACHE_SECONDS``). Kept pages are
sent gzipped to browsers that accept it (compressed once, when kept), and say
``public, s-maxage`` with ``PAGE_CACHE_PROXY_SECONDS``; browsers revalidate (``max-age=0``).
A Varnish in front (``VARNISH_URLS``) is told to drop its pages at each bump
(core/frontend_cache.py); a CDN that is not told keeps them for ``PAGE_CACHE_PROXY_SECONDS``.

When the cache fails (Redis down or silent, core/cache.py) pages are rendered and none is
kept; a change published meanwhile ends the pages kept before as soon as this process
finds the cache again.
"""

import functools
import hashlib
import itertools
import logging
import threading
import time
from collections import OrderedDict

from asgiref.local import Local
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile
from django.utils.text import compress_string
from modelcluster.fields import ParentalKey
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import cache as shared_cache
from core import frontend_cache
from core.client_address import from_trusted_proxy

logger = logging.getLogger("sharaka.page_cache")

GENERATION_KEY = "page-cache:generation"
# Paths that are never pages for everyone: the admin, documents (collections may be
# private), the form-token endpoint, the language switch (sets a cookie).
NEVER_CACHED = ("/admin/", "/documents/", "/forms/", "/language/", "/media/", "/static/", "/_util/")
HIT_HEADER = "X-Page-Cache"
REFRESH_HEADER = "HTTP_X_PAGE_CACHE_REFRESH"  # sent by Varnish (deploy/varnish/sharaka.vcl)
ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
# Inline children of pages that visitors never see.
NOT_CONTENT = frozenset({"wagtailcore.comment", "wagtailcore.commentreply"})


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


# --- generation -------------------------------------------------------------------
# Each app server reads the shared generation at most once a GENERATION_TTL, so a page
# from the cache costs one cache read, not two; a change made on another app server is
# seen within that time, and one made on this server at once.
GENERATION_TTL = 1.0
_known = {"generation": None, "read_at": 0.0, "bump_missed": False}


def _remember(value):
    _known["generation"], _known["read_at"] = value, time.monotonic()
    return value


class CacheUnavailable(Exception):
    """The shared cache keeps nothing just now: pages are rendered, none is kept."""


def generation(fresh=False):
    """The current generation; started from the clock, so a cache that lost it never
    reuses an old number. ``fresh``: read from the cache, not from what this process
    read within ``GENERATION_TTL``."""
    if not fresh and _known["generation"] is not None and time.monotonic() - _known["read_at"] < GENERATION_TTL:
        return _known["generation"]
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        current = cache.get(GENERATION_KEY)
    if current is None:  # the cache keeps nothing (Redis down, core/cache.py): no page is kept
        raise CacheUnavailable
    return _remember(current)


def bump():
    """Every page kept so far is old: the next request on any app server renders anew."""
    try:
        try:
            bumped = cache.incr(GENERATION_KEY)
        except ValueError:  # not there yet (or lost): a new clock-based start
            cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
            bumped = cache.get(GENERATION_KEY)
        if bumped is None:  # the cache failed open (core/cache.py)
            raise CacheUnavailable
        _remember(bumped)
        _known["bump_missed"] = False
    except Exception:  # the cache is down: it serves nothing until it is back
        _known["generation"] = None
        _known["bump_missed"] = True
        logger.warning("could not bump the page cache's generation", exc_info=True)
    # A caching proxy in front keeps pages too: it drops them all (core/frontend_cache.py).
    frontend_cache.ban_after_change()


# --- the generation of a request --------------------------------------------------
# Read once, by PageCacheMiddleware, before the request reads anything else: what the
# request keeps (its page, parts of it, lookups) is kept under it. Read later, a change
# committed while the request rendered would have its old content kept as the new
# generation's.
_pinned = Local()
UNAVAILABLE = object()


def pinned_generation():
    """The generation this request started under; outside a request, the current one.
    CacheUnavailable when the cache could not be read."""
    pinned = getattr(_pinned, "generation", None)
    if pinned is None:
        return generation()
    if pinned is UNAVAILABLE:
        raise CacheUnavailable
    return pinned


def _pin(fresh):
    try:
        return generation(fresh=fresh)
    except CacheUnavailable:  # logged once per outage by core/cache.py
        return UNAVAILABLE
    except Exception:
        logger.warning("the page cache's generation is unavailable; rendering", exc_info=True)
        return UNAVAILABLE


def bump_missed():
    """When the cache answers again: the bump this process could not make, if any."""
    if _known.get("bump_missed"):
        bump()


_tokens = itertools.count()


def bump_after_commit():
    """Bump once the transaction commits: once, however many things it saved (a publish
    saves the page, its revision, its translations' states…).

    Each save asks for a bump after the commit; the first of them that runs bumps for all
    asked for so far, and the others do nothing. (Asks left by a transaction that was
    rolled back are settled by the next bump that runs.)
    """
    batch = transaction.get_connection().__dict__.setdefault("_sharaka_bumps", {"asked": set(), "done": set()})
    token = next(_tokens)
    batch["asked"].add(token)

    def bump_once():
        if token in batch["done"]:
            return
        batch["done"] |= batch["asked"]
        batch["asked"].clear()
        bump()

    bump_once.__name__ = "bump"
    transaction.on_commit(bump_once)


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
    if model._meta.label_lower in NOT_CONTENT:
        return False
    content = (Page, BaseSiteSetting, BaseGenericSetting, Locale, Site, Collection)
    content += (PageViewRestriction, CollectionViewRestriction, get_image_model(), get_document_model())
    if issubclass(model, content) or model in get_snippet_models():
        return True
    return any(
        isinstance(field, ParentalKey) and is_content(field.related_model)
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation
    )


# Fields Wagtail saves on its own (a draft or autosave, a lock, comments) that change
# nothing a visitor sees: a save of only these keeps the kept pages.
BOOKKEEPING_FIELDS = frozenset(
    {
        *("latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes"),
        *("locked", "locked_at", "locked_by", "wagtail_admin_comments"),
    }
)


def _saved(sender, **kwargs):
    if kwargs.get("raw"):
        return  # fixtures being loaded
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if is_content(sender):
        bump_after_commit()


def _page_changed(sender, **kwargs):
    bump_after_commit()


def _migrated(sender, **kwargs):
    if sender.name == "core":  # sent once per app; once is enough
        bump()


def connect_signals():
    """Called from CoreConfig.ready. Saves and deletes of content, and Wagtail's page
    signals for the changes made with bulk updates (a move rewrites tree paths). And
    ``migrate``, which every deploy runs: new templates or code must not wait for the
    kept pages to expire."""
    # A change published while the cache was down could not end the pages kept there
    # (the bump failed): they end when this process finds the cache again.
    if bump_missed not in shared_cache.RECOVERY_HOOKS:
        shared_cache.RECOVERY_HOOKS.append(bump_missed)
    post_migrate.connect(_migrated, dispatch_uid="page_cache_migrated")
    post_save.connect(_saved, dispatch_uid="page_cache_saved")
    post_delete.connect(_saved, dispatch_uid="page_cache_deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"page_cache_{id(signal)}")


# --- requests ---------------------------------------------------------------------
def is_cacheable_request(request):
    return enabled() and is_shareable_request(request)


def is_shareable_request(request):
    """Whether the answer to ``request`` is the same for everyone who could send it: an
    anonymous GET of a public path without a query string (the page cache's rule, and
    core/fragment_cache.py's)."""
    return (
        request.method in ("GET", "HEAD")
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


@functools.cache
def release():
    """What names this release's static files: pages kept by an app server of another
    release (during a rolling deploy) refer to other file names and are not shared."""
    return getattr(staticfiles_storage, "manifest_hash", "") or "-"


def cache_key(request, current_generation):
    address = hashlib.sha256(f"{request.scheme}://{request.get_host()}{request.path}".encode()).hexdigest()
    return f"page-cache:{current_generation}:{release()}:{timezone.localdate().isoformat()}:{address}"


class RecentEntries:
    """What this app server served last (pages, parts of pages), so the busiest cost no cache read.

    Every instance is emptied by ``forget_local``.

    Keys carry the generation and the date, so an entry of an old generation is never
    asked for again and ages out; ``PAGE_CACHE_SECONDS`` still bounds each one.
    """

    instances = []

    def __init__(self, size):
        self.size, self.entries, self.lock = size, OrderedDict(), threading.Lock()
        RecentEntries.instances.append(self)

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if time.monotonic() > entry[0]:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry[1]

    def put(self, key, page, seconds):
        with self.lock:
            self.entries[key] = (time.monotonic() + seconds, page)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


# At most 256 pages (about 15 MB of HTML) per app server process, each for a minute.
recent_pages = RecentEntries(size=256)
RECENT_SECONDS = 60


# --- lookups kept per generation ----------------------------------------------------
_lookups = RecentEntries(size=1024)


def remembered(name, key, compute):
    """``compute()``, kept in this process for the current generation.

    For the lookups every page view makes that only saving content changes: the site of a
    host name, the sites' root paths, where a path leads, which sections are private
    (core/routing.py, core/per_request.py). A change ends them with the kept pages: on
    this app server at once, on the others within ``GENERATION_TTL``. Off, as the kept
    parts of pages are (core/fragment_cache.py), when ``FRAGMENT_CACHE_SECONDS`` is 0 (the
    unit tests, whose transactions never commit and so never bump), and while the
    shared cache is unavailable.
    """
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or _bumps_pending():
        return compute()
    try:
        current = pinned_generation()
    except Exception:  # CacheUnavailable, or a cache that fails: look it up
        return compute()
    entry_key = (current, name, key)
    kept = _lookups.get(entry_key)
    if kept is None:
        kept = (compute(),)  # in a tuple: None (no such page) is kept too
        _lookups.put(entry_key, kept, min(RECENT_SECONDS, settings.FRAGMENT_CACHE_SECONDS))
    return kept[0]


def _bumps_pending():
    """Whether this connection saved content not yet committed: what it reads now may be
    rolled back, and must not be kept for other requests."""
    batch = transaction.get_connection().__dict__.get("_sharaka_bumps")
    return bool(batch and batch["asked"])


def forget_local():
    """Forget what this process knows of the cache (tests, after clearing the cache)."""
    for entries in RecentEntries.instances:
        entries.clear()
    _known["generation"] = None


def _frozen(response):
    """What is kept of a response: status, headers, the body and the body gzipped (a new
    response is made per hit). Public pages hold no secret (no CSRF token, nothing of the
    visitor's), so compressing them cannot leak one (BREACH), and it is done once."""
    patch_vary_headers(response, ("Accept-Encoding",))
    return (response.status_code, dict(response.items()), response.content, compress_string(response.content))


def _served(request, status, headers, content, compressed):
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) and len(compressed) < len(content):
        response.content = compressed
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
    return response


class PageCacheMiddleware:
    """Serve and keep anonymous public pages (see the module docstring).

    Placed right after whitenoise, so a page from the cache passes through as little
    as a static file does; the headers of the middleware inside it (the
    Content-Security-Policy, the same for every public page) are kept with the page, and
    Django's SecurityMiddleware, outside it, adds its own to every answer. The pages an
    app server served last are also kept in its memory (``recent_pages``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Varnish fetching a page anew after a ban renders it here, never reads a kept copy
        # this server may not yet know is old (core/frontend_cache.py); it is kept again.
        # Believed from our proxies only: anyone else could make every request a render.
        refresh = REFRESH_HEADER in request.META and from_trusted_proxy(request)
        _pinned.generation = _pin(fresh=refresh)
        try:
            return self._serve(request, refresh)
        finally:
            _pinned.generation = None

    def _serve(self, request, refresh):
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            key = cache_key(request, pinned_generation())
            page = None if refresh else recent_pages.get(key)
            if page is None and not refresh:
                page = cache.get(key)
                if page is not None:
                    recent_pages.put(key, page, min(RECENT_SECONDS, settings.PAGE_CACHE_SECONDS))
        except CacheUnavailable:  # logged once per outage by core/cache.py
            return self.get_response(request)
        except Exception:
            logger.warning("the page cache is unavailable; rendering", exc_info=True)
            return self.get_response(request)
        if page is not None:
            response = _served(request, *page)
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if not is_storable(response):
            return response
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_PROXY_SECONDS)
        page = _frozen(response)
        try:
            cache.set(key, page, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("could not keep a page in the cache", exc_info=True)
        recent_pages.put(key, page, min(RECENT_SECONDS, settings.PAGE_CACHE_SECONDS))
        response = _served(request, *page)
        response[HIT_HEADER] = "miss"
        return response
