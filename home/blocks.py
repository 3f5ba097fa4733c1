"""Blocks the home page shares with the campaign body (key figures)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


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

    class Meta:
        icon = "order"
        label = _("Figure")
        template = "blocks/figure.html"
        preview_value = {"value": 42073, "label": "ساعة تطوعية خلال نصف عام"}
        description = _("A number and a short label.")
