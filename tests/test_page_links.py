"""Links editors chose, the menu and the breadcrumbs: each in the reader's language, and
each found in one query for the whole page (issue 12, item 3)."""

import pytest
from django.test import Client
from wagtail.models import Locale, Page, PageViewRestriction

from campaigns.models import CampaignIndexPage, FeaturedCampaign, SuccessStoryPage
from core import page_links, per_request
from tests.conftest import soup

pytestmark = [pytest.mark.django_db, pytest.mark.whole_site, pytest.mark.usefixtures("_shared_content")]


def hero_button(response):
    return soup(response).select_one(".hero a.btn")["href"]


def breadcrumbs(response):
    trail = soup(response).select_one("nav[aria-label] ol.breadcrumb")
    return [link["href"] for link in trail.select("a")], trail.select_one("[aria-current=page]").get_text(strip=True)


def menu(response):
    return [link["href"] for link in soup(response).select("nav.site-nav a")]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_home_pages_button_leads_to_the_readers_language(sample_site, language):
    response = Client().get(sample_site["home"][language].url)
    assert hero_button(response) == sample_site["campaign_index"][language].url


def test_a_button_whose_translation_is_not_live_leads_to_the_chosen_page(sample_site):
    """As Wagtail's ``localized``: a draft translation is not offered, the original is."""
    sample_site["campaign_index"]["en"].unpublish()
    response = Client().get(sample_site["home"]["en"].url)
    assert hero_button(response) == sample_site["campaign_index"]["ar"].url


def test_links_asked_for_again_in_a_request_cost_nothing(sample_site, django_assert_num_queries):
    arabic_index, english_index = sample_site["campaign_index"]["ar"], sample_site["campaign_index"]["en"]
    english = Locale.objects.get(language_code="en")
    per_request._started()
    try:
        with django_assert_num_queries(1):
            found = page_links.in_language([arabic_index.pk, None, 999_999], english.pk)
            again = page_links.in_language([arabic_index.pk], english.pk)
    finally:
        per_request._finished()
    assert found == {arabic_index.pk: english_index.page_ptr} == again  # an empty chooser and a deleted page: left out
    assert page_links.in_language([arabic_index.pk], None) == {arabic_index.pk: arabic_index.page_ptr}


def test_the_home_page_lists_no_stories_when_its_story_index_is_unpublished(sample_site):
    stories_heading = "section[aria-labelledby='stories-heading']"
    sample_site["story_index"]["ar"].unpublish()
    assert soup(Client().get(sample_site["home"]["ar"].url)).select(stories_heading) == []
    english = soup(Client().get(sample_site["home"]["en"].url)).select_one(stories_heading)
    newest = SuccessStoryPage.objects.live().child_of(sample_site["story_index"]["en"]).order_by("-story_date").first()
    assert english.select_one(f"a[href='{newest.url}']") is not None


@pytest.mark.parametrize("language", ["ar", "en"])
def test_breadcrumbs_lead_from_the_home_page_to_the_page(sample_site, language):
    campaign = sample_site["campaigns"]["know-the-signs"][language]
    links, current = breadcrumbs(Client().get(campaign.url))
    assert links == [sample_site["home"][language].url, sample_site["campaign_index"][language].url]
    assert current == campaign.title


def test_a_section_left_out_of_the_menu_is_still_in_the_breadcrumbs(sample_site):
    index = sample_site["campaign_index"]["ar"]
    campaign = sample_site["campaigns"]["know-the-signs"]["ar"]
    Page.objects.filter(pk=index.pk).update(show_in_menus=True)
    assert index.url in menu(Client().get(campaign.url))
    Page.objects.filter(pk=index.pk).update(show_in_menus=False)
    response = Client().get(campaign.url)
    assert index.url not in menu(response)
    assert breadcrumbs(response)[0] == [sample_site["home"]["ar"].url, index.url]


def test_the_menu_marks_where_the_reader_is_and_leaves_out_private_sections(sample_site):
    index, stories = sample_site["campaign_index"]["ar"], sample_site["story_index"]["ar"]
    Page.objects.filter(pk__in=[index.pk, stories.pk]).update(show_in_menus=True)
    campaign = sample_site["campaigns"]["know-the-signs"]["ar"]
    nav = soup(Client().get(campaign.url)).select("nav.site-nav a")
    assert [(link["href"], link.get("aria-current")) for link in nav[:2]] == [(index.url, "true"), (stories.url, None)]
    nav = soup(Client().get(index.url)).select("nav.site-nav a")
    assert (nav[0]["href"], nav[0].get("aria-current")) == (index.url, "page")
    PageViewRestriction.objects.create(page=stories, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert stories.url not in menu(Client().get(campaign.url))


def test_a_preview_of_the_campaign_index_shows_the_drafts_pins(sample_site):
    """The pins being edited, before they are saved; visitors still see the saved ones."""
    index = CampaignIndexPage.objects.get(pk=sample_site["campaign_index"]["ar"].pk)
    saved = [row.campaign for row in index.featured.order_by("sort_order")]
    assert len(saved) >= 2
    index.featured = [FeaturedCampaign(campaign=page, sort_order=order) for order, page in enumerate(reversed(saved))]
    pinned = pins(index.make_preview_request())
    shown = pins(Client().get(index.url))
    assert pinned and shown and pinned == list(reversed(shown))


def pins(response):
    return [link["href"] for link in soup(response).select("section[aria-labelledby='featured-heading'] h3 a")]
