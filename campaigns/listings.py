"""Querysets for listings, built so that the number of queries does not grow
with the number of items (images, renditions and topics are prefetched).

Model-free: the page models call these helpers with their own querysets."""

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

CAMPAIGN_STATES = ("active", "upcoming", "past")
CAMPAIGN_STATE_LABELS = [
    ("active", _("Running now")),
    ("upcoming", _("Coming soon")),
    ("past", _("Past campaigns")),
]


def card_pages(queryset):
    """Live, public pages of ``queryset`` with their image: a card's data once
    ``prefetch_card_data`` has run over the list (or use ``with_card_data``)."""
    return queryset.live().public().select_related("hero_image")


def _card_prefetches(model):
    # All the renditions of the images (a card's <picture> asks for several sizes and
    # formats, includes/campaign_card.html) and the topics, in one query each for a list.
    topic_model = model._meta.get_field("topics").related_model
    return ("hero_image__renditions", Prefetch("topics", queryset=topic_model.objects.select_related("topic")))


def with_card_data(queryset):
    """Live, public pages of ``queryset`` with what a card shows prefetched (image, topics).

    Works for any page model with a ``hero_image`` and a ``topics`` inline, so
    this module needs no page model and the models can import it.
    """
    return card_pages(queryset).prefetch_related(*_card_prefetches(queryset.model))


def prefetch_card_data(pages):
    """What a card shows, for pages of one model from several lists of ``card_pages``
    (a listing's featured cards and its page of others): one query each for them all."""
    pages = list(pages)
    if pages:
        prefetch_related_objects(pages, *_card_prefetches(type(pages[0])))
    return pages


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
    """The live translations in ``locale`` (a Locale or its id) of ``pages``, in the same order.

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
