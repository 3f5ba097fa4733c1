"""The volunteer application form block, and the list of upcoming opportunities."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Locale
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import RICH_TEXT_FEATURES
from submissions.blocks import EmbeddedFormBlock

from . import impact, signups
from .applications import VolunteerApplicationHandler
from .models import Opportunity


class VolunteerFormBlock(EmbeddedFormBlock):
    handler_class = VolunteerApplicationHandler

    heading = blocks.CharBlock(label=_("Heading"), max_length=160, default=_("Apply to volunteer"))
    intro = blocks.RichTextBlock(label=_("Introduction"), required=False, features=RICH_TEXT_FEATURES)
    roles = blocks.ListBlock(
        SnippetChooserBlock("volunteer_signup.VolunteerRole"),
        label=_("Roles to offer"),
        help_text=_("Leave empty to offer every open role."),
        # Without this a new block starts with one empty (required) row, and the page
        # cannot be saved until the editor deletes it.
        default=[],
    )
    next_steps = blocks.TextBlock(
        label=_("What happens next"),
        required=False,
        max_length=600,
        help_text=_("Shown with the reference after the form is sent. Leave empty for the standard text."),
    )

    class Meta:
        icon = "group"
        label = _("Volunteer application form")
        template = "volunteer_signup/blocks/volunteer_form.html"
        description = _("The volunteer application form; applications go to the coordinators' queue.")
        preview_value = {"heading": _("Apply to volunteer")}


class UpcomingOpportunitiesBlock(blocks.StructBlock):
    """Public opportunities still to come, in the page's language: on a campaign page
    ("upcoming opportunities for this campaign", chosen by role), or with a high limit as
    the site's listing of opportunities. Places left are counted when the page is made, so
    a page served from the cache may be up to ``PAGE_CACHE_SECONDS`` behind."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=160, default=_("Volunteering opportunities"))
    role = SnippetChooserBlock(
        "volunteer_signup.VolunteerRole",
        label=_("Only for this role"),
        required=False,
        help_text=_("Leave empty to list every public opportunity."),
    )
    limit = blocks.IntegerBlock(label=_("How many at most"), min_value=1, max_value=50, default=3)

    class Meta:
        icon = "date"
        label = _("Upcoming volunteering opportunities")
        template = "volunteer_signup/blocks/upcoming_opportunities.html"
        description = _("Public opportunities still to come, with the places left.")
        preview_value = {"heading": _("Volunteering opportunities"), "limit": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        locale = getattr(page, "locale", None) or Locale.get_active()
        listed = Opportunity.objects.public().upcoming()
        if value.get("role"):
            listed = listed.filter(role__translation_key=value["role"].translation_key)
        listed = signups.with_places_left(listed, locale, limit=value.get("limit") or 3)
        context["opportunities"] = listed
        return context


class ImpactFigureBlock(blocks.StructBlock):
    """An impact figure counted from the records (``impact.py``): approved hours, volunteers
    with hours, training courses completed or volunteers trained, over a chosen period, plus
    a baseline the editor enters for the history before the site. Below the minimum number
    of volunteers the count is left out (only the baseline shows, or no figure at all)."""

    measure = blocks.ChoiceBlock(label=_("What to count"), choices=impact.MEASURES, default="hours")
    period = blocks.ChoiceBlock(label=_("Over"), choices=impact.PERIODS, default="all")
    baseline = blocks.IntegerBlock(
        label=_("Baseline"),
        min_value=0,
        default=0,
        required=False,
        help_text=_("Added to the count: the figure from before the site, e.g. the first half-year's 42,073 hours."),
    )
    label = blocks.CharBlock(
        label=_("What it counts"),
        max_length=120,
        help_text=_("For example: volunteer hours since the programme began."),
    )

    class Meta:
        icon = "order"
        label = _("Figure from the records")
        template = "blocks/figure.html"
        description = _("A number counted from attendance and approved hours, with a baseline.")
        preview_value = {"measure": "hours", "period": "all", "baseline": 42073, "label": "ساعة تطوعية"}

    def number(self, value):
        return impact.figure(value["measure"], value["period"], value.get("baseline"))

    def is_shown(self, value):
        return self.number(value) is not None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["value"] = {"value": self.number(value), "label": value["label"]}
        return context
