"""Reading campaigns and stories in Chromium, in both languages, with axe on every page type."""

import re

import pytest
from playwright.sync_api import expect

PAGE_TYPES = {
    "en": [
        "/en/campaigns/",
        "/en/campaigns/know-the-signs/",
        "/en/campaigns/where-to-get-help/",
        "/en/success-stories/",
        "/en/success-stories/half-a-year-of-giving/",
        "/en/about/",
        "/en/search/?q=drugs",
    ],
}


def arabic_url(page, base_url, english_path):
    """Follow the switcher from an English page to its Arabic translation."""
    page.goto(base_url + english_path)
    return page.locator('.language-switcher a[hreflang="ar"]').get_attribute("href")


@pytest.mark.parametrize("path", PAGE_TYPES["en"])
def test_page_types_have_no_axe_violations_in_both_languages(page, base_url, axe, path):
    page.goto(base_url + path)
    assert axe(page) == [], path
    arabic = arabic_url(page, base_url, path)
    if "search" in path:
        arabic = "/ar/search/?q=%D8%A7%D9%84%D9%85%D8%AE%D8%AF%D8%B1%D8%A7%D8%AA"
    page.goto(base_url + arabic)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert axe(page) == [], arabic


def test_reading_a_campaign_in_arabic_then_switching_to_its_english_translation(page, base_url, screenshot):
    arabic = arabic_url(page, base_url, "/en/campaigns/know-the-signs/")
    page.goto(base_url + arabic)
    expect(page.locator("h1")).to_contain_text("اعرف العلامات")
    crisis = page.locator(".help-line--crisis").first
    call = crisis.locator("a.phone-button").first
    assert call.get_attribute("href").startswith("tel:")
    expect(call.locator("span[dir=ltr]")).to_have_count(1)
    screenshot(page, "campaign-ar")
    page.locator('.language-switcher a[hreflang="en"]').click()
    expect(page).to_have_url(re.compile(r"/en/campaigns/know-the-signs/$"))
    expect(page.locator("h1")).to_contain_text("Know the signs")


def test_help_lines_list_crisis_lines_first_with_tap_to_call_links(page, base_url):
    page.goto(f"{base_url}/en/campaigns/where-to-get-help/")
    lines = page.locator(".help-line")
    crisis_flags = [("help-line--crisis" in (lines.nth(i).get_attribute("class") or "")) for i in range(lines.count())]
    assert crisis_flags[:2] == [True, True] and not any(crisis_flags[2:])
    hrefs = page.eval_on_selector_all(".help-line a.phone-button", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(re.fullmatch(r"tel:\+?\d+", href) for href in hrefs)


def test_faq_opens_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/en/campaigns/talk-with-your-child/")
    question = page.locator("details.faq-item").first
    expect(question).not_to_have_attribute("open", "")
    question.locator("summary").click()
    expect(question).to_have_attribute("open", "")
    context.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_filtering_campaigns_by_topic(page, base_url, language):
    page.goto(f"{base_url}/{language}/")
    page.locator(".site-nav a").first.click()
    page.select_option("#filter-topic", "road-safety")
    page.locator(".filter-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"\?topic=road-safety"))
    cards = page.locator("section[aria-labelledby=all-heading] .content-card")
    expect(cards).to_have_count(1)
    page.select_option("#filter-topic", "drug-prevention")
    page.locator(".filter-form button[type=submit]").click()
    expect(cards).to_have_count(3)


def test_no_horizontal_scrolling_on_a_phone(page, base_url):
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/ar/", "/en/campaigns/know-the-signs/", "/en/campaigns/volunteer-programme/"):
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
