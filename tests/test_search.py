"""Site search: Arabic normalisation (unit tests of core.search) and the search page
per language, which returns only pages of its language and finds Arabic text despite
diacritics, tatweel and letter variants; hostile queries are answered, not failed.
"""

import datetime

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page
from wagtail.search import index

from campaigns.models import CampaignPage, CampaignPageTopic, StandardPage
from core.search import MAX_QUERY_LENGTH, normalise, normalise_query
from home.models import HomePage
from tests.conftest import soup
from tests.factories import AreaFactory, HelpServiceFactory, TopicFactory, VolunteerRoleFactory, bilingual_campaign

# --- normalise ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("المُخَدِّرات", "مخدرات"),  # fatha, damma, shadda, kasra
        ("مُخدّراتٌ", "مخدرات"),  # tanween
        ("الرحمٰن", "رحمن"),  # dagger alef
    ],
)
def test_normalise_removes_diacritics(text, expected):
    assert normalise(text) == expected


def test_normalise_removes_tatweel():
    assert normalise("مـخـدرات") == "مخدرات"
    assert normalise("الـمـخـدرات") == "مخدرات"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("أمن", "امن"), ("إبلاغ", "ابلاغ"), ("آمنة", "امنه"), ("ٱستشارة", "استشاره")],
)
def test_normalise_unifies_alef_forms(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("مسؤول", "مسوول"), ("رئيس", "رييس"), ("على", "علي"), ("مدرسة", "مدرسه")],
)
def test_normalise_unifies_hamza_alef_maqsura_and_ta_marbuta(text, expected):
    assert normalise(text) == expected


def test_normalise_turns_arabic_indic_and_persian_digits_into_western():
    assert normalise("حملة ٢٠٢٦") == "حمله 2026"
    assert normalise("۲۰۲۶") == "2026"
    assert normalise("٤٢٠٧٣") == normalise("42073")


@pytest.mark.parametrize("text", ["الشرطة", "والشرطة", "فالشرطة", "بالشرطة", "كالشرطة", "للشرطة", "شرطة"])
def test_normalise_strips_the_article_and_clitics_before_it(text):
    assert normalise(text) == "شرطه"


def test_normalise_keeps_short_words_whole():
    # Stripping "ال" from a three-letter word would leave one letter.
    assert normalise("الى") == "الي"
    assert normalise("بال") == "بال"


@pytest.mark.parametrize(("word", "with_article"), [("التزام", "الالتزام"), ("بالغين", "البالغين")])
def test_a_word_and_the_same_word_with_the_article_meet(word, with_article):
    """Words that begin with the letters of a prefix (ال, بال, …) must still meet their
    article form; otherwise searching التزام does not find الالتزام."""
    assert normalise(word) == normalise(with_article)


def test_normalise_folds_presentation_forms_case_and_bidi_controls():
    assert normalise("ﻻ") == "لا"  # lam-alef ligature (presentation form)
    assert normalise("Drug PREVENTION") == normalise("drug prevention") == "drug prevent"  # stemmed, see below
    assert normalise("\u2067المخدرات\u2069\u200f") == "مخدرات"
    assert normalise("\u200bمخدرات\ufeff") == "مخدرات"


def test_normalise_splits_on_punctuation_and_joins_words_with_single_spaces():
    assert normalise("  المخدرات،   الوقاية!؟ ") == "مخدرات وقايه"
    assert normalise("") == ""
    assert normalise(None) == ""


def test_variants_of_the_same_word_normalise_alike():
    variants = ["المخدرات", "مـخـدرات", "المُخَدِّرات", "والمخدرات", "بالمخدرات", "\u200fالمخدرات"]
    assert {normalise(v) for v in variants} == {"مخدرات"}


def test_normalise_query_caps_long_input():
    query = "ب" * 10_000
    assert len(normalise_query(query)) <= MAX_QUERY_LENGTH
    assert normalise_query("المُخَدِّرات") == "مخدرات"


# --- the search page ----------------------------------------------------------------------


def result_urls(response):
    return [a["href"] for a in soup(response).select("ol.search-results h2 a")]


DRUG_CAMPAIGNS = [
    ("اعرف علامات تعاطي المخدرات", "Know the signs of drug use", "اعرف-العلامات", "know-the-signs"),
    ("تحدثوا مع أطفالكم عن المخدرات", "Talk with your child about drugs", "تحدثوا-مع-أطفالكم", "talk-with-your-child"),
]


@pytest.fixture
def drug_pages(campaign_index):
    """Two campaigns about drugs in both languages: {language: set of their URLs}."""
    made = [
        bilingual_campaign(campaign_index["ar"], title, english_title, slug, english_slug, body=[])
        for title, english_title, slug, english_slug in DRUG_CAMPAIGNS
    ]
    return {language: {pages[language].url for pages in made} for language in ("ar", "en")}


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["المخدرات", "مخدرات", "مـخـدرات", "المُخَدِّرات", "والمخدرات"])
def test_arabic_search_finds_drug_prevention_pages_despite_variants(client, drug_pages, query):
    response = client.get("/ar/search/", {"q": query})
    assert response.status_code == 200
    urls = result_urls(response)
    assert drug_pages["ar"] <= set(urls), urls
    assert all(url.startswith("/ar/") for url in urls)


@pytest.mark.django_db
def test_arabic_variants_return_the_same_results(client, drug_pages):
    plain = result_urls(client.get("/ar/search/", {"q": "المخدرات"}))
    assert plain
    for variant in ("مـخـدرات", "المُخَدِّرات", "\u2067المخدرات\u2069", "\u200fالمخدرات\u200e", " المخدرات "):
        assert result_urls(client.get("/ar/search/", {"q": variant})) == plain, repr(variant)


@pytest.mark.django_db
def test_english_search_returns_only_english_pages(client, drug_pages):
    response = client.get("/en/search/", {"q": "drugs"})
    urls = result_urls(response)
    assert drug_pages["en"] <= set(urls)
    assert all(url.startswith("/en/") for url in urls)


@pytest.mark.django_db
def test_search_is_case_insensitive_in_english(client, drug_pages):
    assert result_urls(client.get("/en/search/", {"q": "DRUGS"}))
    assert result_urls(client.get("/en/search/", {"q": "DRUGS"})) == result_urls(
        client.get("/en/search/", {"q": "drugs"})
    )


@pytest.fixture
def shared_term_pages(db, arabic, english, english_home):
    """An Arabic and an English page that share a Latin brand term."""
    pages = {}
    for locale, title in ((arabic, "حملة Sharakathon للتوعية"), (english, "The Sharakathon campaign")):
        home = HomePage.objects.get(locale=locale) if locale == arabic else english_home
        page = StandardPage(title=title, slug=f"sharakathon-{locale.language_code}", summary=title, locale=locale)
        home.add_child(instance=page)
        page.save_revision().publish()
        pages[locale.language_code] = page
    return pages


@pytest.mark.parametrize("language", ["ar", "en"])
def test_search_returns_only_pages_of_the_current_language(client, shared_term_pages, language):
    urls = result_urls(client.get(f"/{language}/search/", {"q": "sharakathon"}))
    assert urls == [shared_term_pages[language].url]


@pytest.fixture
def spelled_page(db, arabic):
    """A page whose text uses diacritics, hamza, ta marbuta and Arabic-Indic digits."""
    home = HomePage.objects.get(locale=arabic)
    page = StandardPage(
        title="دليلُ الإبلاغِ",
        slug="spelled-page",
        summary="حملة ٢٠٢٦ من أجل مدرسة آمنة، وعن المُخَدِّرات والـمـسـؤولـيـة. التطوع للبالغين مع الالتزام بالقواعد.",
        locale=arabic,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    "query", ["الابلاغ", "ابلاغ", "امنة", "مدرسه", "2026", "٢٠٢٦", "مخدرات", "المسؤولية", "التزام", "بالغين"]
)
def test_indexed_text_is_normalised_too(client, spelled_page, query):
    urls = result_urls(client.get("/ar/search/", {"q": query}))
    assert spelled_page.url in urls, query


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("query", [None, "", "   ", "\u200f", "ـــ", "،؟!"])
def test_empty_query_shows_the_form_without_results(client, language, query):
    response = client.get(f"/{language}/search/", {} if query is None else {"q": query})
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("form[role=search] input[name=q]") is not None
    assert page.select_one("ol.search-results") is None
    assert page.select_one("main [role=status]") is None


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_ten_thousand_character_query_is_answered(client, language):
    response = client.get(f"/{language}/search/", {"q": "مخدرات " * 1500})
    assert response.status_code == 200
    value = soup(response).select_one("input[name=q]")["value"]
    assert len(value) <= MAX_QUERY_LENGTH


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ['"', "'", "AND", "OR NOT", "*", "(", "drug*", "-", 'NEAR("a" "b")', "a:b", "^", "%", "\\"]
)
def test_search_syntax_characters_do_not_fail(client, query):
    for language in ("ar", "en"):
        assert client.get(f"/{language}/search/", {"q": query}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("page_number", ["2", "999", "abc", "-1"])
def test_bad_result_page_numbers_do_not_fail(client, drug_pages, page_number):
    assert client.get("/ar/search/", {"q": "المخدرات", "page": page_number}).status_code == 200


@pytest.mark.django_db
def test_search_results_are_not_indexed_by_search_engines(client):
    response = client.get("/ar/search/", {"q": "المخدرات"})
    assert response["X-Robots-Tag"] == "noindex"
    assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex"


@pytest.mark.django_db
def test_search_only_lists_live_pages(client, arabic, campaign_index):
    index = campaign_index["ar"]
    page = CampaignPage(
        title="مسودة Draftword",
        slug="draft-search",
        summary="Draftword",
        start_date=datetime.date(2026, 1, 1),
        locale=arabic,
        live=False,
    )
    page.topics = [CampaignPageTopic(topic=TopicFactory(), locale=arabic)]
    index.add_child(instance=page)
    page.save_revision()
    assert result_urls(client.get("/ar/search/", {"q": "draftword"})) == []


@pytest.mark.django_db
def test_search_query_count_does_not_grow_with_results(client, arabic, campaign_index):
    """Ten results per page: the count for two results and for ten must be the same."""
    index = campaign_index["ar"]
    topics = TopicFactory.create_batch(2)
    image = wagtail_factories.ImageFactory()

    def add(number):
        page = CampaignPage(
            title=f"حملة Countword رقم {number}",
            slug=f"countword-{number}",
            summary="ملخص Countword.",
            start_date=datetime.date(2026, 1, 1),
            hero_image=image,
            hero_image_alt="صورة",
            locale=arabic,
        )
        page.topics = [CampaignPageTopic(topic=topic, locale=arabic) for topic in topics]
        index.add_child(instance=page)
        page.save_revision().publish()

    def count():
        client.get("/ar/search/", {"q": "countword"})
        with CaptureQueriesContext(connection) as context:
            response = client.get("/ar/search/", {"q": "countword"})
        return len(context.captured_queries), len(result_urls(response))

    for number in range(2):
        add(number)
    before, shown_before = count()
    for number in range(2, 14):
        add(number)
    after, shown_after = count()
    assert (shown_before, shown_after) == (2, 10)
    assert after <= before


@pytest.mark.django_db
def test_search_links_lead_to_live_pages_of_the_same_language(client, drug_pages):
    for language in ("ar", "en"):
        locale = Locale.objects.get(language_code=language)
        query = "المخدرات" if language == "ar" else "drugs"
        urls = result_urls(client.get(f"/{language}/search/", {"q": query}))
        assert drug_pages[language] <= set(urls)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200
            assert soup(response).html["lang"] == language
            assert any(page.url == url for page in Page.objects.live().filter(locale=locale))


# --- English stems, digits and title weight (issue 9, item 12) ------------------------------


@pytest.mark.parametrize(
    "words",
    [
        ("volunteering", "volunteer", "volunteers", "Volunteered"),
        ("drug", "drugs", "Drugs"),
        ("policing", "police"),
        ("campaigns", "campaign"),
    ],
)
def test_normalise_stems_english_words_alike(words):
    assert len({normalise(word) for word in words}) == 1, {word: normalise(word) for word in words}


def test_stemming_leaves_arabic_digits_and_mixed_words_alone():
    assert normalise("التطوع") == "تطوع"
    assert normalise("حملة ٢٠٢٦ covid19") == "حمله 2026 covid19"


def test_the_search_backend_normalises_query_objects():
    from wagtail.search.query import MATCH_ALL, And, Not, Phrase, PlainText

    from core.search_backend import normalise_search_query

    assert normalise_search_query("المُخَدِّرات") == "مخدرات"
    assert normalise_search_query("؟!") is None
    plain = normalise_search_query(PlainText("Volunteering ساره", operator="or"))
    assert (plain.query_string, plain.operator) == ("volunt ساره", "or")
    assert normalise_search_query(Phrase("٩٩٩ Drugs")).query_string == "999 drug"
    combined = normalise_search_query(And([PlainText("؟"), Not(PlainText("سارة"))]))
    assert isinstance(combined, Not) and combined.subquery.query_string == "ساره"
    assert normalise_search_query(MATCH_ALL) is MATCH_ALL


def test_every_page_type_indexes_normalised_text():
    """The backend normalises every query over Page (core.search_backend), which is
    right only if every page type's title and text are indexed normalised."""
    from wagtail.models import get_page_models

    from core.search import NormalisedAutocompleteField, NormalisedSearchField, indexes_normalised_text

    for model in get_page_models():
        if model is Page:
            continue
        assert indexes_normalised_text(model), model
        fields = {(type(field), field.field_name) for field in model.get_search_fields()}
        assert (NormalisedSearchField, "title") in fields, model
        assert (NormalisedAutocompleteField, "title") in fields, model
        plain = [field for field in model.get_search_fields() if type(field) is index.SearchField]
        assert "title" not in {field.field_name for field in plain}, model


@pytest.mark.django_db
def test_english_search_finds_volunteer_pages_when_asked_for_volunteering(client, volunteer_pages):
    urls = result_urls(client.get("/en/search/", {"q": "volunteering"}))
    assert volunteer_pages["en"].url in urls, urls


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_drug_and_drugs_find_the_same_pages(client, drug_pages, language):
    drug = result_urls(client.get(f"/{language}/search/", {"q": "drug"}))
    drugs = result_urls(client.get(f"/{language}/search/", {"q": "drugs"}))
    assert set(drug) == set(drugs)
    if language == "en":
        assert drug_pages["en"] <= set(drug), drug


@pytest.fixture
def numbered_pages(db, arabic, english, english_home):
    """A page per language with the emergency number in Western digits."""
    pages = {}
    for locale, title, summary in (
        (arabic, "رقم الطوارئ", "في حالة الخطر اتصلوا بالرقم 999 فوراً."),
        (english, "Emergency number", "In danger, call 999 at once."),
    ):
        home = HomePage.objects.get(locale=locale) if locale == arabic else english_home
        page = StandardPage(title=title, slug=f"emergency-{locale.language_code}", summary=summary, locale=locale)
        home.add_child(instance=page)
        page.save_revision().publish()
        pages[locale.language_code] = page
    return pages


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("query", ["999", "٩٩٩", "۹۹۹"])
def test_arabic_indic_digits_find_western_digits(client, numbered_pages, language, query):
    urls = result_urls(client.get(f"/{language}/search/", {"q": query}))
    assert numbered_pages[language].url in urls


@pytest.fixture
def title_and_body_pages(db, arabic, english, english_home):
    """Per language: one page with the word in its title only, one with it in its summary only.

    The body-only page is published last and has the shorter text, so without a title
    weight it would rank first (newer and denser).
    """
    pages = {}
    for locale, word, in_title, in_body in (
        (arabic, "زنجبيلات", "دليل الزَّنجبيلات الشامل في المدارس والأحياء", "عن الزنجبيلات."),
        (english, "gingerworts", "The complete Gingerworts guide for schools and neighbourhoods", "On gingerworts."),
    ):
        home = HomePage.objects.get(locale=locale) if locale == arabic else english_home
        title_page = StandardPage(
            title=in_title,
            slug=f"title-weight-{locale.language_code}",
            summary="A page about something else altogether, with a longer summary than the other one has.",
            locale=locale,
        )
        home.add_child(instance=title_page)
        title_page.save_revision().publish()
        body_page = StandardPage(
            title="صفحة عامة" if locale == arabic else "A general page",
            slug=f"body-weight-{locale.language_code}",
            summary=in_body,
            locale=locale,
        )
        home.add_child(instance=body_page)
        body_page.save_revision().publish()
        pages[locale.language_code] = (word, title_page, body_page)
    return pages


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_title_match_ranks_above_a_body_match(client, title_and_body_pages, language):
    word, title_page, body_page = title_and_body_pages[language]
    for query in (word, word.upper(), "ال" + word if language == "ar" else word[:-1]):
        urls = result_urls(client.get(f"/{language}/search/", {"q": query}))
        assert urls == [title_page.url, body_page.url], (query, urls)


# --- the admin's find boxes -----------------------------------------------------------------


@pytest.fixture
def sara_page(db, arabic):
    home = HomePage.objects.get(locale=arabic)
    page = StandardPage(
        title="قصة سارة مع خط الطوارئ 999",
        slug="sara-story",
        summary="متطوعة في الحي.",
        locale=arabic,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def admin_client(staff, login):
    return login(staff["superuser"])


@pytest.mark.parametrize("query", ["سارة", "ساره", "سـارة", "سَارَة", "قصه ساره", "قصة سا", "٩٩٩", "999"])
def test_admin_page_search_normalises_the_query_like_public_search(admin_client, sara_page, query):
    response = admin_client.get("/admin/pages/search/", {"q": query})
    assert response.status_code == 200
    assert f"/admin/pages/{sara_page.id}/edit/" in response.content.decode(), query


@pytest.mark.parametrize("query", ["ساره", "٩٩٩"])
def test_admin_explorer_search_normalises_the_query(admin_client, sara_page, query):
    response = admin_client.get(f"/admin/pages/{sara_page.get_parent().id}/", {"q": query})
    assert response.status_code == 200
    assert f"/admin/pages/{sara_page.id}/edit/" in response.content.decode(), query


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["volunteering", "volunteers", "Volunteer"])
def test_admin_page_search_stems_english(admin_client, volunteer_pages, query):
    page = volunteer_pages["en"]
    response = admin_client.get("/admin/pages/search/", {"q": query})
    assert f"/admin/pages/{page.id}/edit/" in response.content.decode(), query


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "model", "query"),
    [
        ("/admin/snippets/campaigns/helpservice/", "HelpService", "مخدرات"),
        ("/admin/snippets/campaigns/helpservice/", "HelpService", "الاستشارات السريه"),
        ("/admin/snippets/campaigns/helpservice/", "HelpService", "drugs"),
        ("/admin/snippets/campaigns/topic/", "Topic", "مخدرات"),
    ],
)
def test_admin_snippet_search_normalises_the_query(admin_client, url, model, query):
    arabic_query = any("\u0600" <= ch <= "\u06ff" for ch in query)
    if model == "Topic":
        snippet = TopicFactory(name="الوقاية من المخدرات")
    elif arabic_query:
        snippet = HelpServiceFactory(name="خط الاستشارات السرية حول المخدرات", description="للأهل والشباب.")
    else:
        snippet = HelpServiceFactory(
            name="Drugs help line", description="Advice in confidence.", locale=Locale.objects.get(language_code="en")
        )
    response = admin_client.get(url, {"q": query})
    assert response.status_code == 200
    assert f"{url}edit/{snippet.pk}/" in response.content.decode(), query


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "model", "name", "query"),
    [
        ("/admin/snippets/volunteer_signup/area/", "Area", "الضواحي الجنوبية", "ضواحي"),
        ("/admin/snippets/volunteer_signup/volunteerrole/", "VolunteerRole", "تنظيم حركة السير", "حركه"),
        ("/admin/snippets/volunteer_signup/volunteerrole/", "VolunteerRole", "Traffic organisation", "organising"),
    ],
)
def test_admin_form_option_search_normalises_the_query(admin_client, url, model, name, query):
    factory = AreaFactory if model == "Area" else VolunteerRoleFactory
    option = factory(name=name, locale=Locale.objects.get(language_code="ar" if name[0] > "\u0600" else "en"))
    response = admin_client.get(url, {"q": query})
    assert response.status_code == 200
    assert f"{url}edit/{option.pk}/" in response.content.decode(), query


def test_admin_page_chooser_search_normalises_the_query(admin_client, sara_page):
    response = admin_client.get("/admin/choose-page/search/", {"q": "ساره"})
    assert response.status_code == 200
    assert str(sara_page.id) in response.content.decode()
    assert "قصة سارة" in response.content.decode()


def test_indexed_text_is_normalised_once(arabic):
    """The stemmer is not idempotent ("organisation" -> "organis" -> "organi"): text
    normalised twice for the index would no longer meet a query normalised once."""
    page = StandardPage(title="t", summary="Organisations of volunteers", locale=arabic)
    values = {field.field_name: field.get_value(page) for field in StandardPage.get_searchable_search_fields()}
    assert values["search_text"] == normalise("t Organisations of volunteers") == "t organis of volunt"
    assert values["title"] == "t"


@pytest.mark.django_db
def test_english_search_meets_words_the_stemmer_shortens_twice(client, english_home):
    home = english_home
    page = StandardPage(
        title="Partners", slug="partners", summary="Local organisations we work with.", locale=english_home.locale
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    for query in ("organisation", "organisations", "Organisation"):
        assert page.url in result_urls(client.get("/en/search/", {"q": query})), query
