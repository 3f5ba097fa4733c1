"""Anonymous public pages from the cache, form pages included (issue 12, items 1 and 2).

The page cache is off in the other unit tests (config/settings/test.py); here it is
on. Content changes are committed as a real request's are (``committed`` runs the
on-commit callbacks), since the cache's generation is bumped only after a commit.
"""

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.utils import timezone

from core import page_cache
from surveys.models import SurveyResponse
from tests.conftest import soup
from tests.factories import new_phone
from volunteer_signup.models import VolunteerApplication

pytestmark = [pytest.mark.django_db, pytest.mark.whole_site, pytest.mark.usefixtures("_shared_content")]

HIT = page_cache.HIT_HEADER


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is saved inside as a committed request would: its on-commit callbacks run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def public_urls(site):
    """One URL of every public page type, in both languages, and the search page."""
    urls = []
    for language in ("ar", "en"):
        urls += [site["home"][language].url, site["campaign_index"][language].url, site["story_index"][language].url]
        urls += [site["campaigns"]["know-the-signs"][language].url, next(iter(site["stories"].values()))[language].url]
        urls += [site["volunteer_pages"][language].url, site["survey_pages"][language].url]
        urls += [site["privacy_pages"][language].url, site["questions_pages"][language].url, f"/{language}/search/"]
    return urls


def test_every_public_page_is_kept_and_served_to_the_next_visitor_without_a_cookie(sample_site):
    for url in public_urls(sample_site):
        first = Client().get(url)
        assert first.status_code == 200, url
        assert first[HIT] == "miss", url
        assert not first.cookies, (url, first.cookies)
        assert "cookie" not in first.get("Vary", "").lower(), url
        assert first["Cache-Control"] == "public, max-age=0, s-maxage=60", url
        assert "csrfmiddlewaretoken" not in first.content.decode(), url
        second = Client().get(url)
        assert second[HIT] == "hit", url
        assert second.content == first.content, url
        # The security headers are added to a page from the cache as to a rendered one.
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"], url


def test_two_visitors_on_one_cached_form_page_get_two_records_and_their_own_references(
    sample_site, open_form, valid_application, committed
):
    url = sample_site["volunteer_pages"]["ar"].url
    layla, omar = Client(), Client()
    layla_form = open_form(layla, url)
    omar_form = open_form(omar, url)
    assert omar.get(url)[HIT] == "hit"
    assert layla_form.hidden["form_token"] != omar_form.hidden["form_token"]  # each fetched their own
    references = []
    for visitor, form, name in ((layla, layla_form, "Layla Haddad"), (omar, omar_form, "Omar Said")):
        with committed():
            response = visitor.post(url, valid_application(form, full_name=name, phone=new_phone()))
        assert response.status_code == 303
        confirmation = soup(visitor.get(response["Location"]))
        references.append(confirmation.select_one(".reference-code").get_text(strip=True))
    assert VolunteerApplication.objects.filter(full_name__in=["Layla Haddad", "Omar Said"]).count() == 2
    assert references[0] != references[1]
    assert set(references) == set(
        VolunteerApplication.objects.filter(full_name__in=["Layla Haddad", "Omar Said"]).values_list(
            "reference", flat=True
        )
    )
    # Sending the same form again (refresh, back, double-click) still makes no second record.
    with committed():
        again = layla.post(url, valid_application(layla_form, full_name="Layla Haddad", phone=new_phone()))
    assert again.status_code == 303
    assert VolunteerApplication.objects.filter(full_name="Layla Haddad").count() == 1


def test_a_quick_one_click_answer_after_reading_the_page_is_not_too_fast(sample_site, settings, committed):
    """The token is fetched on the first touch of the form; the page had been open for a while."""
    settings.SUBMISSION_MIN_FILL_SECONDS = 5
    url = sample_site["survey_pages"]["en"].url
    visitor = Client()
    form = soup(visitor.get(url)).select_one("section.embedded-form form")
    fields = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    for radio in form.select("input[type=radio]"):  # one click per required question
        fields.setdefault(radio["name"], radio["value"])
    for select in form.select("select"):
        fields[select["name"]] = next(o["value"] for o in select.select("option") if o["value"])
    fields["form_token"] = visitor.get(form["data-token-url"] + "&shown=20000").json()["token"]
    before = SurveyResponse.objects.count()
    with committed():
        response = visitor.post(url, fields)
    assert response.status_code == 303
    assert SurveyResponse.objects.count() == before + 1
    # Claimed straight after loading, the same answer is too fast.
    fields["form_token"] = Client().get(form["data-token-url"] + "&shown=0").json()["token"]
    assert Client().post(url, fields).status_code == 400


def test_editors_get_pages_rendered_for_them_and_never_kept(sample_site, login, staff):
    url = sample_site["campaigns"]["know-the-signs"]["ar"].url
    editor = login(staff["editor"])
    for _ in range(2):
        response = editor.get(url)
        assert HIT not in response
        assert 'id="wagtail-userbar"' in response.content.decode() or "w-userbar" in response.content.decode()
    visitor = Client().get(url)
    assert visitor[HIT] == "miss"  # the editor's pages were not kept
    assert "userbar" not in visitor.content.decode()


@pytest.mark.parametrize("query", ["?q=drugs", "?topic=road-safety", "?utm_source=whatsapp"])
def test_pages_with_a_query_are_rendered_every_time(sample_site, query):
    url = sample_site["campaign_index"]["en"].url + query
    assert HIT not in Client().get(url)
    assert HIT not in Client().get(url)


def test_a_visitor_who_sent_a_form_sees_their_confirmation_not_a_kept_page(
    sample_site, open_form, valid_application, committed
):
    url = sample_site["volunteer_pages"]["en"].url
    visitor = Client()
    form = open_form(visitor, url)
    with committed():
        sent = visitor.post(url, valid_application(form, phone=new_phone()))
    confirmation = visitor.get(sent["Location"])
    assert HIT not in confirmation and confirmation.context is not None
    assert soup(confirmation).select_one(".confirmation-panel")
    # Which record to confirm is kept in a signed cookie that ends with the browser, not in
    # a session: they have none, and the page without ?sent= is everyone's, from the cache.
    cookie = visitor.cookies["sharaka_sent"]
    assert cookie["expires"] == "" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "sessionid" not in visitor.cookies
    assert visitor.get(url)[HIT] in ("hit", "miss")
    assert soup(visitor.get(url)).select_one(".confirmation-panel") is None
    # However the address is written, a confirmation is never kept by a proxy either.
    block = sent["Location"].split("sent=", 1)[1]
    for query in (f"?sent={block}", f"?sent={block}&sent=", f"?sent=&sent={block}"):
        again = visitor.get(url + query)
        assert soup(again).select_one(".confirmation-panel"), query
        assert "no-store" in again["Cache-Control"] and "private" in again["Cache-Control"], query
        assert "cookie" in again["Vary"].lower(), query
    # Its cookie is signed: altered, it shows nothing and fails no page.
    visitor.cookies["sharaka_sent"] = cookie.value[:-3] + "abc"
    assert soup(visitor.get(sent["Location"])).select_one(".confirmation-panel") is None


def test_the_confirmation_cookie_is_a_host_cookie_where_cookies_are_secure(
    sample_site, open_form, valid_application, settings
):
    settings.SESSION_COOKIE_SECURE = True
    url = sample_site["volunteer_pages"]["en"].url
    visitor = Client()
    form = open_form(visitor, url)
    sent = visitor.post(url, valid_application(form, phone=new_phone()), secure=True)
    cookie = visitor.cookies["__Host-sharaka_sent"]
    assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"]
    assert soup(visitor.get(sent["Location"], secure=True)).select_one(".confirmation-panel")


def test_publishing_a_change_shows_at_once(sample_site, committed):
    page = sample_site["campaigns"]["know-the-signs"]["en"]
    assert Client().get(page.url)[HIT] == "miss"
    assert Client().get(page.url)[HIT] == "hit"
    with committed():
        page.title = "Know the signs, again"
        page.save_revision().publish()
    response = Client().get(page.url)
    assert response[HIT] == "miss"
    assert "Know the signs, again" in soup(response).h1.get_text()


def test_a_change_not_yet_committed_bumps_nothing(sample_site):
    before = page_cache.generation()
    page = sample_site["campaigns"]["know-the-signs"]["en"]
    page.title = "Draft title"
    page.save_revision().publish()  # the test's transaction never commits: no callbacks run
    assert page_cache.generation() == before


@pytest.mark.parametrize(
    "change",
    ["unpublish", "move", "delete", "topic", "help line", "site settings", "image", "translation"],
)
def test_every_change_shown_on_pages_ends_the_kept_pages(sample_site, committed, change):
    before = page_cache.generation()
    with committed():
        if change == "unpublish":
            sample_site["campaigns"]["know-the-signs"]["en"].unpublish()
        elif change == "move":
            story = next(iter(sample_site["stories"].values()))["ar"]
            story.move(sample_site["campaign_index"]["ar"], pos="last-child")
        elif change == "delete":
            next(iter(sample_site["stories"].values()))["en"].delete()
        elif change == "topic":
            topic = next(iter(sample_site["topics"].values()))["ar"]
            topic.name = topic.name + " ـ"
            topic.save()
        elif change == "help line":
            next(iter(sample_site["help_services"].values()))["en"].save()
        elif change == "site settings":
            from core.models import SiteSettings

            SiteSettings.objects.first().save()
        elif change == "image":
            sample_site["image"].save()
        elif change == "translation":
            from tests.factories import resync_translation

            resync_translation(sample_site["campaigns"]["know-the-signs"]["ar"])
    assert page_cache.generation() != before, change


def test_residents_forms_and_drafts_end_no_kept_page(sample_site, open_form, valid_application, committed):
    """A busy day of applications must not empty the cache each time."""
    url = sample_site["volunteer_pages"]["en"].url
    before = page_cache.generation()
    with committed():
        visitor = Client()
        form = open_form(visitor, url)
        assert visitor.post(url, valid_application(form, phone=new_phone())).status_code == 303
    assert page_cache.generation() == before
    assert page_cache.is_content(type(sample_site["campaigns"]["know-the-signs"]["en"]))
    assert not page_cache.is_content(VolunteerApplication)
    assert not page_cache.is_content(SurveyResponse)


def test_a_campaigns_state_by_date_is_right_the_next_day(sample_site):
    url = sample_site["campaign_index"]["en"].url
    assert Client().get(url)[HIT] == "miss"
    assert Client().get(url)[HIT] == "hit"
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert Client().get(url)[HIT] == "miss"


class PageCacheDown(LocMemCache):
    """The cache with Redis gone for the page cache's keys (Wagtail's own use of the cache
    when Redis is down is the operations issue's, issue 13)."""

    def _fail(self, key):
        if str(key).startswith("page-cache:"):
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    def get(self, key, *args, **kwargs):
        self._fail(key)
        return super().get(key, *args, **kwargs)

    def set(self, key, *args, **kwargs):
        self._fail(key)
        return super().set(key, *args, **kwargs)

    def add(self, key, *args, **kwargs):
        self._fail(key)
        return super().add(key, *args, **kwargs)

    def incr(self, key, *args, **kwargs):
        self._fail(key)
        return super().incr(key, *args, **kwargs)


def test_pages_are_rendered_and_changes_saved_when_the_cache_is_down(sample_site, monkeypatch, committed, caplog):
    broken = PageCacheDown("page-cache-down", {})
    monkeypatch.setattr(page_cache, "cache", broken)
    response = Client().get(sample_site["home"]["ar"].url)
    assert response.status_code == 200
    assert HIT not in response
    with committed():
        sample_site["image"].save()  # the bump fails, and is only logged
    assert "could not bump the page cache" in caplog.text


def test_generation_survives_a_lost_key(sample_site):
    first = page_cache.generation()
    cache.delete(page_cache.GENERATION_KEY)
    page_cache.bump()
    assert page_cache.generation() != first
    assert re.fullmatch(r"\d+", str(page_cache.generation()))


def test_a_deploy_ends_the_kept_pages(sample_site):
    """Every deploy runs migrate: pages kept with the old templates are not served after it."""
    from django.core.management import call_command

    url = sample_site["campaigns"]["know-the-signs"]["en"].url
    Client().get(url)
    assert Client().get(url)[HIT] == "hit"
    call_command("migrate", verbosity=0)
    assert Client().get(url)[HIT] == "miss"


def test_drafts_autosaves_locks_and_comments_keep_the_kept_pages(sample_site, committed, staff):
    """Editors save drafts all day (and Wagtail autosaves): only what visitors see ends pages."""
    from wagtail.models import Comment

    page = sample_site["campaigns"]["know-the-signs"]["en"]
    before = page_cache.generation()
    with committed():
        page.title = "A draft nobody sees yet"
        page.save_revision(user=staff["editor"])
        page.locked, page.locked_by = True, staff["editor"]
        page.save(update_fields=["locked", "locked_by", "locked_at"])
        Comment.objects.create(page=page, user=staff["editor"], text="Check the figure", contentpath="title")
    assert page_cache.generation() == before
    assert not page_cache.is_content(Comment)


def test_http_and_https_and_each_release_keep_their_own_pages(sample_site, settings):
    """A page rendered over http names http addresses (the sitemap line, og:image)."""
    url = sample_site["home"]["en"].url
    assert Client().get(url)[HIT] == "miss"
    assert Client().get(url, secure=True)[HIT] == "miss"
    assert Client().get(url, secure=True)[HIT] == "hit"
    page_cache.release.cache_clear()
    try:
        settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "tests.test_page_cache.NextRelease"}}
        from django.contrib.staticfiles.storage import staticfiles_storage

        staticfiles_storage._setup()
        assert page_cache.release() == "next-release"
        assert Client().get(url)[HIT] == "miss"
    finally:
        page_cache.release.cache_clear()


class NextRelease:
    manifest_hash = "next-release"

    def url(self, name):
        return f"/static/{name}"


def test_kept_pages_are_sent_gzipped_to_browsers_that_accept_it(sample_site):
    import gzip

    url = sample_site["home"]["ar"].url
    compressed = [Client().get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br") for _ in range(2)]
    assert [response[HIT] for response in compressed] == ["miss", "hit"]
    plain = Client().get(url)
    assert plain[HIT] == "hit" and "Content-Encoding" not in plain
    for response in compressed:
        assert response["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.content) == plain.content
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content) / 3
        assert "Accept-Encoding" in response["Vary"]
    assert "Accept-Encoding" in plain["Vary"]  # a proxy keeps both


def test_only_our_proxy_can_ask_for_a_page_rendered_anew(sample_site, settings):
    """Varnish asks for a fresh render (X-Page-Cache-Refresh) after a ban; anyone else asking
    is served the kept page, or every request could be made a full render."""
    url = sample_site["home"]["en"].url
    Client().get(url)
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert Client().get(url, HTTP_X_PAGE_CACHE_REFRESH="1")[HIT] == "hit"
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]  # the test client's address: Varnish here
    refreshed = Client().get(url, HTTP_X_PAGE_CACHE_REFRESH="1")
    assert refreshed[HIT] == "miss"
    assert Client().get(url)[HIT] == "hit"  # and kept again
