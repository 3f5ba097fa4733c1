"""Campaigns, guidance and success stories (issue 3).

What residents see: the campaign index filtered by topic and time, featured campaigns
in the editor's order, guidance with its sources and review date, help lines with
tap-to-call numbers (crisis lines first), FAQs and myths with facts. What editors
get: page placement rules, validation, every text block translatable, the admin
journey from a new campaign to its published English translation, scheduled
publishing and approval. And listings whose query count does not grow with items.

The content is the sample site (tests/sample_site.py), not the demo.
"""

import datetime
import re
import uuid
from io import StringIO
from urllib.parse import urlencode

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import RelatedObjectSegmentValue, StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from campaigns.blocks.body import BodyBlock
from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignPageTopic,
    FeaturedCampaign,
    HelpService,
    OutcomeIndexPage,
    QuestionsPage,
    StandardPage,
    StoryIndexPage,
    SuccessStoryPage,
    SuccessStoryPageTopic,
    Topic,
)
from home.models import HomePage
from surveys.models import Survey
from tests.conftest import soup, translate_strings
from volunteer_signup.models import VolunteerRole

pytestmark = [pytest.mark.django_db, pytest.mark.whole_site, pytest.mark.usefixtures("_shared_content")]

DRUG_CAMPAIGNS = {"know-the-signs", "talk-with-your-child", "where-to-get-help"}


def campaign_index(language):
    return CampaignIndexPage.objects.get(locale__language_code=language)


def story_index(language):
    return StoryIndexPage.objects.get(locale__language_code=language)


def pages_by_url():
    return {page.url: page for page in Page.objects.live().filter(depth__gte=2).specific()}


def english_slugs_of(links):
    english = Locale.objects.get(language_code="en")
    pages = pages_by_url()
    slugs = []
    for link in links:
        page = pages[link["href"]]
        slugs.append((page.get_translation_or_none(english) or page).slug)
    return slugs


def listed(response):
    """English slugs of the campaigns listed under "All campaigns" (works for both languages)."""
    return english_slugs_of(soup(response).select("section[aria-labelledby='all-heading'] .card-title a"))


def featured(response, selector="section[aria-labelledby='featured-heading']"):
    return english_slugs_of(soup(response).select(f"{selector} .card-title a"))


def some_image():
    return CampaignPage.objects.filter(hero_image__isnull=False).first().hero_image


def add_campaigns(locale, count, prefix="extra", **fields):
    index = campaign_index(locale.language_code)
    topics = list(Topic.objects.filter(locale=locale)[:2])
    image = some_image()
    pages = []
    for number in range(count):
        page = CampaignPage(
            title=fields.get("title", f"{prefix} campaign {number}"),
            slug=f"{prefix}-campaign-{number}",
            summary=fields.get("summary", "A campaign added by the test."),
            start_date=fields.get("start_date", datetime.date(2025, 1, 1) + datetime.timedelta(days=number)),
            hero_image=image,
            hero_image_alt="Alt text",
            locale=locale,
        )
        page.topics = [CampaignPageTopic(topic=topic, locale=locale) for topic in topics]
        index.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


def add_stories(locale, count, prefix="extra"):
    index = story_index(locale.language_code)
    topics = list(Topic.objects.filter(locale=locale)[:2])
    image = some_image()
    pages = []
    for number in range(count):
        page = SuccessStoryPage(
            title=f"{prefix} story {number}",
            slug=f"{prefix}-story-{number}",
            summary="A story added by the test.",
            story_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
            hero_image=image,
            hero_image_alt="Alt text",
            locale=locale,
        )
        page.topics = [SuccessStoryPageTopic(topic=topic, locale=locale) for topic in topics]
        index.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


def item(value):
    """A ListBlock item as the admin stores it."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


# --- the index: topic and time filters, pagination, featured ------------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_index_filters_by_topic(client, language):
    response = client.get(campaign_index(language).url, {"topic": "drug-prevention"})
    assert response.status_code == 200
    assert set(listed(response)) == DRUG_CAMPAIGNS
    assert "safe-road-to-school" not in listed(response)
    selected = soup(response).select_one("#filter-topic option[selected]")
    assert selected["value"] == "drug-prevention"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_index_filters_by_time(client, language):
    url = campaign_index(language).url
    assert listed(client.get(url, {"when": "upcoming"})) == ["safe-road-to-school"]
    assert listed(client.get(url, {"when": "past"})) == ["children-safe-online"]
    active = listed(client.get(url, {"when": "active"}))
    assert "safe-road-to-school" not in active and "children-safe-online" not in active
    assert DRUG_CAMPAIGNS <= set(active)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_index_combines_topic_and_time(client, language):
    response = client.get(campaign_index(language).url, {"topic": "road-safety", "when": "past"})
    assert response.status_code == 200
    assert listed(response) == []
    # The empty result offers the way back to all campaigns.
    assert soup(response).select_one(f"section[aria-labelledby='all-heading'] a[href='{campaign_index(language).url}']")


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize(
    "query", [{"topic": "no-such-topic"}, {"when": "tomorrow"}, {"topic": "<b>", "when": "' or 1=1"}]
)
def test_unknown_filter_values_are_ignored(client, language, query):
    index = campaign_index(language)
    response = client.get(index.url, query)
    assert response.status_code == 200
    # Ignored filters are no filters: the featured campaigns, then every other one.
    assert len(listed(response)) + len(featured(response)) == CampaignPage.objects.live().child_of(index).count()
    assert not soup(response).select("#filter-topic option[selected], #filter-when option[selected]")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_unfiltered_index_shows_each_campaign_once_with_the_filter_first(client, language):
    index = campaign_index(language)
    response = client.get(index.url)
    pinned, others = featured(response), listed(response)
    assert pinned, "the demo pins campaigns"
    assert not set(pinned) & set(others)
    assert sorted(pinned + others) == sorted(
        (page.get_translation_or_none(Locale.objects.get(language_code="en")) or page).slug
        for page in CampaignPage.objects.live().child_of(index)
    )
    # The filter form comes before the first card.
    html = response.content.decode()
    assert html.index('class="filter-form') < html.index('class="card h-100 content-card')
    with translation.override(language):
        heading = soup(response).select_one("#all-heading").get_text(strip=True)
        assert heading == gettext("More campaigns")


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("page_number", ["999", "abc", "-1", "0", "1.5", ""])
def test_bad_page_numbers_do_not_fail(client, language, page_number):
    response = client.get(campaign_index(language).url, {"page": page_number})
    assert response.status_code == 200
    assert listed(response)


def test_pagination_keeps_the_filter(client, arabic):
    add_campaigns(arabic, 13)
    index = campaign_index("ar")
    topic = Topic.objects.filter(locale=arabic).first().slug
    first = client.get(index.url, {"topic": topic})
    links = [a["href"] for a in soup(first).select("nav .pagination a.page-link")]
    assert links, "a second page is offered"
    assert all(f"topic={topic}" in href for href in links)
    second = client.get(index.url, {"topic": topic, "page": "2"})
    assert second.status_code == 200
    assert listed(second)
    assert not set(listed(second)) & set(listed(first))


@pytest.mark.parametrize("language", ["ar", "en"])
def test_featured_campaigns_follow_the_editors_order(client, language):
    arabic_index = campaign_index("ar")
    english = Locale.objects.get(language_code="en")
    expected = [row.campaign.get_translation(english).slug for row in arabic_index.featured.order_by("sort_order")]
    assert expected == ["know-the-signs", "volunteer-programme", "talk-with-your-child"]
    assert featured(client.get(campaign_index(language).url)) == expected
    home = client.get(f"/{language}/")
    assert featured(home, "section[aria-labelledby='campaigns-heading']") == expected


def test_reordered_featured_campaigns_show_in_the_new_order_in_both_languages(
    client, arabic, english, django_capture_on_commit_callbacks
):
    index = campaign_index("ar")
    rows = list(index.featured.order_by("sort_order"))
    index.featured = [FeaturedCampaign(campaign=row.campaign) for row in reversed(rows)]
    index.save_revision().publish()
    expected = ["talk-with-your-child", "volunteer-programme", "know-the-signs"]
    assert featured(client.get(index.url)) == expected
    # "Sync translated pages": the order is synchronised to the English index.
    with django_capture_on_commit_callbacks(execute=True):
        source, _ = TranslationSource.update_or_create_from_instance(index)
        source.create_or_update_translation(english, publish=True)
    assert featured(client.get(campaign_index("en").url)) == expected
    assert featured(client.get("/en/"), "section[aria-labelledby='campaigns-heading']") == expected


def test_filtered_index_leaves_out_the_featured_block(client):
    response = client.get(campaign_index("en").url, {"topic": "drug-prevention"})
    assert featured(response) == []


def test_home_sections_render_nothing_when_empty(client, arabic):
    index = campaign_index("ar")
    index.featured = []
    index.save_revision().publish()
    for story in SuccessStoryPage.objects.child_of(story_index("ar")).live():
        story.unpublish()
    page = soup(client.get("/ar/"))
    assert page.select_one("#campaigns-heading") is None
    assert page.select_one("#stories-heading") is None
    assert not page.select("main .card")


# --- a campaign page: trust, help lines, FAQ, myths ------------------------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_guidance_shows_last_reviewed_date_and_sources(client, language):
    page = CampaignPage.objects.get(
        translation_key=CampaignPage.objects.get(slug="know-the-signs").translation_key,
        locale__language_code=language,
    )
    assert page.last_reviewed and len(page.sources) >= 1
    box = soup(client.get(page.url)).select_one("aside.trust-box")
    assert box is not None
    with translation.override(language):
        label = gettext("Last reviewed:")
    assert label in box.get_text()
    assert box.select_one("time")["datetime"] == page.last_reviewed.isoformat()
    items = box.select("li")
    assert len(items) == len(page.sources)
    for source, element in zip(page.sources, items, strict=True):
        assert source.value["title"] in element.get_text()
        if source.value["url"]:
            assert element.a["href"] == source.value["url"]


def check_help_lines(section):
    services = section.select("li.help-line")
    assert services
    crisis = ["help-line--crisis" in li["class"] for li in services]
    assert crisis == sorted(crisis, reverse=True), "crisis lines come first"
    calls = section.select('a[href^="tel:"]')
    assert calls
    for link in calls:
        shown = link.select_one('[dir="ltr"]') if link.get("dir") != "ltr" else link
        assert shown is not None, link
        digits = re.sub(r"\D", "", shown.get_text())
        assert link["href"].removeprefix("tel:").lstrip("+") == digits
    return services, crisis


@pytest.mark.parametrize("language", ["ar", "en"])
def test_drug_prevention_hub_shows_help_lines_with_tap_to_call(client, language):
    page = CampaignPage.objects.get(
        translation_key=CampaignPage.objects.get(slug="where-to-get-help").translation_key,
        locale__language_code=language,
    )
    section = soup(client.get(page.url)).select_one("section.block-help-lines")
    assert section is not None, "the help lines block is missing from the drug-prevention hub"
    services, crisis = check_help_lines(section)
    assert any(crisis) and not all(crisis)
    names = {s.name for s in HelpService.objects.filter(locale__language_code=language)}
    assert {li.h3.contents[0].strip() for li in services} <= names


def test_help_lines_block_puts_crisis_lines_first(client, arabic):
    services = list(HelpService.objects.filter(locale=arabic).order_by("is_crisis_line", "name"))
    assert not services[0].is_crisis_line and services[-1].is_crisis_line
    index = campaign_index("ar")
    page = CampaignPage(
        title="أرقام المساعدة",
        slug="help-numbers-test",
        summary="ملخص.",
        start_date=datetime.date(2026, 1, 1),
        locale=arabic,
        body=[
            {
                "type": "help_lines",
                "id": str(uuid.uuid4()),
                "value": {"heading": "أين تجدون المساعدة", "intro": "", "services": [item(s.pk) for s in services]},
            }
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    section = soup(client.get(page.url)).select_one("section.block-help-lines")
    rendered, crisis = check_help_lines(section)
    expected = sorted(services, key=lambda s: not s.is_crisis_line)
    assert [li.h3.contents[0].strip() for li in rendered] == [s.name for s in expected]
    numbers = sum(len(s.phones) for s in services)
    assert len(section.select('a[href^="tel:"]')) == numbers


@pytest.mark.parametrize("language", ["ar", "en"])
def test_faq_uses_native_details_and_summary(client, language):
    page = CampaignPage.objects.get(
        translation_key=CampaignPage.objects.get(slug="talk-with-your-child").translation_key,
        locale__language_code=language,
    )
    block = next(b for b in page.body if b.block_type == "faq")
    section = soup(client.get(page.url)).select_one("section.block-faq")
    details = section.select("details")
    assert len(details) == len(block.value["items"])
    for element, question in zip(details, block.value["items"], strict=True):
        assert element.summary is not None
        assert element.summary.get_text(strip=True) == question["question"]
        assert not element.has_attr("open")
    assert b"<script" not in str(section).encode()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_each_myth_has_an_anchor_and_its_fact_directly_after(client, language):
    page = CampaignPage.objects.get(
        translation_key=CampaignPage.objects.get(slug="know-the-signs").translation_key,
        locale__language_code=language,
    )
    section = soup(client.get(page.url)).select_one("section.block-myths")
    items = section.select(".myth-fact")
    assert len(items) >= 3
    ids = [element["id"] for element in items]
    assert len(set(ids)) == len(ids)
    for element in items:
        assert element.select_one(f'a[href="#{element["id"]}"]') is not None
        myth = element.select_one("p.myth")
        assert myth.find_next_sibling("p")["class"] == ["fact"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_myth_anchors_stay_the_same_between_visits(client, language):
    """A shared link to one myth (#myth-…) must still point at it the next day."""
    page = CampaignPage.objects.get(
        translation_key=CampaignPage.objects.get(slug="know-the-signs").translation_key,
        locale__language_code=language,
    )
    first = [e["id"] for e in soup(client.get(page.url)).select(".myth-fact")]
    second = [e["id"] for e in soup(Client().get(page.url)).select(".myth-fact")]
    assert first == second


@pytest.mark.parametrize("language", ["ar", "en"])
def test_campaign_lists_its_stories_and_a_story_links_back_in_the_same_language(client, language):
    locale = Locale.objects.get(language_code=language)
    story = SuccessStoryPage.objects.live().filter(locale=locale, related_campaign__isnull=False).first()
    assert story is not None
    campaign = story.related_campaign.get_translation(locale)
    campaign_html = soup(client.get(campaign.url))
    assert story.url in [a["href"] for a in campaign_html.select("#related-heading ~ ul a")]
    story_html = soup(client.get(story.url))
    assert campaign.url in [a["href"] for a in story_html.select("main a")]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_story_index_filters_by_topic(client, language):
    index = story_index(language)
    response = client.get(index.url, {"topic": "family-and-school"})
    stories = soup(response).select(".card-title a")
    expected = SuccessStoryPage.objects.live().child_of(index).filter(topics__topic__slug="family-and-school")
    assert {a["href"] for a in stories} == {page.url for page in expected}
    assert 0 < len(stories) < SuccessStoryPage.objects.live().child_of(index).count()


def test_anonymous_story_does_not_show_the_persons_name(client):
    for story in SuccessStoryPage.objects.live():
        html = client.get(story.url).content.decode()
        if story.naming == SuccessStoryPage.Naming.ANONYMOUS:
            assert story.person_name not in html
        elif story.naming == SuccessStoryPage.Naming.FIRST and " " in story.person_name.strip():
            assert story.person_name not in html


# --- page rules and validation ------------------------------------------------------------------


def test_pages_can_only_be_created_in_their_place(arabic):
    home = HomePage.objects.get(locale=arabic)
    index = campaign_index("ar")
    stories = story_index("ar")
    assert not CampaignPage.can_create_at(home)
    assert CampaignPage.can_create_at(index)
    assert not CampaignPage.can_create_at(stories)
    assert SuccessStoryPage.can_create_at(stories)
    assert not SuccessStoryPage.can_create_at(index)
    assert not SuccessStoryPage.can_create_at(home)
    assert StandardPage.can_create_at(home)
    assert not StandardPage.can_create_at(index)
    # One campaign index and one story index per home page.
    assert not CampaignIndexPage.can_create_at(home)
    assert not StoryIndexPage.can_create_at(home)
    allowed = {CampaignIndexPage, StoryIndexPage, OutcomeIndexPage, StandardPage, QuestionsPage}
    assert set(HomePage.allowed_subpage_models()) == allowed
    # One questions page per home page, nothing under it.
    assert QuestionsPage.can_create_at(home) == (not QuestionsPage.objects.child_of(home).exists())
    assert not QuestionsPage.can_create_at(index)
    assert QuestionsPage.allowed_subpage_models() == []
    assert CampaignPage.allowed_subpage_models() == []
    assert SuccessStoryPage.allowed_subpage_models() == []


def test_admin_refuses_a_campaign_under_the_home_page(login, staff, arabic):
    client = login(staff["superuser"])
    home = HomePage.objects.get(locale=arabic)
    topic = Topic.objects.get(locale=arabic, slug="road-safety")
    url = f"/admin/pages/add/campaigns/campaignpage/{home.pk}/"
    assert client.get(url).status_code in (302, 403)
    client.post(url, campaign_form("حملة في غير مكانها", "misplaced", topic, **{"action-publish": "publish"}))
    assert not CampaignPage.objects.filter(slug="misplaced").exists()
    assert client.get(f"/admin/pages/add/campaigns/campaignpage/{campaign_index('ar').pk}/").status_code == 200


def story(**fields):
    defaults = {"title": "Story", "slug": "story", "summary": "Summary.", "story_date": datetime.date(2026, 1, 1)}
    defaults.update(fields)
    return SuccessStoryPage(**defaults)


def test_named_person_needs_consent():
    with pytest.raises(ValidationError) as error:
        story(person_name="Layla Haddad", naming="full", consent_on_file=False).clean()
    assert "consent_on_file" in error.value.message_dict
    with pytest.raises(ValidationError):
        story(person_name="Layla Haddad", naming="first", consent_on_file=False).clean()


def test_anonymous_or_consented_stories_are_accepted():
    story(person_name="Layla Haddad", naming="anonymous", consent_on_file=False).clean()
    story(person_name="Layla Haddad", naming="full", consent_on_file=True).clean()
    story(person_name="", naming="full", consent_on_file=False).clean()


@pytest.mark.parametrize(("naming", "shown"), [("full", "Layla Haddad"), ("first", "Layla"), ("anonymous", "")])
def test_display_name_follows_how_the_person_agreed_to_be_named(naming, shown):
    assert story(person_name=" Layla Haddad ", naming=naming, consent_on_file=True).display_name == shown


def test_campaign_end_date_must_not_be_before_start():
    page = CampaignPage(title="C", slug="c", summary="S", start_date=datetime.date(2026, 5, 1))
    page.end_date = datetime.date(2026, 4, 30)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_date" in error.value.message_dict
    page.end_date = datetime.date(2026, 5, 1)
    page.clean()


def test_hero_image_needs_alt_text():
    page = CampaignPage(title="C", slug="c", summary="S", start_date=datetime.date(2026, 5, 1))
    page.hero_image = some_image()
    page.hero_image_alt = "  "
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "hero_image_alt" in error.value.message_dict


# --- query counts do not grow with the number of items ---------------------------------------------


def queries_for(client, url):
    client.get(url)  # warm caches (site root paths, renditions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


@pytest.mark.parametrize("language", ["ar", "en"])
def test_campaign_index_queries_do_not_grow_with_campaigns(client, language):
    locale = Locale.objects.get(language_code=language)
    url = campaign_index(language).url
    before, response = queries_for(client, url)
    shown_before = len(listed(response))
    add_campaigns(locale, 10)
    after, response = queries_for(client, url)
    assert len(listed(response)) > shown_before
    assert after <= before, f"{before} queries for {shown_before} campaigns, {after} for {len(listed(response))}"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_story_index_queries_do_not_grow_with_stories(client, language):
    locale = Locale.objects.get(language_code=language)
    url = story_index(language).url
    before, response = queries_for(client, url)
    shown_before = len(soup(response).select(".card-title a"))
    add_stories(locale, 10)
    after, response = queries_for(client, url)
    assert len(soup(response).select(".card-title a")) > shown_before
    assert after <= before


def test_home_page_queries_do_not_grow_with_featured_campaigns_and_stories(client, arabic):
    index = campaign_index("ar")
    first = CampaignPage.objects.live().child_of(index).first()
    index.featured = [FeaturedCampaign(campaign=first)]
    index.save_revision().publish()
    for page in SuccessStoryPage.objects.live().child_of(story_index("ar"))[1:]:
        page.unpublish()
    before, response = queries_for(client, "/ar/")
    assert len(soup(response).select("main .card")) == 2
    campaigns = add_campaigns(arabic, 10)
    add_stories(arabic, 10)
    index.featured = [FeaturedCampaign(campaign=page) for page in campaigns[:6]]
    index.save_revision().publish()
    after, response = queries_for(client, "/ar/")
    assert len(soup(response).select("main .card")) == 6
    assert after <= before


# --- translation: blocks, snippets ----------------------------------------------------------------


@pytest.fixture
def every_block_page(arabic, tmp_path, settings):
    """A campaign whose body holds one block of each type, as the admin stores them."""
    settings.MEDIA_ROOT = str(tmp_path)
    document = get_document_model().objects.create(
        title="guide", file=ContentFile(b"A guide for parents.", name="guide.txt")
    )
    service = HelpService.objects.filter(locale=arabic).first()
    role = VolunteerRole.objects.filter(locale=arabic).first()
    survey = Survey.objects.filter(locale=arabic).first()
    home = HomePage.objects.get(locale=arabic)
    texts = {
        "heading": ["عنوان القسم"],
        "text": ["فقرة من النص المنسق"],
        "quote": ["قول أحد المتطوعين", "متطوعة من الحي"],
        "image": ["وصف الصورة البديل", "تعليق على الصورة"],
        "video": ["عنوان الفيديو", "نص الفيديو المكتوب"],
        "document": ["دليل الأهل للتحميل", "وصف الملف"],
        "key_figures": ["بالأرقام", "ساعة تطوع"],
        "call_to_action": ["تطوعوا الآن", "نص الدعوة", "قدموا طلبكم"],
        "faq": ["أسئلة شائعة", "ما السؤال؟", "هذا هو الجواب"],
        "help_lines": ["أين تجدون المساعدة", "مقدمة خطوط المساعدة"],
        "warning_signs": ["علامات التحذير", "مقدمة العلامات", "علامة أولى", "ما العمل"],
        "myth_fact": ["خرافات وحقائق", "خرافة شائعة", "الحقيقة الصحيحة"],
        "volunteer_form": ["انضموا إلينا", "مقدمة النموذج", "ما الخطوات التالية"],
        "opportunities": ["فرص قادمة لهذه الحملة"],
        "survey": [],
        "ask": ["اسألونا دون أسماء", "مقدمة نموذج السؤال"],
    }
    values = {
        "heading": {"text": texts["heading"][0], "level": "h2"},
        "text": f"<p>{texts['text'][0]}</p>",
        "quote": {"text": texts["quote"][0], "attribution": texts["quote"][1]},
        "image": {
            "image": {"image": some_image().pk, "alt_text": texts["image"][0], "decorative": False},
            "caption": texts["image"][1],
        },
        "video": {
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "title": texts["video"][0],
            "transcript": texts["video"][1],
        },
        "document": {"document": document.pk, "title": texts["document"][0], "description": texts["document"][1]},
        "key_figures": {
            "heading": texts["key_figures"][0],
            "figures": [item({"value": 42073, "label": texts["key_figures"][1]})],
        },
        "call_to_action": {
            "heading": texts["call_to_action"][0],
            "text": texts["call_to_action"][1],
            "page": home.pk,
            "url": "",
            "button_label": texts["call_to_action"][2],
        },
        "faq": {
            "heading": texts["faq"][0],
            "items": [item({"question": texts["faq"][1], "answer": f"<p>{texts['faq'][2]}</p>"})],
        },
        "help_lines": {
            "heading": texts["help_lines"][0],
            "intro": texts["help_lines"][1],
            "services": [item(service.pk)],
        },
        "warning_signs": {
            "heading": texts["warning_signs"][0],
            "intro": texts["warning_signs"][1],
            "signs": [item(texts["warning_signs"][2])],
            "advice": f"<p>{texts['warning_signs'][3]}</p>",
        },
        "myth_fact": {
            "heading": texts["myth_fact"][0],
            "items": [item({"myth": texts["myth_fact"][1], "fact": texts["myth_fact"][2]})],
        },
        "volunteer_form": {
            "heading": texts["volunteer_form"][0],
            "intro": f"<p>{texts['volunteer_form'][1]}</p>",
            "roles": [item(role.pk)],
            "next_steps": texts["volunteer_form"][2],
        },
        "opportunities": {"heading": texts["opportunities"][0], "role": role.pk, "limit": 3},
        "survey": {"survey": survey.pk},
        "ask": {"heading": texts["ask"][0], "intro": texts["ask"][1]},
    }
    assert set(values) == set(BodyBlock.base_blocks), "a block type was added: add it here"
    ids = {name: str(uuid.uuid4()) for name in values}
    page = CampaignPage(
        title="كل الكتل",
        slug="every-block",
        summary="ملخص الصفحة.",
        start_date=datetime.date(2026, 1, 1),
        locale=arabic,
        body=[{"type": name, "value": value, "id": ids[name]} for name, value in values.items()],
    )
    page.topics = [CampaignPageTopic(topic=Topic.objects.filter(locale=arabic).first(), locale=arabic)]
    campaign_index("ar").add_child(instance=page)
    page.save_revision().publish()
    return {"page": page, "ids": ids, "texts": texts, "survey": survey, "service": service, "role": role}


def test_every_text_block_yields_translatable_segments(every_block_page):
    page, ids, texts = every_block_page["page"], every_block_page["ids"], every_block_page["texts"]
    segments = extract_segments(CampaignPage.objects.get(pk=page.pk))
    strings = [s for s in segments if isinstance(s, StringSegmentValue)]
    related = [s for s in segments if isinstance(s, RelatedObjectSegmentValue)]
    for name, block_id in ids.items():
        block_strings = [s.string.data for s in strings if s.path.startswith(f"body.{block_id}")]
        if name == "survey":
            continue
        assert block_strings, f"{name}: no string segment"
        for text in texts[name]:
            assert any(text in data for data in block_strings), f"{name}: {text!r} is not translatable"
    related_paths = {s.path.split(".")[1] for s in related if s.path.startswith("body.")}
    # Snippets chosen in blocks are translated with the page and relinked.
    assert {ids["help_lines"], ids["volunteer_form"], ids["opportunities"], ids["survey"]} <= related_paths


def test_survey_block_text_is_translated_through_its_snippet(every_block_page):
    survey = every_block_page["survey"]
    strings = [s.string.data for s in extract_segments(survey) if isinstance(s, StringSegmentValue)]
    assert survey.title in strings
    assert any(field.label in strings for field in survey.fields.all())


def test_page_with_every_block_renders(client, every_block_page):
    page = every_block_page["page"]
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for name, texts in every_block_page["texts"].items():
        for text in texts:
            if name == "volunteer_form" and text == texts[-1]:
                continue  # "what happens next" is shown after the form is sent
            assert text in html, (name, text)
    # The video is a link until the reader asks for it: no request to YouTube on load.
    assert not soup(response).select('iframe[src*="youtube"]')


def test_topic_and_help_service_spell_out_translated_and_synchronised_fields():
    def kinds(model):
        return {
            field.field_name: "sync" if isinstance(field, SynchronizedField) else "translate"
            for field in get_translatable_fields(model)
            if isinstance(field, SynchronizedField | TranslatableField)
        }

    assert kinds(Topic) == {"name": "translate", "description": "translate", "slug": "sync", "sort_order": "sync"}
    assert kinds(HelpService) == {
        "name": "translate",
        "description": "translate",
        "hours": "translate",
        "area": "translate",
        "phone": "sync",
        "second_phone": "sync",
        "website": "sync",
        "is_crisis_line": "sync",
    }
    campaign = kinds(CampaignPage)
    assert campaign["start_date"] == campaign["end_date"] == campaign["last_reviewed"] == "sync"
    assert campaign["body"] == campaign["summary"] == campaign["sources"] == "translate"


def test_help_service_numbers_and_flags_follow_the_source_when_synced(arabic, english):
    source_service = HelpService.objects.get(locale=arabic, phone="800 4673")
    translated = source_service.get_translation(english)
    assert translated.name != source_service.name
    source_service.phone = "800 1234"
    source_service.is_crisis_line = True
    source_service.save()
    source, _ = TranslationSource.update_or_create_from_instance(source_service)
    source.create_or_update_translation(english)
    translated.refresh_from_db()
    assert translated.phone == "800 1234"
    assert translated.is_crisis_line is True
    assert translated.name != source_service.name  # the English name is kept


def test_english_topics_share_the_arabic_slugs(arabic, english):
    arabic_slugs = set(Topic.objects.filter(locale=arabic).values_list("slug", flat=True))
    assert arabic_slugs == set(Topic.objects.filter(locale=english).values_list("slug", flat=True))
    assert {"drug-prevention", "road-safety", "online-safety", "family-and-school", "volunteering"} <= arabic_slugs


# --- the editor's journey through the admin ----------------------------------------------------------


def campaign_form(title, slug, topic, **extra):
    data = {
        "title": title,
        "slug": slug,
        "summary": "نصائح لركوب الدراجات بأمان قرب المدارس.",
        "hero_image": "",
        "hero_image_alt": "",
        "start_date": "2026-01-10",
        "end_date": "",
        "last_reviewed": "2026-02-01",
        "body": streamfield(
            [
                ("heading", {"text": "لماذا الخوذة؟", "level": "h2"}),
                ("text", rich_text("<p>الخوذة تحمي الرأس عند السقوط.</p>")),
                (
                    "warning_signs",
                    {
                        "heading": "علامات دراجة غير آمنة",
                        "intro": "",
                        "signs": {
                            "count": 2,
                            "0": {"value": "فرامل ضعيفة", "deleted": "", "order": 0},
                            "1": {"value": "إطار مثقوب", "deleted": "", "order": 1},
                        },
                        "advice": rich_text(""),
                    },
                ),
                (
                    "faq",
                    {
                        "heading": "أسئلة الأهل",
                        "items": {
                            "count": 1,
                            "0": {
                                "value": {"question": "من أي عمر؟", "answer": rich_text("<p>من سن السادسة.</p>")},
                                "deleted": "",
                                "order": 0,
                            },
                        },
                    },
                ),
            ]
        ),
        "sources": streamfield([("source", {"title": "دليل السلامة على الطريق", "publisher": "", "url": ""})]),
        "topics": inline_formset([{"topic": topic.pk}], min=1),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(extra)
    return nested_form_data(data)


def test_editor_creates_translates_and_publishes_a_campaign(
    login, staff, arabic, english, django_capture_on_commit_callbacks
):
    admin = login(staff["superuser"])
    index = campaign_index("ar")
    topic = Topic.objects.get(locale=arabic, slug="road-safety")

    # 1. Create and publish the Arabic campaign with several blocks.
    data = campaign_form("حملة الدراجات الآمنة", "حملة-الدراجات-الآمنة", topic, **{"action-publish": "publish"})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/admin/pages/add/campaigns/campaignpage/{index.pk}/", data)
    assert response.status_code == 302, soup(response).select(".error-message, .help-critical")
    page = CampaignPage.objects.get(slug="حملة-الدراجات-الآمنة", locale=arabic)
    assert page.live
    assert [block.block_type for block in page.body] == ["heading", "text", "warning_signs", "faq"]
    assert Client().get(page.url).status_code == 200

    # 2. Submit it for translation into English.
    response = admin.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [english.pk]})
    assert response.status_code == 302
    draft = page.get_translation(english)
    assert not draft.live

    # 3. Translate every string in the translation editor.
    translation_row = Translation.objects.get(source__object_id=page.translation_key, target_locale=english)
    assert translate_strings(admin, translation_row, {"title": "Safe cycling", "slug": "safe-cycling"}) >= 10

    # 4. Publish the translation.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/admin/pages/{draft.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    published = CampaignPage.objects.get(pk=draft.pk)
    assert published.live
    assert published.title == "Safe cycling"
    assert published.url == "/en/campaigns/safe-cycling/"
    assert published.start_date == page.start_date
    response = Client().get(published.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Safe cycling"
    assert "EN فرامل ضعيفة" in html.select_one(".block-warning-signs").get_text()
    switch_link = html.select_one("nav.language-switcher a[hreflang='ar']")["href"]
    assert switch_link.endswith("?" + urlencode({"next": page.url}))


def test_editor_submits_for_approval_and_a_moderator_publishes(
    login, staff, arabic, django_capture_on_commit_callbacks
):
    index = campaign_index("ar")
    topic = Topic.objects.get(locale=arabic, slug="road-safety")
    editor = login(staff["editor"])
    data = campaign_form("حملة بانتظار الموافقة", "awaiting-approval", topic, **{"action-submit": "submit"})
    response = editor.post(f"/admin/pages/add/campaigns/campaignpage/{index.pk}/", data)
    assert response.status_code == 302
    page = CampaignPage.objects.get(slug="awaiting-approval")
    assert page.get_workflow() is not None
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert Client().get(page.url).status_code == 404

    moderator = login(staff["moderator"])
    task_state = state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "Checked."}
        )
    assert response.status_code == 302
    page.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert page.live
    assert Client().get(page.url).status_code == 200


def test_editor_cannot_publish_without_approval(login, staff, arabic):
    index = campaign_index("ar")
    topic = Topic.objects.get(locale=arabic, slug="road-safety")
    editor = login(staff["editor"])
    data = campaign_form("حملة محررة", "editor-publish", topic, **{"action-publish": "publish"})
    editor.post(f"/admin/pages/add/campaigns/campaignpage/{index.pk}/", data)
    page = CampaignPage.objects.filter(slug="editor-publish").first()
    assert page is None or not page.live


@pytest.mark.parametrize("model", [CampaignPage, SuccessStoryPage])
def test_campaigns_and_stories_go_through_moderators_approval(model, arabic):
    parent = campaign_index("ar") if model is CampaignPage else story_index("ar")
    page = parent.get_children().type(model).first().specific
    workflow = page.get_workflow()
    assert workflow is not None
    assert workflow.active


def test_scheduled_campaign_goes_live_after_publish_scheduled(arabic, django_capture_on_commit_callbacks):
    index = campaign_index("ar")
    go_live = timezone.now() + datetime.timedelta(days=2)
    page = CampaignPage(
        title="حملة مجدولة",
        slug="scheduled-campaign",
        summary="تنشر لاحقاً.",
        start_date=datetime.date(2026, 1, 1),
        locale=arabic,
        live=False,
    )
    page.topics = [CampaignPageTopic(topic=Topic.objects.filter(locale=arabic).first(), locale=arabic)]
    index.add_child(instance=page)
    page.go_live_at = go_live
    revision = page.save_revision()
    revision.publish()
    revision.refresh_from_db()
    page.refresh_from_db()
    assert revision.approved_go_live_at == go_live
    assert not page.live
    assert Client().get(page.url).status_code == 404

    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert not page.live, "not before its time"

    with time_machine.travel(go_live + datetime.timedelta(minutes=1)), django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert page.live
    assert Client().get(page.url).status_code == 200


def test_when_every_campaign_is_featured_there_is_no_empty_more_section(client, arabic):
    index = campaign_index("ar")
    index.featured = [FeaturedCampaign(campaign=page) for page in CampaignPage.objects.live().child_of(index)[:6]]
    index.save_revision().publish()
    for page in CampaignPage.objects.live().child_of(index)[6:]:
        page.unpublish()
    response = client.get(index.url)
    assert featured(response)
    assert soup(response).select_one("#all-heading") is None
    assert "No campaigns match" not in response.content.decode()
