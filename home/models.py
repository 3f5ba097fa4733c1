"""The home page, one per language: the root of each language's tree."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns import listings
from campaigns.models import CampaignIndexPage, StoryIndexPage, featured_in
from core import page_links
from core.blocks import FigureBlock
from core.lazy import lazy_values
from core.models import SiteSettings
from core.search import NormalisedSearchMixin
from core.slugs import NormalisedSlugMixin
from core.translation import PAGE_TRANSLATABLE_FIELDS
from volunteer_signup import impact
from volunteer_signup.blocks import ImpactFigureBlock


class HomePage(NormalisedSlugMixin, NormalisedSearchMixin, Page):
    """Landing page of each language tree.

    The hero, impact figures and call to volunteer are edited here; the lists
    of featured campaigns and latest stories are drawn from the campaign and
    story indexes so editors curate them in one place only.
    """

    hero_heading = models.CharField(_("hero heading"), max_length=160)
    hero_text = models.TextField(_("hero text"), blank=True, max_length=600)
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_label = models.CharField(_("hero button label"), max_length=60, blank=True)

    figures_heading = models.CharField(_("figures heading"), max_length=160, blank=True)
    figures_intro = models.TextField(_("figures introduction"), blank=True, max_length=400)
    figures = StreamField(
        [("figure", FigureBlock()), ("impact", ImpactFigureBlock())],
        verbose_name=_("impact figures"),
        blank=True,
        max_num=8,
    )

    volunteer_heading = models.CharField(_("call to volunteer: heading"), max_length=160, blank=True)
    volunteer_text = models.TextField(_("call to volunteer: text"), blank=True, max_length=600)
    volunteer_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call to volunteer: page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page with the volunteer application form."),
    )
    volunteer_link_label = models.CharField(_("call to volunteer: button label"), max_length=60, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                PageChooserPanel("hero_link_page"),
                FieldPanel("hero_link_label"),
            ],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [FieldPanel("figures_heading"), FieldPanel("figures_intro"), FieldPanel("figures")],
            heading=_("Impact figures"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("volunteer_heading"),
                FieldPanel("volunteer_text"),
                PageChooserPanel("volunteer_page"),
                FieldPanel("volunteer_link_label"),
            ],
            heading=_("Call to volunteer"),
        ),
    ]

    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("hero_heading"),
        TranslatableField("hero_text"),
        TranslatableField("hero_link_label"),
        TranslatableField("figures_heading"),
        TranslatableField("figures_intro"),
        TranslatableField("figures"),
        TranslatableField("volunteer_heading"),
        TranslatableField("volunteer_text"),
        TranslatableField("volunteer_link_label"),
        # Page links stay the same page; templates show its translation (.localized).
        SynchronizedField("hero_link_page"),
        SynchronizedField("volunteer_page"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "campaigns.CampaignIndexPage",
        "campaigns.StoryIndexPage",
        "campaigns.OutcomeIndexPage",
        "campaigns.StandardPage",
        "campaigns.QuestionsPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @property
    def meta_title(self):
        """The home page's <title> and og:title: the hero heading says what the site is."""
        return self.seo_title or self.hero_heading

    @property
    def meta_description(self):
        return self.search_description or self.hero_text

    def clean(self):
        super().clean()
        counted = [figure.value for figure in self.figures if figure.block_type == "impact"]
        if impact.check_one_period_per_measure(counted):
            raise ValidationError(
                {
                    "figures": _(
                        "Show each count from the records over one period only: the difference "
                        "between two periods could be one volunteer's."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        """Featured campaigns and latest stories of this language's tree.

        Drawn from the campaign and story indexes, so editors curate them in
        one place; empty lists make the template leave the section out. Made when the
        template first uses them (core/lazy.py).
        """
        context = super().get_context(request, *args, **kwargs)
        names = ("featured_campaigns", "latest_stories", "hero_link", "volunteer_link", "shown_figures")
        context.update(lazy_values(lambda: self._listings(request), names))
        return context

    def _listings(self, request):
        campaigns = featured_in(CampaignIndexPage.objects.child_of(self).live().public(), self.locale_id)
        # The buttons' pages in the reader's language in one query, and the footer's privacy
        # notice with them (kept for the request: the footer asks again and costs nothing).
        notice_id = SiteSettings.for_request(request).privacy_page_id
        links = page_links.in_language([self.hero_link_page_id, self.volunteer_page_id, notice_id], self.locale_id)
        return {
            "featured_campaigns": listings.prefetch_card_data(campaigns[:3]),
            "latest_stories": list(StoryIndexPage.stories_below(self)[:3]),
            "hero_link": links.get(self.hero_link_page_id),
            "volunteer_link": links.get(self.volunteer_page_id),
            # A figure from the records with nothing to show (too few volunteers behind it,
            # no baseline) is left out, not shown empty.
            "shown_figures": [figure for figure in self.figures if figure.block.is_shown(figure.value)],
        }
