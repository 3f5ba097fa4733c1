"""Home pages in Chromium: direction, stylesheets, the language switcher, accessibility."""

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize(
    ("language", "direction", "stylesheet"),
    [("ar", "rtl", "site.rtl.bundle.css"), ("en", "ltr", "site.ltr.bundle.css")],
)
def test_home_page_has_language_direction_and_matching_bootstrap(
    page, base_url, axe, screenshot, language, direction, stylesheet
):
    page.goto(f"{base_url}/{language}/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", direction)
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    sheets = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => l.href)")
    assert len(sheets) == 1 and sheets[0].endswith(stylesheet)
    assert page.evaluate("document.fonts.check('16px \"IBM Plex Sans Arabic\"')")
    expect(page.locator(".impact-figure__value").first).to_have_text("42,073")
    assert axe(page) == []
    screenshot(page, f"home-{language}")


def test_every_script_stylesheet_and_font_is_served_by_the_site(page, base_url):
    for path in ("/ar/", "/en/"):
        page.goto(base_url + path)
        sources = page.eval_on_selector_all(
            "script[src], link[rel=stylesheet], link[rel=icon], img[src]", "els => els.map(e => e.src || e.href)"
        )
        assert sources
        assert all(source.startswith(base_url + "/") for source in sources), sources
    # The fixture also fails the test if any request (fonts included) left for another host.


def test_switcher_on_arabic_page_leads_to_the_english_translation_and_back(page, base_url):
    page.goto(f"{base_url}/ar/")
    page.get_by_role("link", name="العربيّة").count()  # the current language is not a link
    page.locator(".site-nav a").first.click()  # the campaigns index, in Arabic
    arabic_url = page.url
    link = page.locator('.language-switcher a[hreflang="en"]')
    expect(link).to_have_attribute("lang", "en")
    link.click()
    expect(page).to_have_url(re.compile(r"/en/campaigns/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator('.language-switcher a[hreflang="ar"]').click()
    assert page.url == arabic_url


def test_root_redirects_by_accept_language_and_remembers_the_choice(browser, base_url):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{base_url}/")
    expect(page).to_have_url(f"{base_url}/en/")
    page.locator('.language-switcher a[hreflang="ar"]').click()
    expect(page).to_have_url(f"{base_url}/ar/")
    page.goto(f"{base_url}/")  # the switcher's choice beats Accept-Language
    expect(page).to_have_url(f"{base_url}/ar/")
    context.close()


def test_skip_link_is_first_and_moves_focus_to_main(page, base_url):
    page.goto(f"{base_url}/ar/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
