"""A sitemap that lists the pages of every language.

Wagtail's sitemap only walks the site's root page (the Arabic tree); the
English home page is a sibling of it, so its pages would be missing
(wagtail/wagtail#12420).
"""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class I18nSitemap(Sitemap):
    def items(self):
        site_root = self.get_wagtail_site().root_page
        in_a_tree = Q()
        for root in site_root.get_translations(inclusive=True):
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .filter(alias_of__isnull=True)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
