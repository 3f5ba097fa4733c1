"""Campaigns: the index residents browse by topic and time, and each campaign."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns import listings
from core.lazy import lazy_value, lazy_values
from core.translation import PAGE_TRANSLATABLE_FIELDS

from .base import ContentPage, HeroImageMixin, TopicIndexPage, content_and_details_tabs
from .snippets import PageTopic
from .stories import SuccessStoryPage

CAMPAIGNS_PER_PAGE = 12


class CampaignIndexPage(TopicIndexPage):
    """Lists the campaigns of one language, filtered by topic and by time.

    Editors pin campaigns to the top in "Featured campaigns"; the home page
    shows the same featured list, so the order is curated in one place.
    """

    content_panels = [
        *TopicIndexPage.content_panels,
        InlinePanel("featured", label=_("Featured campaigns"), max_num=6),
    ]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        SynchronizedField("featured"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index")

    def campaigns(self):
        """This index's campaigns, newest first (``listings.card_pages``)."""
        return listings.card_pages(CampaignPage.objects.child_of(self)).order_by("-start_date", "title")

    def featured_campaigns(self, request=None):
        """The pinned campaigns in this index's language, in the editors' order (cards of
        ``listings.card_pages``: run ``prefetch_card_data`` over them).

        In a preview, the pins of the draft being previewed (held by this object, not yet
        saved); otherwise the saved ones, found with their campaigns in one query.
        """
        if getattr(request, "is_preview", False):
            rows = sorted(self.featured.all(), key=lambda row: (row.sort_order or 0, row.pk or 0))
            cards = listings.card_pages(CampaignPage.objects.all())
            return listings.in_same_language([row.campaign for row in rows], self.locale_id, cards)
        return featured_in(CampaignIndexPage.objects.filter(pk=self.pk), self.locale_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        names = ("campaigns", "featured", "excludes_featured", "topics", "selected_topic", "selected_when")
        context.update(lazy_values(lambda: self._listing(request), (*names, "query_string")))
        context["states"] = listings.CAMPAIGN_STATE_LABELS
        return context

    def _listing(self, request):
        """The page of campaigns asked for, made when the template first uses it (core/lazy.py)."""
        when = request.GET.get("when", "")
        campaigns, topics, topic = self.filter_by_topic(request, self.campaigns())
        if when in listings.CAMPAIGN_STATES:
            campaigns = listings.filter_by_state(campaigns, when, timezone.localdate())
        else:
            when = ""
        # Unfiltered, the featured campaigns head the first page and the list below
        # holds the others: on a phone a repeated card is a screen of scrolling.
        featured = list(self.featured_campaigns(request)) if not (topic or when) else []
        if featured:
            campaigns = campaigns.exclude(pk__in=[campaign.pk for campaign in featured])
        page_obj = Paginator(campaigns, CAMPAIGNS_PER_PAGE).get_page(request.GET.get("page"))
        # The images and topics of both lists in one query each.
        page_obj.object_list = list(page_obj.object_list)
        listings.prefetch_card_data([*featured, *page_obj.object_list])
        return {
            "campaigns": page_obj,
            "featured": featured if page_obj.number == 1 else [],
            "excludes_featured": bool(featured),
            "topics": topics,
            "selected_topic": topic,
            "selected_when": when,
            "query_string": urlencode({k: v for k, v in (("topic", topic), ("when", when)) if v}),
        }


class FeaturedCampaign(Orderable):
    """A campaign pinned to the top of the index, in the editor's order.

    Synchronised between languages as a whole; the page link is resolved to
    the current language's translation when the list is shown.
    """

    index = ParentalKey(CampaignIndexPage, on_delete=models.CASCADE, related_name="featured")
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("campaign")]


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=250)
    publisher = blocks.CharBlock(label=_("Publisher"), required=False, max_length=160)
    url = blocks.URLBlock(label=_("Address"), required=False)

    class Meta:
        icon = "link"
        label = _("Source")


def featured_in(indexes, locale_id):
    """The campaigns pinned in the first of ``indexes`` (campaign index pages, a queryset),
    in ``locale_id``, in the editors' order: one query with the index's. A campaign pinned
    twice is shown once, at its first place.

    The pins are synchronised between languages and keep pointing at the source
    language's campaigns; each is shown as its live translation in ``locale_id``, and a
    campaign not translated into it is left out. ``listings.card_pages``: run
    ``prefetch_card_data`` over them.
    """
    pins = FeaturedCampaign.objects.filter(index__in=indexes.order_by("path").values("pk")[:1])
    order = pins.filter(campaign__translation_key=OuterRef("translation_key")).order_by("sort_order", "pk")
    return (
        listings.card_pages(CampaignPage.objects.filter(locale_id=locale_id))
        .filter(translation_key__in=pins.values("campaign__translation_key"))
        .annotate(pin_order=Subquery(order.values("sort_order")[:1]), pin_id=Subquery(order.values("pk")[:1]))
        .order_by("pin_order", "pin_id")
    )


class CampaignPage(HeroImageMixin, ContentPage):
    """One awareness campaign or guidance page.

    Guidance on sensitive subjects (drugs above all) carries its sources and
    the date it was last reviewed, so readers can judge whether to trust it.
    """

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for an ongoing campaign.")
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When an expert last checked this guidance. Shown to readers."),
    )
    sources = StreamField([("source", SourceBlock())], verbose_name=_("sources"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    details_panels = [
        MultiFieldPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        InlinePanel("topics", label=_("Topics"), min_num=1),
        MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("sources")], heading=_("Trust")),
    ]
    edit_handler = content_and_details_tabs(content_panels, details_panels)
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("hero_image_alt"),
        TranslatableField("body"),
        TranslatableField("sources"),
        TranslatableField("topics"),
        SynchronizedField("hero_image"),
        SynchronizedField("start_date", overridable=False),
        SynchronizedField("end_date", overridable=False),
        SynchronizedField("last_reviewed", overridable=False),
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must be on or after the start date.")})

    def related_stories(self, limit=3):
        """Stories told about this campaign, in any of its languages, in this page's language."""
        stories = SuccessStoryPage.objects.filter(
            locale_id=self.locale_id, related_campaign__translation_key=self.translation_key
        )
        return list(listings.with_card_data(stories).order_by("-story_date")[:limit])

    @property
    def state(self):
        return listings.campaign_state(self, timezone.localdate())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Made when the template first uses them: not at all when the page's content comes
        # from the kept parts (core/fragment_cache.py).
        context["related_stories"] = lazy_value(self.related_stories)
        # Each topic links to the campaign list filtered by it: one query for the topics,
        # however many there are.
        context["topic_links"] = lazy_value(lambda: list(self.topics.select_related("topic")))
        # The parent's address is this page's without its last segment (a page's URL is
        # its parent's plus its slug): no query for the parent.
        url = self.get_url(request) or ""
        list_url = url[: url.rstrip("/").rfind("/") + 1]
        if not list_url.strip("/"):  # a campaign that is a site's root has no list above it
            parent = self.get_parent()
            list_url = parent.get_url(request) if parent else ""
        context["campaign_list_url"] = list_url or ""
        return context


class CampaignPageTopic(PageTopic):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="topics")

    class Meta(PageTopic.Meta):
        verbose_name = _("campaign topic")
        verbose_name_plural = _("campaign topics")
