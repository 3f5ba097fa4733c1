"""Blocks and rich-text features shared by the home page, content pages and form blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# One rich-text toolbar for every editor-written paragraph, so a form's
# introduction and a campaign's body accept the same markup.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class FigureBlock(blocks.StructBlock):
    """One impact figure: a whole number and what it counts.

    The number is an IntegerBlock so wagtail-localize keeps it synchronised
    between languages; only the label is translated.
    """

    value = blocks.IntegerBlock(label=_("Number"), min_value=0)
    label = blocks.CharBlock(
        label=_("What it counts"),
        max_length=120,
        help_text=_("For example: volunteer hours in the first half of the year."),
    )

    def is_shown(self, value):
        return True

    class Meta:
        icon = "order"
        label = _("Figure")
        template = "blocks/figure.html"
        preview_value = {"value": 42073, "label": "ساعة تطوعية خلال نصف عام"}
        description = _("A number and a short label.")
