"""Staff sign-in in Chromium (issue 11): a coordinator sets up an authenticator app at
first sign-in and signs in with it later; wrong passwords pause sign-in, in Arabic."""

import base64
import time
from urllib.parse import urljoin

import pytest
from django_otp.oath import TOTP

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def app_code(key, steps_ahead=0):
    """What an authenticator app shows for ``key`` (the base32 key on the set-up page)."""
    totp = TOTP(base64.b32decode(key.replace(" ", "")))
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def sign_in(page, base_url, username, password=PASSWORD):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def test_a_coordinator_sets_up_the_app_then_signs_in_with_it(page, base_url, axe):
    sign_in(page, base_url, "newcoord")
    assert "/admin/two-factor/set-up/" in page.url
    assert page.locator(".qr-code-frame svg").first.is_visible()
    assert axe(page) == []
    key = page.locator("code.two-factor-key").inner_text()
    page.fill("#id_code", app_code(key))
    page.click("main button[type=submit]")
    page.wait_for_url("**/admin/two-factor/recovery-codes/**")
    assert page.locator(".recovery-codes code").count() == 10
    page.click("main a.button")
    page.wait_for_url(f"{base_url}/admin/")

    page.goto(f"{base_url}/admin/volunteer_application/")
    assert page.url == f"{base_url}/admin/volunteer_application/"
    page.context.clear_cookies()

    sign_in(page, base_url, "newcoord")
    assert "/admin/two-factor/verify/" in page.url
    # The code of the next period: the one just used may not be used again.
    page.fill("#id_code", app_code(key, steps_ahead=1))
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


def test_wrong_passwords_pause_sign_in_and_say_so_in_arabic(arabic_context, base_url):
    page = arabic_context.new_page()
    for _ in range(5):
        sign_in(page, base_url, "lockedcoord", password="not-the-password-1")
    assert page.locator("h1").inner_text() == "تسجيل الدخول متوقف مؤقتاً"
    assert page.locator("html").get_attribute("dir") == "rtl"
    sign_in(page, base_url, "lockedcoord")
    assert page.locator("h1").inner_text() == "تسجيل الدخول متوقف مؤقتاً"
    assert "/admin/login/" in page.url


def test_the_admin_and_the_userbar_work_under_the_content_security_policy(page, base_url):
    """An editor opens a campaign from the userbar of its public page and opens the preview
    panel; the page fixture fails on any CSP violation reported in the console."""
    from .conftest import admin_login

    admin_login(page, base_url, "editor")
    page.goto(f"{base_url}/en/campaigns/know-the-signs/")
    page.locator("nav.language-switcher a[lang='ar']").click()
    page.wait_for_load_state()
    edit = page.locator("wagtail-userbar a[href$='/edit/']").first.get_attribute("href")
    page.goto(urljoin(base_url, edit))
    assert page.locator("#id_title").input_value()
    page.locator("button[data-side-panel-toggle='preview']").click()
    page.frame_locator("iframe#w-preview-iframe").locator("h1").wait_for()


def test_an_idle_editor_is_warned_and_loses_nothing_when_the_session_ends(page, base_url):
    """The server side is in tests/test_session_expiry.py; here the page's side, with the
    keep-alive's answers stood in for and the page's clock run forward."""
    from .conftest import admin_login

    admin_login(page, base_url, "editor")
    answers = {"state": {"signed_in": True, "seconds_left": 1700, "csrf_token": "first-token"}}

    def keep_alive(route):
        state = answers["state"]
        route.fulfill(status=200 if state else 401, json=state or {"signed_in": False})

    page.clock.install()
    page.route("**/admin/keep-alive/", keep_alive)
    page.goto(f"{base_url}/admin/account/")  # a page of forms, like an editor's
    page.clock.run_for(31_000)
    assert not page.locator(".sharaka-session-dialog[open]").count()

    answers["state"] = {"signed_in": True, "seconds_left": 90, "csrf_token": "first-token"}
    page.clock.run_for(31_000)
    dialog = page.locator(".sharaka-session-dialog[open]")
    dialog.wait_for()
    assert "90" in dialog.locator("[data-seconds]").inner_text()

    answers["state"] = None  # the session ended
    page.clock.run_for(31_000)
    dialog.locator("[data-state='ended']").wait_for()
    assert dialog.locator("a[data-action='sign-in']").get_attribute("target") == "_blank"

    answers["state"] = {"signed_in": True, "seconds_left": 1800, "csrf_token": "new-token"}
    page.clock.run_for(31_000)
    dialog.locator("[data-state='back']").wait_for()
    tokens = page.eval_on_selector_all("input[name='csrfmiddlewaretoken']", "inputs => inputs.map(i => i.value)")
    assert tokens and set(tokens) == {"new-token"}
