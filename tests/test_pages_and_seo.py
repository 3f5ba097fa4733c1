"""Public pages: every page of both trees routes, errors come in the visitor's language,
and search engines get a sitemap of both languages, robots.txt, canonical URLs,
reciprocal hreflang alternates and Open Graph data with the right locale.

The pages are the sample site's (tests/sample_site.py), every page type in both
languages; test_i18n checks that the walk meets every page type.
SEO tests send requests with the Site's host name (``localhost``), as a visitor of
the real site does, so absolute URLs can be compared with the request's own.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlparse

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page, Site

from campaigns.models import CampaignPage, CampaignPageTopic
from core.views import server_error
from tests.conftest import soup
from tests.factories import TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.whole_site, pytest.mark.usefixtures("_shared_content")]

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def site_host():
    return Site.objects.get(is_default_site=True).hostname


@pytest.fixture
def visitor(site_host):
    """A client that talks to the site under its own host name."""
    return Client(HTTP_HOST=site_host)


def live_pages(language=None):
    pages = Page.objects.live().public().filter(depth__gte=2).order_by("path")
    if language:
        pages = pages.filter(locale__language_code=language)
    return list(pages.specific())


def alternates(response):
    links = soup(response).select('link[rel="alternate"][hreflang]')
    return [(link["hreflang"], link["href"]) for link in links]


def meta(response, prop):
    element = soup(response).select_one(f'meta[property="{prop}"]')
    return element["content"] if element else None


def new_campaign(index, locale, slug, live=True, **fields):
    page = CampaignPage(
        title=fields.pop("title", f"Campaign {slug}"),
        slug=slug,
        summary=fields.pop("summary", "A short summary."),
        start_date=fields.pop("start_date", "2026-01-01"),
        locale=locale,
        live=live,
        **fields,
    )
    page.topics = [CampaignPageTopic(topic=TopicFactory(locale=locale), locale=locale)]
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


# --- routing -------------------------------------------------------------------------


def test_every_live_page_of_both_trees_returns_200(client):
    pages = live_pages()
    assert {page.locale.language_code for page in pages} == {"ar", "en"}
    failures = {}
    for page in pages:
        response = client.get(page.url)
        if response.status_code != 200:
            failures[page.url] = response.status_code
    assert failures == {}


def test_both_trees_have_the_same_pages():
    arabic = {page.translation_key for page in live_pages("ar")}
    english = {page.translation_key for page in live_pages("en")}
    assert arabic == english


@pytest.mark.parametrize("language", ["ar", "en"])
def test_unknown_page_is_404_in_the_visitors_language(client, language):
    response = client.get(f"/{language}/does-not-exist/")
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == language
    assert page.html["dir"] == ("rtl" if language == "ar" else "ltr")
    with translation.override(language):
        title = gettext("Page not found")
    assert page.h1.get_text(strip=True) == title
    assert page.title.get_text().startswith(title)
    # The way back leads to the home page of the same language.
    assert page.select_one(f'main a[href="/{language}/"]')


@pytest.mark.parametrize("language", ["ar", "en"])
def test_unknown_nested_page_is_404(client, language, campaign_index):
    index = campaign_index[language]
    assert client.get(index.url + "no-such-campaign/").status_code == 404


@pytest.mark.parametrize("language", ["ar", "en"])
def test_csrf_failure_page_is_403_in_the_visitors_language(volunteer_pages, language):
    client = Client(enforce_csrf_checks=True)
    response = client.post(volunteer_pages[language].url, {"anything": "1"})
    assert response.status_code == 403
    page = soup(response)
    assert page.html["lang"] == language
    with translation.override(language):
        heading = gettext("Your form could not be sent")
    assert page.h1.get_text(strip=True) == heading
    assert page.select_one(f'main a[href="/{language}/"]')


@pytest.mark.parametrize("language", ["ar", "en"])
def test_server_error_page_is_in_the_visitors_language_without_database(language, django_assert_num_queries):
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language), django_assert_num_queries(0):
        response = server_error(request)
        heading = gettext("Something went wrong")
    assert response.status_code == 500
    page = soup(response)
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == heading


@pytest.mark.parametrize("language", ["ar", "en"])
def test_links_in_page_content_stay_in_the_pages_language(client, language):
    for page in live_pages(language):
        main = soup(client.get(page.url)).select_one("main")
        for link in main.select("a[href]"):
            href = link["href"]
            parsed = urlparse(href)
            if parsed.scheme or parsed.netloc or href.startswith(("#", "?", "/documents/", "/media/")):
                continue
            assert href.startswith(f"/{language}/"), (page.url, href)


# --- no request to another host ---------------------------------------------------------


def is_local(url):
    parsed = urlparse(url)
    return not parsed.netloc and parsed.scheme in ("", "data")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_pages_load_scripts_styles_images_and_fonts_only_from_the_site(client, language):
    for page in live_pages(language):
        html = soup(client.get(page.url))
        sources = [el["src"] for el in html.select("script[src], img[src], iframe[src], source[src], video[src]")]
        sources += [el["href"] for el in html.select("link[href]") if el.get("rel") != ["alternate"]]
        sources += [el["href"] for el in html.select('link[rel="canonical"]')]
        remote = [url for url in sources if not is_local(url) and not url.startswith("http://localhost/")]
        assert remote == [], (page.url, remote)


def test_stylesheets_and_their_fonts_are_served_locally(client):
    for language in ("ar", "en"):
        html = soup(client.get(f"/{language}/"))
        for link in html.select('link[rel="stylesheet"]'):
            response = client.get(link["href"])
            assert response.status_code == 200, link["href"]
            css = b"".join(response.streaming_content).decode("utf-8")
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
                assert not url.startswith(("http:", "https:", "//")), (link["href"], url)
                if url.endswith(".woff2"):
                    font = client.get(urljoin(link["href"], url))
                    assert font.status_code == 200, url


# --- sitemap and robots.txt --------------------------------------------------------------


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    return [element.text for element in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def test_sitemap_lists_every_live_page_of_both_languages(visitor):
    locations = sitemap_locations(visitor)
    expected = {page.get_full_url() for page in live_pages()}
    assert set(locations) == expected
    assert len(locations) == len(expected)
    assert any("/ar/" in url for url in locations)
    assert any("/en/campaigns/know-the-signs/" in url for url in locations)
    assert all(url.startswith("http") for url in locations)


def test_sitemap_leaves_out_drafts(visitor, arabic, campaign_index):
    index = campaign_index["ar"]
    draft = new_campaign(index, arabic, "draft-campaign", live=False)
    assert draft.get_full_url() not in sitemap_locations(visitor)


def test_robots_txt_points_to_the_sitemap(visitor, site_host):
    response = visitor.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: http://{site_host}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "User-agent: *" in lines


# --- canonical, hreflang, Open Graph --------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "og_locale", "og_alternate"), [("ar", "ar_AR", "en_GB"), ("en", "en_GB", "ar_AR")]
)
def test_canonical_is_the_pages_own_absolute_url_and_og_locale_matches(visitor, language, og_locale, og_alternate):
    for page in live_pages(language):
        response = visitor.get(page.url)
        canonical = soup(response).select_one('link[rel="canonical"]')["href"]
        assert canonical == response.wsgi_request.build_absolute_uri(page.url), page.url
        assert meta(response, "og:url") == canonical
        assert meta(response, "og:locale") == og_locale
        assert meta(response, "og:locale:alternate") == og_alternate
        assert meta(response, "og:title")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_campaign_pages_have_one_alternate_per_language_and_x_default(visitor, language):
    campaigns = CampaignPage.objects.live().filter(locale__language_code=language)
    assert campaigns.count() >= 7
    for page in campaigns:
        links = alternates(visitor.get(page.url))
        codes = [code for code, _url in links]
        assert sorted(codes) == ["ar", "en", "x-default"], (page.url, codes)
        for _code, url in links:
            assert urlparse(url).scheme in ("http", "https") and urlparse(url).netloc, url
        by_code = dict(links)
        arabic = page.get_translation(Locale.objects.get(language_code="ar"))
        english = page.get_translation(Locale.objects.get(language_code="en"))
        assert by_code["ar"] == arabic.get_full_url()
        assert by_code["en"] == english.get_full_url()
        assert by_code["x-default"] == arabic.get_full_url()


def test_hreflang_alternates_are_reciprocal_on_every_translated_page(visitor, english):
    for page in live_pages("ar"):
        other = page.get_translation(english)
        arabic_set = set(alternates(visitor.get(page.url)))
        english_set = set(alternates(visitor.get(other.url)))
        assert arabic_set, page.url
        assert arabic_set == english_set, page.url


def test_home_page_x_default_is_the_negotiating_root(visitor, site_host):
    links = dict(alternates(visitor.get("/en/")))
    assert links["x-default"] == f"http://{site_host}/"
    assert links["en"] == f"http://{site_host}/en/"
    assert links["ar"] == f"http://{site_host}/ar/"


def test_no_alternates_to_a_translation_that_is_not_live(visitor, arabic, english, campaign_index):
    index = campaign_index["ar"]
    page = new_campaign(index, arabic, "only-arabic-live", title="حملة تجريبية", summary="ملخص.")
    draft = page.copy_for_translation(english)
    assert not draft.live
    response = visitor.get(page.url)
    assert alternates(response) == []
    assert meta(response, "og:locale:alternate") is None


def test_campaign_page_shares_summary_and_absolute_image(visitor):
    page = CampaignPage.objects.get(slug="know-the-signs", locale__language_code="en")
    response = visitor.get(page.url)
    description = soup(response).select_one('meta[name="description"]')["content"]
    assert description == page.summary
    assert meta(response, "og:description") == page.summary
    assert meta(response, "og:type") == "article"
    image = meta(response, "og:image")
    assert image and urlparse(image).scheme == "http" and urlparse(image).netloc


# --- titles, descriptions, confirmations, the served address ----------------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_home_page_og_title_matches_its_title_and_it_has_a_description(visitor, language):
    response = visitor.get(f"/{language}/")
    page = soup(response)
    with translation.override(language):
        suffix = " | " + gettext("Sharaka")
    title = page.title.get_text()
    assert title.endswith(suffix)
    assert meta(response, "og:title") == title.removesuffix(suffix)
    description = page.select_one('meta[name="description"]')
    assert description is not None and len(description["content"]) > 50
    assert meta(response, "og:description") == description["content"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_page_og_title_matches_its_title(visitor, language):
    for page in live_pages(language):
        response = visitor.get(page.url)
        title = soup(response).title.get_text()
        assert title.startswith(meta(response, "og:title") + " | "), page.url


@pytest.mark.parametrize("language", ["ar", "en"])
def test_form_confirmation_and_error_states_are_not_indexed(
    client, open_form, valid_application, volunteer_pages, language
):
    url = volunteer_pages[language].url
    assert not soup(client.get(url)).select('meta[name="robots"]')
    form = open_form(client, url)
    error = client.post(url, form.data())
    assert soup(error).select_one('meta[name="robots"]')["content"] == "noindex"
    form = open_form(client, url)
    sent = client.post(url, valid_application(form), follow=True)
    assert sent.redirect_chain[-1][0].startswith(url + "?sent=")
    assert soup(sent).select_one(".confirmation-panel")
    assert soup(sent).select_one('meta[name="robots"]')["content"] == "noindex"


def test_absolute_urls_use_the_address_make_run_serves(client, settings):
    """``make run`` sets the site's address; canonical, hreflang and sitemap then use it."""
    from io import StringIO

    from django.core.management import call_command

    call_command("set_site_address", "127.0.0.1", "8123", stdout=StringIO())
    visitor = Client(HTTP_HOST="127.0.0.1:8123")
    page = CampaignPage.objects.get(slug="know-the-signs", locale__language_code="en")
    response = visitor.get(page.url)
    assert soup(response).select_one('link[rel="canonical"]')["href"] == f"http://127.0.0.1:8123{page.url}"
    assert all(url.startswith("http://127.0.0.1:8123/") for _code, url in alternates(response))
    home_links = dict(alternates(visitor.get("/ar/")))
    assert home_links["x-default"] == "http://127.0.0.1:8123/"
    locations = sitemap_locations(visitor)
    assert locations and all(loc.startswith("http://127.0.0.1:8123/") for loc in locations)


def test_set_site_address_refuses_a_bad_port():
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("set_site_address", "127.0.0.1", "70000", stdout=StringIO())


@pytest.mark.parametrize(("language", "script"), [("ar", "arabic"), ("en", "latin")])
def test_pages_ask_early_for_the_fonts_of_their_script(client, language, script):
    """The fonts are asked for with the stylesheet, not when it is read: text drawn in the
    fallback font and then in the site's font moved the page as it loaded (Lighthouse's
    layout shift of 0.28 on English pages)."""
    head = soup(client.get(f"/{language}/")).head
    preloads = head.select('link[rel="preload"][as="font"]')
    assert [link["href"].split("/")[-1].split(".")[0] for link in preloads] == [
        f"ibm-plex-sans-arabic-{script}-400-normal",
        f"ibm-plex-sans-arabic-{script}-700-normal",
    ]
    for link in preloads:
        assert link["type"] == "font/woff2"
        assert link.has_attr("crossorigin")  # fonts are fetched in CORS mode; without it, fetched twice
        assert client.get(link["href"]).status_code == 200
