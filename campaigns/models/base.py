"""What every content page shares: a summary, the body, search and sharing data."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from campaigns.blocks.body import BodyBlock
from core.search import NormalisedSearchMixin
from core.slugs import NormalisedSlugMixin
from core.translation import PAGE_TRANSLATABLE_FIELDS
from feedback import tokens as helpful
from feedback.panels import HelpfulnessPanel
from submissions.embedding import EmbeddedFormsMixin

from .snippets import Topic


class SearchableTextMixin(NormalisedSearchMixin):
    """Indexes one normalised text per page, and searches that.

    Arabic is written with optional diacritics, tatweel and several alef,
    hamza and ta marbuta forms; neither SQLite FTS5 nor PostgreSQL folds them
    consistently. ``search_text`` is the page's text, indexed normalised in
    Python (core.search.normalise, applied by NormalisedSearchMixin to
    every search field, once: normalising twice would stem twice); the title
    is indexed normalised too (it keeps its own column and boost, so title
    matches rank first), and the search backend (core.search_backend)
    normalises every query the same way, so the two always meet.
    """

    search_fields = [*Page.search_fields, index.SearchField("search_text")]

    def get_search_parts(self):
        return [self.title, getattr(self, "search_description", "")]

    def search_text(self):
        return " ".join(part for part in self.get_search_parts() if part)


class TopicIndexPage(NormalisedSlugMixin, SearchableTextMixin, Page):
    """Abstract listing page with an introduction and a filter by topic."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_search_parts(self):
        return [*super().get_search_parts(), self.intro]

    def filter_by_topic(self, request, queryset):
        """(queryset, topics of this language, selected topic slug or "")."""
        topics = list(Topic.objects.filter(locale=self.locale))
        selected = request.GET.get("topic", "")
        if selected in {topic.slug for topic in topics}:
            return queryset.filter(topics__topic__slug=selected), topics, selected
        return queryset, topics, ""


class ContentPage(NormalisedSlugMixin, EmbeddedFormsMixin, SearchableTextMixin, Page):
    """Abstract page with a summary and the shared body StreamBlock.

    Forms residents send (volunteer application, surveys) are blocks of the
    body, so every content page can receive them.
    """

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in lists and when the page is shared."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    class Meta:
        abstract = True

    def get_search_parts(self):
        return [*super().get_search_parts(), self.summary, *self.body_text()]

    def body_text(self):
        return self.body.stream_block.get_searchable_content(self.body)

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # "Was this page helpful?" ends every content page (feedback/helpful.html).
        context["helpful_token_url"] = helpful.token_url(self)
        return context


def content_and_details_tabs(content_panels, details_panels):
    """The editor layout of campaign and story pages: content first, details apart."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(details_panels, heading=_("Details")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
            readers_tab(),
        ]
    )


def readers_tab():
    """What readers answered "Was this page helpful?", in the page's editor."""
    return ObjectList([HelpfulnessPanel(heading=_("Was this page helpful?"))], heading=_("Readers"))


class HeroImageMixin(models.Model):
    """An optional picture at the top of the page, with alt text per language."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the picture shows for people who cannot see it."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError({"hero_image_alt": _("Describe the image for people who cannot see it.")})


class SummaryAndBodyPage(ContentPage):
    """A content page that is only its summary and body: standard and questions pages."""

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
            readers_tab(),
        ]
    )
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("body"),
    ]

    class Meta:
        abstract = True
