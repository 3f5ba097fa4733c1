"""Staff sessions end after a spell without activity and at a maximum age (issue 11, item 2).

Activity is what the person does; the requests an open page makes by itself (Wagtail's
editing-session pings, the keep-alive's GET) do not keep a session open. The admin
script's side, warning and signing in again without losing the page, is in
tests/browser/test_sign_in_browser.py.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db

KEEP_ALIVE = "/admin/keep-alive/"


@pytest.fixture
def editor_client(login, staff):
    """A browser: its page requests say they want HTML."""
    return login(staff["editor"], HTTP_ACCEPT="text/html,application/xhtml+xml")


def later(minutes):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


def test_a_session_ends_after_the_idle_time_and_says_so(editor_client, settings):
    settings.STAFF_IDLE_MINUTES = 30
    assert editor_client.get("/admin/").status_code == 200
    with later(31):
        response = editor_client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"] == "/admin/login/?next=%2Fadmin%2Fpages%2F"
        login_page = editor_client.get(response["Location"])
        assert "signed out after a while without activity" in login_page.content.decode()
        assert editor_client.get("/admin/").status_code == 302


def test_opening_pages_is_activity(editor_client, settings):
    settings.STAFF_IDLE_MINUTES = 30
    for minutes in (20, 40, 60):
        with later(minutes):
            assert editor_client.get("/admin/").status_code == 200


def test_an_open_pages_own_requests_are_not_activity(editor_client, settings):
    settings.STAFF_IDLE_MINUTES = 30
    editor_client.get("/admin/")
    for minutes in (10, 20):
        with later(minutes):
            editor_client.get(KEEP_ALIVE)
            editor_client.post("/admin/editing-sessions/ping/wagtailcore/page/3/1/")
    with later(31):
        assert editor_client.get(KEEP_ALIVE).status_code == 401
        assert editor_client.get("/admin/").status_code == 302


def test_typing_reported_by_the_page_is_activity(editor_client, settings):
    settings.STAFF_IDLE_MINUTES = 30
    editor_client.get("/admin/")
    token = editor_client.get(KEEP_ALIVE).json()["csrf_token"]
    with later(20):
        assert editor_client.post(KEEP_ALIVE, HTTP_X_CSRFTOKEN=token).status_code == 200
    with later(45):
        state = editor_client.get(KEEP_ALIVE).json()
        assert state["signed_in"] and 0 < state["seconds_left"] <= 5 * 60
        assert editor_client.get("/admin/").status_code == 200


def test_a_session_ends_at_its_maximum_age_whatever_the_activity(editor_client, settings):
    settings.STAFF_IDLE_MINUTES = 30
    settings.STAFF_SESSION_MAX_HOURS = 2
    for minutes in range(20, 120, 20):
        with later(minutes):
            assert editor_client.get("/admin/").status_code == 200
    with later(121):
        assert editor_client.get("/admin/").status_code == 302


def test_the_keep_alive_answers_with_the_time_left_and_a_csrf_token(editor_client, settings):
    settings.STAFF_IDLE_MINUTES = 30
    state = editor_client.get(KEEP_ALIVE).json()
    assert state["signed_in"] is True
    assert 29 * 60 < state["seconds_left"] <= 30 * 60
    assert len(state["csrf_token"]) >= 32


def test_signed_out_visitors_get_401_from_the_keep_alive(client):
    assert client.get(KEEP_ALIVE).status_code == 401


def test_every_admin_page_carries_the_warning_in_the_staff_members_language(login, coordinator):
    from django.utils import translation
    from django.utils.translation import gettext

    from tests.conftest import soup

    page = soup(login(coordinator).get("/admin/"))
    template = page.select_one("template#sharaka-session-expiry")
    assert template["data-keep-alive-url"] == KEEP_ALIVE
    with translation.override(coordinator.wagtail_userprofile.preferred_language):
        assert gettext("Are you still there?") in str(template)
    assert page.select_one('script[src$="js/admin/session-expiry.js"]')


def test_a_form_sent_after_the_end_says_how_to_keep_what_was_typed(editor_client, settings, staff):
    settings.STAFF_IDLE_MINUTES = 30
    editor_client.get("/admin/")
    with later(31):
        response = editor_client.post(
            "/admin/account/", {"anything": "typed"}, HTTP_REFERER="http://testserver/admin/account/"
        )
        assert response.status_code == 302
        assert response["Location"] == "/admin/login/?next=%2Fadmin%2Faccount%2F"
        text = editor_client.get(response["Location"]).content.decode()
        assert "Go back to the previous page to keep what you typed" in text


def test_a_script_after_the_end_gets_401_not_a_page(editor_client, settings):
    settings.STAFF_IDLE_MINUTES = 30
    editor_client.get("/admin/")
    with later(31):
        response = editor_client.post(
            "/admin/pages/3/edit/", HTTP_ACCEPT="application/json", HTTP_SEC_FETCH_MODE="cors"
        )
        assert response.status_code == 401 and response.json() == {"signed_in": False}


def test_the_maximum_age_has_its_own_message(editor_client, settings):
    settings.STAFF_IDLE_MINUTES = 600
    settings.STAFF_SESSION_MAX_HOURS = 2
    with later(121):
        response = editor_client.get("/admin/")
        assert "staff sessions last at most 2 hours" in editor_client.get(response["Location"]).content.decode()
