"""Success stories: what volunteers and partnerships achieved, told with consent."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Substr
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns import listings
from core.lazy import lazy_values
from core.translation import PAGE_TRANSLATABLE_FIELDS

from .base import ContentPage, HeroImageMixin, TopicIndexPage, content_and_details_tabs
from .snippets import PageTopic

STORIES_PER_PAGE = 12
NEWEST_FIRST = ("-story_date", "title")


class StoryIndexPage(TopicIndexPage):
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.SuccessStoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")

    def stories(self):
        return listings.with_card_data(SuccessStoryPage.objects.child_of(self)).order_by(*NEWEST_FIRST)

    @classmethod
    def stories_below(cls, parent):
        """The stories of ``parent``'s live, public story index (the home page's list), newest
        first, with what a card shows: the index is found in the stories' own query."""
        indexes = cls.objects.child_of(parent).live().public().values("path")
        index_path = Substr("path", 1, (parent.depth + 1) * Page.steplen)
        stories = SuccessStoryPage.objects.descendant_of(parent).filter(depth=parent.depth + 2)
        stories = stories.alias(index_path=index_path).filter(index_path__in=indexes)
        return listings.with_card_data(stories).order_by(*NEWEST_FIRST)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            lazy_values(lambda: self._listing(request), ("stories", "topics", "selected_topic", "query_string"))
        )
        return context

    def _listing(self, request):
        """The page of stories asked for, made when the template first uses it (core/lazy.py)."""
        stories, topics, topic = self.filter_by_topic(request, self.stories())
        return {
            "stories": Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page")),
            "topics": topics,
            "selected_topic": topic,
            "query_string": urlencode({"topic": topic} if topic else {}),
        }


class SuccessStoryPage(HeroImageMixin, ContentPage):
    """A story about people; how they are named follows their consent."""

    class Naming(models.TextChoices):
        FULL = "full", _("Full name")
        FIRST = "first", _("First name only")
        ANONYMOUS = "anonymous", _("Anonymous")

    story_date = models.DateField(_("date of the story"))
    quote = models.TextField(_("quote"), blank=True, max_length=600)
    person_name = models.CharField(
        _("name of the person"),
        max_length=120,
        blank=True,
        help_text=_("As they agreed to be named. Leave empty for a story about a group."),
    )
    naming = models.CharField(_("how the person is named"), max_length=10, choices=Naming.choices, default=Naming.FIRST)
    consent_on_file = models.BooleanField(
        _("consent on file"),
        default=False,
        help_text=_("The person agreed in writing to this story and, if used, their photograph."),
    )
    related_campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("related campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Image")),
        FieldPanel("quote"),
        FieldPanel("body"),
    ]
    details_panels = [
        FieldPanel("story_date"),
        MultiFieldPanel(
            [FieldPanel("person_name"), FieldPanel("naming"), FieldPanel("consent_on_file")],
            heading=_("The person in the story"),
        ),
        FieldPanel("related_campaign"),
        InlinePanel("topics", label=_("Topics")),
    ]
    edit_handler = content_and_details_tabs(content_panels, details_panels)
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("hero_image_alt"),
        TranslatableField("quote"),
        TranslatableField("person_name"),
        TranslatableField("body"),
        TranslatableField("topics"),
        SynchronizedField("hero_image"),
        SynchronizedField("story_date", overridable=False),
        SynchronizedField("naming", overridable=False),
        SynchronizedField("consent_on_file", overridable=False),
        SynchronizedField("related_campaign"),
    ]
    parent_page_types = ["campaigns.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")

    def clean(self):
        super().clean()
        if self.person_name and self.naming != self.Naming.ANONYMOUS and not self.consent_on_file:
            raise ValidationError(
                {
                    "consent_on_file": _(
                        "A named person must have agreed to the story. "
                        "Tick when consent is on file, or make the story anonymous."
                    )
                }
            )

    @property
    def display_name(self):
        """The name readers see, as the person agreed; empty when anonymous."""
        name = self.person_name.strip()
        if not name or self.naming == self.Naming.ANONYMOUS:
            return ""
        if self.naming == self.Naming.FIRST:
            return name.split()[0]
        return name

    def get_search_parts(self):
        return [*super().get_search_parts(), self.quote, self.display_name]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaign"] = listings.localized_live(self.related_campaign, self.locale)
        return context


class SuccessStoryPageTopic(PageTopic):
    page = ParentalKey(SuccessStoryPage, on_delete=models.CASCADE, related_name="topics")

    class Meta(PageTopic.Meta):
        verbose_name = _("story topic")
        verbose_name_plural = _("story topics")
