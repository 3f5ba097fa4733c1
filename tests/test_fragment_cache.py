"""Parts of public pages kept rendered, and lookups kept per generation (issue 12).

Here the page cache is off and the kept parts and lookups are on (core/fragment_cache.py,
``page_cache.remembered``): a page is rendered at each request, as on the first visit
after a change or behind a proxy that asks again. What a visitor sees must be exactly
what a render without them gives, and every change must show at once. Content changes
are committed as a real request's are (``committed``), since the generation is bumped
only after a commit.
"""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from campaigns.models import CampaignIndexPage, CampaignPage
from core import fragment_cache, page_cache
from home.models import HomePage
from tests.conftest import soup
from tests.factories import new_phone
from tests.test_page_cache import PageCacheDown, public_urls
from volunteer_signup.models import VolunteerApplication

pytestmark = [pytest.mark.django_db, pytest.mark.whole_site, pytest.mark.usefixtures("_shared_content")]


@pytest.fixture(autouse=True)
def _parts_on_page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300
    # The sample site stands for committed content: no bump is waiting for its commit
    # (lookups are not kept while one is, page_cache.remembered).
    transaction.get_connection().__dict__.pop("_sharaka_bumps", None)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def get(url):
    """A new visitor's page: its HTML and the queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def h1(html):
    return BeautifulSoup(html, "html.parser").h1.get_text()


def test_every_public_page_from_its_kept_parts_is_the_page_rendered_in_full(sample_site, settings):
    for url in public_urls(sample_site):
        settings.FRAGMENT_CACHE_SECONDS = 0
        rendered, rendered_queries = get(url)
        settings.FRAGMENT_CACHE_SECONDS = 300
        first, _ = get(url)
        kept, kept_queries = get(url)
        assert first == rendered, url
        assert kept == rendered, url
        if "/search/" not in url:  # the search page keeps only its footer
            assert kept_queries < rendered_queries, (url, kept_queries, rendered_queries)


def test_a_campaign_page_from_its_kept_parts_costs_one_query(sample_site):
    url = sample_site["campaigns"]["know-the-signs"]["ar"].url
    get(url)
    _, queries = get(url)
    assert queries == 1  # the page itself; its site, route, restrictions and parts are kept


def test_publishing_a_change_shows_at_once(sample_site, committed):
    page = sample_site["campaigns"]["know-the-signs"]["en"]
    get(page.url)
    with committed():
        page.title = "Know the signs, again"
        page.save_revision().publish()
    html, _ = get(page.url)
    assert h1(html) == "Know the signs, again"
    # The menu and the other language's links are parts of other pages: they change too.
    home, _ = get(sample_site["home"]["en"].url)
    assert "Know the signs, again" in home


def test_a_snippet_saved_shows_at_once_in_every_page(sample_site, committed):
    from core.models import SiteSettings

    url = sample_site["campaigns"]["know-the-signs"]["ar"].url
    get(url)
    with committed():
        site_settings = SiteSettings.objects.first()
        site_settings.help_line_number = "+971 800 4673"
        site_settings.save()
    html, _ = get(url)
    assert "+971 800 4673" in BeautifulSoup(html, "html.parser").select_one("footer").get_text()


def test_unpublishing_moving_and_restricting_a_page_show_at_once(sample_site, committed):
    story = next(iter(sample_site["stories"].values()))["en"]
    campaign = sample_site["campaigns"]["know-the-signs"]["en"]
    old_url = story.url
    get(old_url)
    get(campaign.url)
    with committed():
        story.move(sample_site["campaign_index"]["en"], pos="last-child")
    story.refresh_from_db()
    moved = Client().get(old_url)
    assert (moved.status_code, moved["Location"]) == (301, story.url)  # Wagtail's redirect
    get(story.url)
    with committed():
        PageViewRestriction.objects.create(page=campaign, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get(campaign.url)
    assert response.status_code == 302  # to sign in
    assert "next=" in response["Location"]
    with committed():
        PageViewRestriction.objects.filter(page=campaign).delete()
        campaign.unpublish()
    assert Client().get(campaign.url).status_code == 404


def test_a_campaigns_state_by_date_is_right_the_next_day(sample_site, committed):
    page = sample_site["campaigns"]["know-the-signs"]["en"]
    with committed():
        page.end_date = timezone.localdate()
        page.save_revision().publish()
    assert "Running now" in BeautifulSoup(get(page.url)[0], "html.parser").select_one(".page-meta").get_text()
    get(page.url)  # kept
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        html, _ = get(page.url)
    assert "Ended" in BeautifulSoup(html, "html.parser").select_one(".page-meta").get_text()


def test_a_visitors_form_state_is_never_kept_or_read_from_the_parts(
    sample_site, open_form, valid_application, committed
):
    url = sample_site["volunteer_pages"]["en"].url
    clean, _ = get(url)
    get(url)  # kept
    visitor = Client()
    form = open_form(visitor, url)
    refused = visitor.post(url, valid_application(form, full_name="", phone=new_phone()))
    assert refused.status_code == 400
    assert soup(refused).select_one(".error-summary")  # their errors, not the kept page
    with committed():
        sent = visitor.post(url, valid_application(form, phone=new_phone()))
    assert sent.status_code == 303
    confirmation = visitor.get(sent["Location"])
    assert confirmation.status_code == 200
    reference = soup(confirmation).select_one(".reference-code").get_text(strip=True)
    assert VolunteerApplication.objects.filter(reference=reference).exists()  # their own
    again, _ = get(url)
    assert again == clean  # and the next visitor gets the empty form


def test_editors_never_get_kept_parts(sample_site, login, staff):
    page = sample_site["campaigns"]["know-the-signs"]["en"]
    get(page.url)
    get(page.url)  # kept
    page.title = "Published in a transaction never committed"
    page.save_revision().publish()  # no bump: anonymous visitors still get the kept parts
    assert h1(get(page.url)[0]) != page.title
    editor = login(staff["editor"])
    assert soup(editor.get(page.url)).h1.get_text() == page.title  # rendered for the editor


def test_a_part_for_a_page_is_kept_only_for_the_page_the_request_serves(sample_site):
    """Not for a view that puts a page in its context (a resident's private answer page
    links to the questions page), nor in a preview."""
    page = sample_site["questions_pages"]["en"]
    request = RequestFactory().get("/en/your-answer/some-token/")
    assert fragment_cache.part_key({"request": request, "page": page}, "content", page, for_page=True) is None
    assert fragment_cache.part_key({"request": request}, "footer") is not None
    served = RequestFactory().get(page.url)
    served._wagtail_route_for_request = (page, [], {})
    assert fragment_cache.part_key({"request": served}, "content", page, for_page=True) is not None
    served.is_preview = True
    assert fragment_cache.part_key({"request": served}, "content", page, for_page=True) is None


def test_pages_are_rendered_when_the_cache_is_down(sample_site, monkeypatch, committed):
    broken = PageCacheDown("page-cache-down", {})
    monkeypatch.setattr(page_cache, "cache", broken)
    monkeypatch.setattr(fragment_cache, "cache", broken)
    page = sample_site["campaigns"]["know-the-signs"]["en"]
    html, _ = get(page.url)
    assert h1(html) == page.title
    with committed():
        page.title = "Changed while the cache was down"
        page.save_revision().publish()
    assert h1(get(page.url)[0]) == "Changed while the cache was down"


def test_a_publish_committed_while_a_page_renders_is_shown_to_the_next_visitor(sample_site, committed, monkeypatch):
    """A request routed before another's publish commits, and rendered after it, keeps
    its parts under the generation it started with, never as the new generation's."""
    page = sample_site["campaigns"]["know-the-signs"]["en"]
    original = CampaignPage.get_context
    raced = []

    def get_context(self, request, *args, **kwargs):
        if not raced:  # another thread's publish, between this request's routing and rendering
            raced.append(True)
            with committed():
                other = CampaignPage.objects.get(pk=self.pk)
                other.title = "Published meanwhile"
                other.save_revision().publish()
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(CampaignPage, "get_context", get_context)
    get(page.url)  # this request shows the old title: fine, it was routed before the publish
    html, _ = get(page.url)  # a new visitor, after the publish
    assert h1(html) == "Published meanwhile"


def test_a_page_rendered_while_its_listing_failed_is_not_kept_for_everyone(sample_site, monkeypatch):
    """A lazy value first used in {% if a and b %} has its error hidden by the template (the
    condition is false); the page, rendered without its hero button, is not kept."""
    url = sample_site["home"]["en"].url
    assert 'class="btn btn-primary btn-lg"' in get(url)[0]  # the hero button
    original = HomePage._listings
    calls = []

    def flaky(self, request):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("canceling statement due to statement timeout")
        return original(self, request)

    monkeypatch.setattr(HomePage, "_listings", flaky)
    cache.clear()
    page_cache.forget_local()
    failed = Client(raise_request_exception=False).get(url)  # one transient error in this render
    assert failed.status_code == 503  # the database error page, as before the listing was lazy
    html, _ = get(url)  # the next visitor
    assert 'class="btn btn-primary btn-lg"' in html


def test_a_page_made_private_while_a_listing_renders_is_not_listed_after(sample_site, committed, monkeypatch):
    """The same, for a view restriction: the listing made with the restrictions read
    before it was added is never kept as the new generation's."""
    index = sample_site["campaign_index"]["en"]
    campaign = sample_site["campaigns"]["know-the-signs"]["en"]
    assert f'href="{campaign.url}"' in get(index.url)[0]
    original = CampaignIndexPage.get_context
    raced = []

    def get_context(self, request, *args, **kwargs):
        if not raced:  # an editor restricts the campaign while this request renders
            raced.append(True)
            with committed():
                PageViewRestriction.objects.create(page=campaign, restriction_type=PageViewRestriction.LOGIN)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(CampaignIndexPage, "get_context", get_context)
    with committed():
        index.save_revision().publish()  # a new generation: the listing is rendered again
    get(index.url)
    html, _ = get(index.url)  # a new visitor, after the restriction
    assert f'href="{campaign.url}"' not in html


def test_parts_of_a_response_not_for_everyone_are_not_kept(sample_site):
    """A 404 renders the footer part; the response is not one to keep, so neither is it."""
    assert Client().get("/en/no-such-page/").status_code == 404
    assert not fragment_cache.recent_parts.entries
    get(sample_site["campaigns"]["know-the-signs"]["en"].url)
    assert fragment_cache.recent_parts.entries  # a page for everyone keeps its parts
