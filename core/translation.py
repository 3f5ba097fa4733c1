"""What wagtail-localize translates on every page, in one place.

Page models spell out ``translatable_fields`` (so a new field can't become
translatable, or synchronised, by accident); these four come first in each.
"""

from wagtail_localize.fields import TranslatableField

PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
]
