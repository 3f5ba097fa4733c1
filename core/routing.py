"""A page found in two queries, however deep it is, in either language.

Wagtail routes a URL one level at a time: for ``/ar/الحملات/اعرف-العلامات/`` it looks
up each child and then its specific page, two queries per level, so that a page type
on the way may route the rest itself (``RoutablePageMixin``). No page type of this
site does, so the root page (``DirectRouteMixin``, on ``HomePage``) finds the page by
its ``url_path`` instead: one query for the page, one for its specific type. As
Wagtail's, the page found must be live, and pages on the way need not be. Should a
page type ever route its own sub-paths, ``direct_routing_is_safe`` turns this off and
Wagtail routes as before.

Wagtail first looks up the site root's translation in the reader's language and
then its specific page (two more queries) only to call its ``route``.
``route_for_request`` (installed over ``Page.route_for_request`` by CoreConfig) takes
the translated root's ``url_path`` from Wagtail's own cached list of site root paths
and fetches the root and the page in one query (the root to check that it is live,
as Wagtail's ``localized`` does), then the page's specific type. Anything it does not
handle in the same way as Wagtail (the home page itself, a root that is not live or
not translated) goes to Wagtail's own.
"""

import functools

from django.http import Http404
from wagtail.models import Locale, Page, Site, get_page_models
from wagtail.url_routing import RouteResult

WAGTAIL_ROUTE_FOR_REQUEST = Page.route_for_request
WAGTAILS = object()  # "let Wagtail route this request"


@functools.cache
def direct_routing_is_safe():
    """No page type routes differently from Wagtail's ``Page.route``."""
    return all(model.route in (Page.route, DirectRouteMixin.route) for model in get_page_models())


class DirectRouteMixin:
    def route(self, request, path_components):
        if not path_components or not direct_routing_is_safe():
            return super().route(request, path_components)
        try:
            page = Page.objects.get(url_path=f"{self.url_path}{'/'.join(path_components)}/")
        except Page.DoesNotExist as error:
            raise Http404 from error
        except Page.MultipleObjectsReturned:  # not a tree Wagtail keeps: let Wagtail walk it
            return super().route(request, path_components)
        page = page.specific
        if not page.live:
            raise Http404
        return RouteResult(page)


def route_for_request(request, path):
    """Wagtail's ``Page.route_for_request``, in two queries (see the module docstring)."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    components = [component for component in path.split("/") if component]
    result = _direct_route(request, components) if components and direct_routing_is_safe() else WAGTAILS
    if result is WAGTAILS:
        result = WAGTAIL_ROUTE_FOR_REQUEST(request, path)
    if result is not None:
        _give_locale(result[0])
    request._wagtail_route_for_request = result
    return result


def _give_locale(page):
    """The reader's locale, already looked up, on the page found: no query when it asks."""
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
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return WAGTAILS
    root_path = next(
        (
            root.root_path
            for root in Site.get_site_root_paths()
            if root.site_id == site.id and root.language_code == locale.language_code
        ),
        None,
    )
    if root_path is None:
        return WAGTAILS
    target = f"{root_path}{'/'.join(components)}/"
    found = list(Page.objects.filter(url_path__in=[root_path, target]))
    roots = [page for page in found if page.url_path == root_path]
    pages = [page for page in found if page.url_path == target]
    if len(roots) != 1 or len(pages) > 1 or (roots[0].pk != site.root_page_id and not roots[0].live):
        return WAGTAILS
    if not pages or not pages[0].live:
        return None  # as Wagtail: the route's Http404 is cached as None
    return RouteResult(pages[0].specific)


def install():
    """Called from CoreConfig.ready."""
    Page.route_for_request = staticmethod(route_for_request)
