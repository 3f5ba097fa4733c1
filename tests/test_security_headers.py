"""Headers on every kind of response (issue 11, item 3): a strict CSP on public pages, the
same for every visitor; the admin's own policy; Permissions-Policy, CORP, nosniff,
Referrer-Policy, COOP; and public pages free of inline script and style."""

import pytest
from django.test import Client

from tests.conftest import soup

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube-nocookie.com"
KEYWORDS = {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}


def policy(response, header="Content-Security-Policy"):
    directives = {}
    for part in response[header].split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def check_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    permissions = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert permissions[feature] == "()", feature


def check_public_policy(response):
    csp = policy(response)
    assert csp["default-src"] == {"'none'"}
    assert csp["script-src"] == csp["style-src"] == csp["font-src"] == {"'self'"}
    assert csp["img-src"] == {"'self'", "data:"}  # Bootstrap draws form controls with data: SVGs
    assert csp["object-src"] == csp["base-uri"] == {"'none'"}
    assert csp["frame-ancestors"] == {"'self'"}  # Wagtail's preview panel renders pages inside the admin
    assert csp["form-action"] == csp["connect-src"] == {"'self'"}
    assert csp["frame-src"] == {YOUTUBE}  # a video block's player, loaded when the reader presses play
    assert not any("nonce" in value or "unsafe" in value for values in csp.values() for value in values)
    check_common_headers(response)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_public_pages_form_pages_and_errors_carry_the_strict_policy(client, language, volunteer_pages):
    for url in (f"/{language}/", volunteer_pages[language].url, f"/{language}/no-such-page/"):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        check_public_policy(response)


def test_the_public_policy_is_the_same_for_every_visitor(volunteer_pages):
    url = volunteer_pages["ar"].url
    first, second = Client().get(url), Client().get(url)
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_public_pages_hold_no_inline_script_or_style(client, language, volunteer_pages, survey_pages):
    for url in (f"/{language}/", volunteer_pages[language].url, survey_pages[language].url, f"/{language}/search/"):
        page = soup(client.get(url))
        inline = [s for s in page.select("script:not([src])") if s.get("type") not in ("application/json",)]
        assert inline == [], url
        assert page.select("style, [style]") == [], url
        assert not [el for el in page.find_all(True) if any(a.startswith("on") for a in el.attrs)], url


def test_the_admin_has_its_own_policy_without_third_party_sources(login, staff):
    response = login(staff["editor"]).get("/admin/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == {"'none'"}
    assert csp["frame-ancestors"] == {"'self'"}  # Wagtail's preview panel frames our own pages
    assert csp["object-src"] == csp["base-uri"] == {"'none'"}
    # Only keywords, and the video player's host for frames (the preview panel shows videos).
    assert csp["frame-src"] == {"'self'", YOUTUBE}
    assert all(value in KEYWORDS for name, values in csp.items() if name != "frame-src" for value in values), csp
    check_common_headers(response)


def test_report_only_mode_sends_the_same_policies_without_enforcing(client, login, staff, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    public = client.get("/ar/")
    assert "Content-Security-Policy" not in public
    assert policy(public, "Content-Security-Policy-Report-Only")["default-src"] == {"'none'"}
    admin = login(staff["editor"]).get("/admin/")
    assert "Content-Security-Policy" not in admin
    assert policy(admin, "Content-Security-Policy-Report-Only")["frame-ancestors"] == {"'self'"}
