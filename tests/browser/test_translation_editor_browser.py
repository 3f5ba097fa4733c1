"""wagtail-localize's translation editor in Chromium, as an editor in the English admin.

The editor writes an English page, has it translated into Arabic, types the Arabic
title right to left (wagtail-localize#197), and finds "Submit for moderation" as the
footer's main button, where Delete used to be (issue 9, items 3 and 17).
"""

import re

from playwright.sync_api import expect

from .conftest import admin_login

DIRECTION = "e => [e.lang, e.dir, getComputedStyle(e).direction]"


def test_editor_translates_into_arabic_right_to_left_and_submits_for_moderation(page, base_url):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    admin_login(page, base_url, "editor")
    page.goto(f"{base_url}/admin/account/")
    page.select_option("select[name='locale-preferred_language']", "en")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # An English page, saved as a draft (editors may not publish).
    pages = page.request.get(f"{base_url}/admin/api/main/pages/?locale=en&type=home.HomePage").json()["items"]
    english_home = next(item["id"] for item in pages if item["meta"]["type"] == "home.HomePage")
    page.goto(f"{base_url}/admin/pages/add/campaigns/standardpage/{english_home}/")
    page.fill("#id_title", "Road safety week")
    page.fill("#id_summary", "A week of events for safer streets.")
    page.get_by_role("tab", name="Promote").click()
    page.fill("#id_slug", "road-safety-week")
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))

    # Translated into Arabic: wagtail-localize opens the translation editor.
    english_id = re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1)
    page.goto(f"{base_url}/admin/localize/submit/page/{english_id}/")
    page.get_by_label("Arabic").check()
    page.locator("main form input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    assert re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1) != english_id
    expect(page.locator(".js-translation-editor section h3").first).to_have_text("Translation from English into Arabic")

    # The English source reads left to right; the Arabic is typed right to left.
    source = page.locator(".js-translation-editor li > p + div").first.locator("xpath=preceding-sibling::p[1]")
    assert source.evaluate(DIRECTION) == ["en", "ltr", "ltr"]
    page.locator(".js-translation-editor li > p + div + ul button").first.click()
    box = page.locator(".js-translation-editor li > p + div textarea").first
    expect(box).to_be_visible()
    assert box.evaluate(DIRECTION) == ["ar", "rtl", "rtl"]
    box.fill("أسبوع السلامة على الطرق")
    box.press("Enter")
    shown = page.locator(".js-translation-editor li > p + div > p", has_text="أسبوع السلامة على الطرق")
    expect(shown).to_be_visible()
    assert shown.evaluate(DIRECTION) == ["", "", "rtl"]  # inherits from its marked container

    # The footer's main button submits for moderation; Delete is in the menu, not the main button.
    menu = page.locator(".js-translation-editor footer nav .w-dropdown-button").first
    main_button = menu.locator(":scope > :visible").first
    expect(main_button).to_have_attribute("data-sharaka-action", "submit")
    expect(main_button).to_have_text(re.compile("Submit for moderation"))
    expect(menu.locator(":scope > a", has_text="Delete")).to_be_hidden()
    menu.locator("[data-w-dropdown-target=toggle]").click()
    expect(menu.locator("[data-w-dropdown-target=content] a", has_text="Delete")).to_be_visible()
    page.keyboard.press("Escape")

    main_button.click()
    expect(page.locator(".messages")).to_contain_text("has been submitted for moderation")
    assert "أسبوع السلامة على الطرق" in page.locator(".messages").inner_text()
    assert errors == []
