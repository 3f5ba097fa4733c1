"""A page found in two queries, however deep it is, in either language; in one, when the
lookups are kept for the generation.

Wagtail routes a URL one level at a time: it looks up the site root's translation in
the reader's language and its specific page, then, for ``/ar/الحملات/اعرف-العلامات/``,
each child and its specific page, two queries per level, so that a page type on the
way may route the rest itself (``RoutablePageMixin``). No page type of this site does
(``direct_routing_is_safe``), so ``route_for_request``, installed over
``Page.route_for_request`` by CoreConfig, finds the page by its ``url_path``: the
translated root's comes from Wagtail's own cached list of site root paths, the root
(to check that it is live, as Wagtail's ``localized`` does) and the page come in one
query, then the page's specific type. As Wagtail's, the page found must be live, and
pages on the way need not be. Anything it does not handle in the same way as Wagtail
(a root that is not live or not translated, a page type that routes its own sub-paths)
goes to Wagtail's own routing.

Where a path leads (the page's type and id, or nowhere), the site of a host name and
the sites' root paths change only when content is saved: they are kept for the page
cache's generation (``page_cache.remembered``), so a page kept in no cache costs one
query to find, for the page itself.
"""

import functools
import pickle

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site, get_page_models, sites
from wagtail.url_routing import RouteResult

from core import page_cache

WAGTAIL_ROUTE_FOR_REQUEST = Page.route_for_request
WAGTAIL_GET_SITE_FOR_HOSTNAME = sites.get_site_for_hostname
WAGTAIL_GET_SITE_ROOT_PATHS = Site.get_site_root_paths
WAGTAILS = object()  # "let Wagtail route this request"


@functools.cache
def direct_routing_is_safe():
    """No page type routes differently from Wagtail's ``Page.route``."""
    return all(model.route == Page.route for model in get_page_models())


def route_for_request(request, path):
    """Wagtail's ``Page.route_for_request``, in two queries (see the module docstring)."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    components = [component for component in path.split("/") if component]
    result = _direct_route(request, components) if direct_routing_is_safe() else WAGTAILS
    if result is WAGTAILS:
        result = WAGTAIL_ROUTE_FOR_REQUEST(request, path)
    if result is not None:
        _give_locale(result[0])
    request._wagtail_route_for_request = result
    return result


def page_served(request):
    """The page Wagtail routed ``request`` to, if it routed it."""
    result = getattr(request, "_wagtail_route_for_request", None)
    return result[0] if result else None


def _give_locale(page):
    """The reader's locale, already looked up, on the page found: no query when it asks."""
    if "locale" in page._state.fields_cache:
        return
    try:
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return
    if page.locale_id == locale.pk:
        page.locale = locale


def _direct_route(request, components):
    site = Site.find_for_request(request)
    if site is None:
        return WAGTAILS
    try:
        # As Locale.get_active() names it, without its query: the page brings its locale.
        language_code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return WAGTAILS
    root_path = next(
        (
            root.root_path
            for root in Site.get_site_root_paths()
            if root.site_id == site.id and root.language_code == language_code
        ),
        None,
    )
    if root_path is None:
        return WAGTAILS
    target = root_path + "".join(f"{component}/" for component in components)
    rows = []  # the page's row, when looked up in this request

    def look_up():
        return _where(site, root_path, target, rows)

    where = page_cache.remembered("route", (site.pk, root_path, target), look_up)
    if where is WAGTAILS or where is None:
        return where
    if not rows:  # kept from an earlier request of this generation: one query for the page
        content_type_id, pk = where
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = next(iter(model.objects.select_related("locale").filter(pk=pk, live=True)), None) if model else None
        if page is not None:
            return RouteResult(page)
        where = look_up()  # gone meanwhile (another app server's change, not seen yet)
        if where is WAGTAILS or where is None:
            return where
    page = rows[0].specific
    page.locale = rows[0].locale  # joined above; .specific fetches the page's own fields only
    return RouteResult(page)


def _where(site, root_path, target, rows):
    """Where ``target`` leads: WAGTAILS, None (no live page: a 404), or the page's content
    type and id, its row put in ``rows``. Only the first three are kept between requests
    (core/page_cache.remembered), never a page."""
    found = list(Page.objects.filter(url_path__in=[root_path, target]).select_related("locale"))
    roots = [page for page in found if page.url_path == root_path]
    pages = [page for page in found if page.url_path == target]
    if len(roots) != 1 or len(pages) > 1 or (roots[0].pk != site.root_page_id and not roots[0].live):
        return WAGTAILS
    if not pages or not pages[0].live:
        return None  # as Wagtail: the route's Http404 is cached as None
    rows[:] = [pages[0]]
    return (pages[0].content_type_id, pages[0].pk)


def get_site_for_hostname(hostname, port):
    """Wagtail's, kept for the generation (core/page_cache.remembered).

    Kept pickled, and each request gets its own copy: a site brings its root page, and a
    model instance shared by the requests of several threads would carry one request's
    changes into another's.
    """
    kept = page_cache.remembered(
        "site", (hostname, port), lambda: pickle.dumps(WAGTAIL_GET_SITE_FOR_HOSTNAME(hostname, port))
    )
    return pickle.loads(kept)  # noqa: S301 - our own pickle, kept in this process's memory


def get_site_root_paths():
    """Wagtail's (read from the shared cache at each call), kept for the generation."""
    return page_cache.remembered("site root paths", None, WAGTAIL_GET_SITE_ROOT_PATHS)


def install():
    """Called from CoreConfig.ready."""
    Page.route_for_request = staticmethod(route_for_request)
    sites.get_site_for_hostname = get_site_for_hostname
    Site.get_site_root_paths = staticmethod(get_site_root_paths)
