"""Languages: Arabic (default, right-to-left) and English.

Covers the locales, the redirect from ``/``, ``lang``/``dir`` and the stylesheet per
direction, Arabic number formats and plural forms, the completeness of the Arabic
catalogue, pages free of the other language's text, the language switcher, and the
admin in Arabic.

The pages are the sample site's (tests/sample_site.py): one or more of every page
type, every text translated with wagtail-localize. Arabic interface strings are never
typed here: expected text comes from gettext, or the tests assert structure
(attributes, scripts of the characters rendered).
"""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Locale, Page

from campaigns.models import CampaignIndexPage, StandardPage
from home.models import HomePage
from tests.conftest import make_user, sign_in, soup
from tests.page_text import ARABIC_LETTERS, arabic_texts, english_words

pytestmark = [pytest.mark.django_db, pytest.mark.whole_site, pytest.mark.usefixtures("_shared_content")]

PO_FILE = Path(settings.BASE_DIR) / "locale" / "ar" / "LC_MESSAGES" / "django.po"
ARABIC_INDIC_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def live_pages(language):
    return list(Page.objects.live().filter(depth__gte=2, locale__language_code=language).order_by("path").specific())


# --- locales and the redirect from / ------------------------------------------


def test_both_locales_exist_after_migrate():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"ar", "en"}
    assert Locale.get_default().language_code == "ar"
    assert HomePage.objects.filter(locale__language_code="ar", live=True).count() == 1


def test_the_pages_walked_here_cover_every_page_type_in_both_languages():
    """The sweeps below walk every live page: they must meet every template."""
    page_types = {model for model in apps.get_models() if issubclass(model, Page) and model is not Page}
    page_types -= {model for model in page_types if model._meta.app_label == "embedding_test"}
    for language in ("ar", "en"):
        assert {type(page) for page in live_pages(language)} == page_types, language


def test_root_redirects_to_arabic_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_root_redirects_to_arabic_for_an_unsupported_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


@pytest.mark.parametrize("header", ["en", "en-GB,en;q=0.9", "en-US,ar;q=0.5"])
def test_root_redirects_to_english_for_accept_language_english(client, header):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_language_cookie_beats_accept_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_arabic_cookie_beats_english_accept_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/ar/"


def test_root_redirect_varies_on_accept_language_and_cookie(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    vary = {part.strip().lower() for part in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary


# --- lang, dir and the stylesheet ------------------------------------------------


@pytest.mark.parametrize(
    ("language", "direction", "stylesheet", "other_stylesheet"),
    [
        ("ar", "rtl", "site.rtl.bundle.css", "site.ltr.bundle.css"),
        ("en", "ltr", "site.ltr.bundle.css", "site.rtl.bundle.css"),
    ],
)
def test_every_page_sets_lang_dir_and_the_bootstrap_build_for_its_direction(
    client, language, direction, stylesheet, other_stylesheet
):
    urls = [page.url for page in live_pages(language)] + [f"/{language}/search/", f"/{language}/no-such-page/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        page = soup(response)
        assert page.html["lang"] == language, url
        assert page.html["dir"] == direction, url
        sheets = {link["href"].rsplit("/", 1)[-1] for link in page.select('link[rel="stylesheet"]')}
        # One render-blocking stylesheet: Bootstrap's rules for this direction, the fonts and ours.
        assert sheets == {stylesheet}, (url, sheets)
        assert other_stylesheet not in sheets, (url, sheets)


# --- numbers ------------------------------------------------------------------


def test_arabic_number_format_uses_western_digits_and_comma_grouping():
    with translation.override("ar"):
        assert formats.number_format(1234567.5, 2, force_grouping=True) == "1,234,567.50"
        assert formats.get_format("DECIMAL_SEPARATOR") == "."
        assert formats.get_format("THOUSAND_SEPARATOR") == ","


@pytest.mark.parametrize("language", ["ar", "en"])
def test_impact_figures_render_with_western_digits_and_grouping(client, language):
    response = client.get(f"/{language}/")
    values = [span.get_text(strip=True) for span in soup(response).select(".impact-figure__value")]
    assert "42,073" in values
    assert "7,263" in values


def test_arabic_pages_show_no_arabic_indic_digits_outside_editor_content(client):
    """Dates, figures, counts and phone numbers are generated; the body (.stream) is the editor's."""
    urls = [page.url for page in live_pages("ar")] + ["/ar/search/?q=المخدرات", "/ar/no-such-page/"]
    for url in urls:
        page = soup(client.get(url))
        for stream in page.select(".stream"):
            stream.decompose()
        text = page.get_text(" ")
        assert not ARABIC_INDIC_DIGITS.search(text), (url, ARABIC_INDIC_DIGITS.findall(text))


def test_arabic_dates_use_western_digits(client):
    story_index = Page.objects.get(depth=3, locale__language_code="ar", content_type__model="storyindexpage")
    times = soup(client.get(story_index.url)).select("time")
    assert times
    for element in times:
        assert re.search(r"\b20\d\d\b", element.get_text()), element
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", element["datetime"])


# --- the catalogue ---------------------------------------------------------------


def test_arabic_plural_forms_follow_the_six_form_rule():
    """0, 1, 2, 3 (few) and 11 (many) each take their own form.

    11 and 100 ("many" and "other") both take the singular noun, accusative and
    genitive, which are spelled alike without vowel marks; so those two may match.
    With the wrong rule (the default n != 1) 2, 3, 11 and 100 would all share one form.
    """
    po = polib.pofile(str(PO_FILE))
    entry = next(e for e in po if e.msgid_plural and e.msgid == "%(counter)s campaign")
    with translation.override("ar"):
        forms = {n: ngettext(entry.msgid, entry.msgid_plural, n) for n in (0, 1, 2, 3, 11, 100, 102)}
    assert len({forms[n] for n in (0, 1, 2, 3, 11)}) == 5, forms
    assert forms[100] == forms[102], forms
    assert all(ARABIC_LETTERS.search(form) for form in forms.values()), forms


def test_arabic_catalogue_is_complete():
    """No untranslated or fuzzy entries; the header declares Arabic's six plural forms."""
    po = polib.pofile(str(PO_FILE))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [], f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    # A fuzzy header is left out by msgfmt, and with it the plural rule.
    assert not po.metadata_is_fuzzy
    assert po.metadata.get("Language") == "ar"
    assert "nplurals=6" in po.metadata.get("Plural-Forms", "").replace(" ", "")


def test_catalogue_holds_every_translatable_string_of_the_code(tmp_path):
    """makemessages finds nothing new: no interface string was added without a translation."""
    catalogue = Path(settings.BASE_DIR) / "locale" / "ar" / "LC_MESSAGES" / "django.po"
    before = catalogue.read_bytes()
    try:
        subprocess.run(  # our own manage.py with fixed arguments, as `make makemessages`
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "ar",
                "--no-obsolete",
                "--ignore",
                ".venv/*",
                "--ignore",
                "node_modules/*",
                "--ignore",
                "static/*",
                "--ignore",
                "tests/*",
            ],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
            check=True,
            capture_output=True,
        )
        extracted = {entry.msgid for entry in polib.pofile(str(catalogue))}
    finally:
        catalogue.write_bytes(before)
    translated = {entry.msgid for entry in polib.pofile(str(catalogue)) if entry.translated()}
    assert extracted - translated == set()


def test_every_plural_entry_has_six_forms():
    po = polib.pofile(str(PO_FILE))
    for entry in po:
        if entry.msgid_plural and not entry.obsolete:
            filled = [entry.msgstr_plural.get(index, "") for index in range(6)]
            assert all(filled), (entry.msgid, filled)


# --- no text of the other language ----------------------------------------------


def arabic_urls():
    return [page.url for page in live_pages("ar")] + [
        "/ar/search/?q=x",
        "/ar/search/?q=المخدرات",
        "/ar/does-not-exist/",
    ]


def test_arabic_pages_show_no_english_outside_marked_elements(client):
    """Elements marked lang="en" or dir="ltr" (phone numbers, emails, the switcher) are skipped."""
    found = {}
    for url in arabic_urls():
        response = client.get(url)
        assert response.status_code in (200, 404)
        if words := english_words(soup(response)):
            found[url] = words
    assert found == {}


def test_english_pages_show_no_arabic_outside_marked_elements(client):
    """The English translation is complete: no Arabic copy left behind in any block."""
    found = {}
    for page in live_pages("en"):
        if texts := arabic_texts(soup(client.get(page.url))):
            found[page.url] = texts[:5]
    assert found == {}


# --- the language switcher -------------------------------------------------------


def switcher_link(response, language):
    links = soup(response).select(f"nav.language-switcher a[lang='{language}']")
    assert len(links) == 1, links
    return links[0]


def switch_target(link):
    """Where a switcher link leads: it goes through /language/<code>/, which stores the choice."""
    url = urlparse(link["href"])
    assert url.path == f"/language/{link['lang']}/", link["href"]
    return parse_qs(url.query)["next"][0]


@pytest.mark.parametrize(("language", "other"), [("ar", "en"), ("en", "ar")])
def test_switcher_links_each_page_to_its_real_translation(client, language, other):
    pages = live_pages(language)
    for page in pages:
        response = client.get(page.url)
        link = switcher_link(response, other)
        translation_page = page.get_translation(Locale.objects.get(language_code=other))
        assert switch_target(link) == translation_page.url, page.url
        assert link["lang"] == other
        assert link["hreflang"] == other
        if page.depth > 2:
            assert translation_page.slug != page.slug
        # The current language is shown, not linked.
        assert not soup(response).select(f"nav.language-switcher a[hreflang='{language}']")
        assert soup(response).select_one("nav.language-switcher [aria-current='true']")["lang"] == language


def test_switcher_link_leads_to_a_page_that_exists(client):
    arabic_campaign = Page.objects.get(slug="اعرف-العلامات", locale__language_code="ar")
    link = switcher_link(client.get(arabic_campaign.url), "en")
    response = client.get(link["href"], follow=True)
    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    assert switch_target(link) == "/en/campaigns/know-the-signs/"
    assert response.redirect_chain == [("/en/campaigns/know-the-signs/", 302)]
    assert client.cookies["django_language"].value == "en"


def test_switcher_falls_back_to_the_english_home_page_without_a_translation(client, arabic):
    home = HomePage.objects.get(locale=arabic)
    page = StandardPage(title="صفحة بلا ترجمة", slug="صفحة-بلا-ترجمة", summary="ملخص قصير.", locale=arabic)
    home.add_child(instance=page)
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == 200
    link = switcher_link(response, "en")
    assert switch_target(link) == "/en/"
    assert link["lang"] == "en"
    # It is not this page in English: no hreflang, and the link says where it leads.
    assert not link.has_attr("hreflang") and not link.has_attr("rel")
    assert "This page is not available in this language: home page" in link.get_text()
    assert not soup(response).select("link[rel=alternate][hreflang]")


def test_switcher_falls_back_to_the_arabic_home_page_without_a_translation(client, english):
    home = HomePage.objects.get(locale=english)
    page = StandardPage(title="English only", slug="english-only", summary="Short summary.", locale=english)
    home.add_child(instance=page)
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == 200
    link = switcher_link(response, "ar")
    assert switch_target(link) == "/ar/"
    assert not link.has_attr("hreflang")
    with translation.override("ar"):
        assert gettext("This page is not available in this language: home page") in link.get_text()


def test_switcher_ignores_a_translation_that_is_not_live(client, arabic, english):
    index = CampaignIndexPage.objects.get(locale=arabic)
    page = StandardPage(title="مسودة", slug="مسودة-الترجمة", summary="ملخص.", locale=arabic)
    index.get_parent().add_child(instance=page)
    page.save_revision().publish()
    draft = page.copy_for_translation(english)
    assert not draft.live
    assert switch_target(switcher_link(client.get(page.url), "en")) == "/en/"


@pytest.mark.parametrize(("language", "other"), [("ar", "en"), ("en", "ar")])
def test_switcher_on_search_keeps_the_query(client, language, other):
    response = client.get(f"/{language}/search/", {"q": "safety"})
    assert switch_target(switcher_link(response, other)) == f"/{other}/search/?q=safety"


# --- the admin in Arabic ---------------------------------------------------------


def test_admin_is_right_to_left_for_an_arabic_speaking_editor(client):
    editor = make_user("arabic_admin", superuser=True, language="ar")
    sign_in(client, editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = soup(response).html
    assert html["lang"] == "ar"
    assert html["dir"] == "rtl"
    assert b"gravatar.com" not in response.content
    assert b"releases.wagtail.io" not in response.content


# --- the language route ----------------------------------------------------------


@pytest.mark.parametrize("code", ["ar", "en"])
def test_language_route_stores_the_choice_and_redirects_without_being_cached(client, code):
    response = client.get(f"/language/{code}/", {"next": f"/{code}/campaigns/"})
    assert response.status_code == 302
    assert response["Location"] == f"/{code}/campaigns/"
    assert client.cookies["django_language"].value == code
    assert "no-store" in response["Cache-Control"]
    # "/" now sends the reader to the chosen language.
    assert client.get("/")["Location"] == f"/{code}/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "", "ar/x"])
def test_language_route_never_redirects_off_the_site(client, target):
    response = client.get("/language/en/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_language_route_refuses_unknown_languages_and_posts(client):
    assert client.get("/language/fr/", {"next": "/en/"}).status_code == 404
    assert client.post("/language/en/", {"next": "/en/"}).status_code == 405


@pytest.mark.parametrize(("language", "other"), [("ar", "en"), ("en", "ar")])
def test_listing_switcher_keeps_the_topic_and_time_filters(client, language, other):
    index = CampaignIndexPage.objects.get(locale__language_code=language)
    response = client.get(index.url, {"topic": "drug-prevention", "when": "active", "page": "1"})
    target = switch_target(switcher_link(response, other))
    translated = index.get_translation(Locale.objects.get(language_code=other))
    assert target == f"{translated.url}?topic=drug-prevention&when=active"


def test_public_pages_set_no_cookie_for_the_switcher(client):
    response = client.get("/ar/")
    assert not response.cookies
    assert "<form" not in str(soup(response).select_one("nav.language-switcher"))
