"""The page editor works in Chromium under the admin's CSP, which forbids inline scripts.

Wagtail 8 starts date pickers, choosers and inline panels with inline scripts; here
they are started by static/js/admin/start-widgets.js (core/admin_scripts.py). An
editor, in the Arabic admin and in the English one, opens a campaign, opens the date
picker (started while the page is parsed), adds a topic with "Add topic" (which
works only if the inline panel was started) and picks the topic in the chooser of
that new form (started when the inline panel inserts it). The ``page`` fixture
fails the test on any CSP violation; script errors fail it here.
"""

import pytest
from playwright.sync_api import expect

from .conftest import admin_login

LANGUAGE_SELECT = "select[name='locale-preferred_language']"


def set_admin_language(page, base_url, language):
    page.goto(f"{base_url}/admin/account/")
    page.select_option(LANGUAGE_SELECT, language)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def first_campaign_id(page, base_url):
    """An Arabic campaign page's id, from the admin API (20 pages at a time)."""
    for offset in range(0, 200, 20):
        items = page.request.get(f"{base_url}/admin/api/main/pages/?locale=ar&offset={offset}").json()["items"]
        for item in items:
            if item["meta"]["type"] == "campaigns.CampaignPage":
                return item["id"]
    raise AssertionError("the demo has no campaign page")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_editor_uses_the_date_picker_inline_panel_and_choosers_under_the_policy(page, base_url, language):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    admin_login(page, base_url, "editor")
    set_admin_language(page, base_url, language)
    policy = page.request.get(f"{base_url}/admin/").headers["content-security-policy"]
    directives = {part.strip().split(" ", 1)[0]: part.strip() for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == "script-src 'self'"

    page.goto(f"{base_url}/admin/pages/{first_campaign_id(page, base_url)}/edit/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")

    # The details tab: the date picker, then a new topic form and its chooser.
    page.get_by_role("tab").nth(1).click()  # the details tab: dates and topics
    page.locator("#id_start_date").click()
    expect(page.locator(".xdsoft_datetimepicker").locator("visible=true")).to_have_count(1)
    page.keyboard.press("Escape")

    forms = page.locator("#id_topics-FORMS > *")
    before = forms.count()
    page.locator("#id_topics-ADD").click()
    expect(forms).to_have_count(before + 1)
    new_form = forms.nth(before)
    new_form.locator("[data-chooser-action-choose]").click()
    modal = page.locator(".modal.fade.in, .modal.show").first
    expect(modal).to_be_visible()
    modal.locator("a[data-chooser-modal-choice]").first.click()
    expect(modal).to_be_hidden()
    expect(new_form.locator("[data-chooser-title]")).not_to_be_empty()

    assert errors == []
