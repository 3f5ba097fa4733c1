"""Site search: Arabic normalisation (unit tests of campaigns.search) and the search page
per language, which returns only pages of its language and finds Arabic text despite
diacritics, tatweel and letter variants; hostile queries are answered, not failed.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from campaigns.models import CampaignIndexPage, CampaignPage, CampaignPageTopic, StandardPage, Topic
from campaigns.search import MAX_QUERY_LENGTH, normalise, normalise_query
from home.models import HomePage
from tests.conftest import soup

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
    assert normalise("Drug PREVENTION") == "drug prevention"
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


def drug_pages(language):
    return {
        page.url
        for page in CampaignPage.objects.live().filter(
            locale__language_code=language,
            translation_key__in=CampaignPage.objects.filter(slug__in=["know-the-signs", "talk-with-your-child"]).values(
                "translation_key"
            ),
        )
    }


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["المخدرات", "مخدرات", "مـخـدرات", "المُخَدِّرات", "والمخدرات"])
def test_arabic_search_finds_drug_prevention_pages_despite_variants(client, query):
    response = client.get("/ar/search/", {"q": query})
    assert response.status_code == 200
    urls = result_urls(response)
    assert drug_pages("ar") <= set(urls), urls
    assert all(url.startswith("/ar/") for url in urls)


@pytest.mark.django_db
def test_arabic_variants_return_the_same_results(client):
    plain = result_urls(client.get("/ar/search/", {"q": "المخدرات"}))
    assert plain
    for variant in ("مـخـدرات", "المُخَدِّرات", "\u2067المخدرات\u2069", "\u200fالمخدرات\u200e", " المخدرات "):
        assert result_urls(client.get("/ar/search/", {"q": variant})) == plain, repr(variant)


@pytest.mark.django_db
def test_english_search_returns_only_english_pages(client):
    response = client.get("/en/search/", {"q": "drugs"})
    urls = result_urls(response)
    assert "/en/campaigns/know-the-signs/" in urls
    assert all(url.startswith("/en/") for url in urls)


@pytest.mark.django_db
def test_search_is_case_insensitive_in_english(client):
    assert result_urls(client.get("/en/search/", {"q": "DRUGS"})) == result_urls(
        client.get("/en/search/", {"q": "drugs"})
    )


@pytest.fixture
def shared_term_pages(db, arabic, english):
    """An Arabic and an English page that share a Latin brand term."""
    pages = {}
    for locale, title in ((arabic, "حملة Sharakathon للتوعية"), (english, "The Sharakathon campaign")):
        home = HomePage.objects.get(locale=locale)
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
def test_bad_result_page_numbers_do_not_fail(client, page_number):
    assert client.get("/ar/search/", {"q": "المخدرات", "page": page_number}).status_code == 200


@pytest.mark.django_db
def test_search_results_are_not_indexed_by_search_engines(client):
    response = client.get("/ar/search/", {"q": "المخدرات"})
    assert response["X-Robots-Tag"] == "noindex"
    assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex"


@pytest.mark.django_db
def test_search_only_lists_live_pages(client, arabic):
    index = CampaignIndexPage.objects.get(locale=arabic)
    page = CampaignPage(
        title="مسودة Draftword",
        slug="draft-search",
        summary="Draftword",
        start_date=datetime.date(2026, 1, 1),
        locale=arabic,
        live=False,
    )
    page.topics = [CampaignPageTopic(topic=Topic.objects.filter(locale=arabic).first(), locale=arabic)]
    index.add_child(instance=page)
    page.save_revision()
    assert result_urls(client.get("/ar/search/", {"q": "draftword"})) == []


@pytest.mark.django_db
def test_search_query_count_does_not_grow_with_results(client, arabic):
    """Ten results per page: the count for two results and for ten must be the same."""
    index = CampaignIndexPage.objects.get(locale=arabic)
    topics = list(Topic.objects.filter(locale=arabic)[:2])
    image = CampaignPage.objects.filter(hero_image__isnull=False).first().hero_image

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
def test_search_links_lead_to_live_pages_of_the_same_language(client):
    for language in ("ar", "en"):
        locale = Locale.objects.get(language_code=language)
        query = "المخدرات" if language == "ar" else "drugs"
        for url in result_urls(client.get(f"/{language}/search/", {"q": query})):
            response = client.get(url)
            assert response.status_code == 200
            assert soup(response).html["lang"] == language
            assert any(page.url == url for page in Page.objects.live().filter(locale=locale))
