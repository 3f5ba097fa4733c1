"""A page found from the site's root in two queries, however deep it is.

Wagtail routes a URL one level at a time: for ``/ar/الحملات/اعرف-العلامات/`` it looks
up each child and then its specific page, two queries per level, so that a page type
on the way may route the rest itself (``RoutablePageMixin``). No page type of this
site does, so the root page (``DirectRouteMixin``, on ``HomePage``) finds the page by
its ``url_path`` instead: one query for the page, one for its specific type. As
Wagtail's, the page found must be live, and pages on the way need not be. Should a
page type ever route its own sub-paths, ``direct_routing_is_safe`` turns this off and
Wagtail routes as before.
"""

import functools

from django.http import Http404
from wagtail.models import Page, get_page_models
from wagtail.url_routing import RouteResult


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
