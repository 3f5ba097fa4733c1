"""Querysets for listings, built so that the number of queries does not grow
with the number of items (images, renditions and topics are prefetched)."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

CARD_IMAGE_FILTER = "fill-640x360"
CAMPAIGN_STATES = ("active", "upcoming", "past")
CAMPAIGN_STATE_LABELS = [
    ("active", _("Running now")),
    ("upcoming", _("Coming soon")),
    ("past", _("Past campaigns")),
]


def _with_card_data(queryset, topic_model):
    images = get_image_model().objects.prefetch_renditions(CARD_IMAGE_FILTER)
    return (
        queryset.live()
        .public()
        .prefetch_related(
            Prefetch("hero_image", queryset=images),
            Prefetch("topics", queryset=topic_model.objects.select_related("topic")),
        )
    )


def campaign_cards():
    from campaigns.models import CampaignPage, CampaignPageTopic

    return _with_card_data(CampaignPage.objects.all(), CampaignPageTopic)


def story_cards():
    from campaigns.models import SuccessStoryPage, SuccessStoryPageTopic

    return _with_card_data(SuccessStoryPage.objects.all(), SuccessStoryPageTopic)


def campaigns_in(index):
    return campaign_cards().child_of(index).order_by("-start_date", "title")


def stories_in(index):
    return story_cards().child_of(index).order_by("-story_date", "title")


def topics_for(locale):
    from campaigns.models import Topic

    return list(Topic.objects.filter(locale=locale))


def campaign_state(page, today):
    if page.start_date > today:
        return "upcoming"
    if page.end_date and page.end_date < today:
        return "past"
    return "active"


def filter_by_state(queryset, state, today):
    if state == "upcoming":
        return queryset.filter(start_date__gt=today)
    if state == "past":
        return queryset.filter(end_date__lt=today)
    return queryset.filter(Q(start_date__lte=today), Q(end_date__isnull=True) | Q(end_date__gte=today))


def in_same_language(pages, locale, queryset=None):
    """The live translations in ``locale`` of ``pages``, in the same order.

    Page links that wagtail-localize synchronises (featured campaigns,
    related campaign) keep pointing at the source-language page; this maps
    them to the reader's language in one query, leaving out untranslated ones.
    """
    if not pages:
        return []
    keys = [page.translation_key for page in pages]
    if queryset is None:
        queryset = type(pages[0]).objects.live().public()
    found = {page.translation_key: page for page in queryset.filter(translation_key__in=keys, locale=locale)}
    return [found[key] for key in keys if key in found]


def localized_live(page, locale):
    if page is None:
        return None
    translated = in_same_language([page], locale)
    return translated[0] if translated else None


def featured_campaigns(index, limit=None):
    rows = list(index.featured.select_related("campaign").order_by("sort_order"))
    campaigns = in_same_language([row.campaign for row in rows], index.locale, campaign_cards())
    return campaigns[:limit] if limit else campaigns


def _child_of_type(home, model):
    return model.objects.child_of(home).live().public().first()


def home_featured_campaigns(home, limit=3):
    from campaigns.models import CampaignIndexPage

    index = _child_of_type(home, CampaignIndexPage)
    return featured_campaigns(index, limit) if index else []


def latest_stories(home, limit=3):
    from campaigns.models import StoryIndexPage

    index = _child_of_type(home, StoryIndexPage)
    return list(stories_in(index)[:limit]) if index else []


def stories_about(campaign, limit=3):
    return list(
        story_cards()
        .filter(locale=campaign.locale, related_campaign__translation_key=campaign.translation_key)
        .order_by("-story_date")[:limit]
    )
