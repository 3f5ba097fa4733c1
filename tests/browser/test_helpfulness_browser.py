""" "Was this page helpful?" on a 360 px phone, in Arabic and English: without JavaScript a
"no" is confirmed once, then says what was missing (a phone number typed anyway is masked
when saved); with JavaScript, on the page served from the cache, a "yes" is counted at
once. axe finds nothing on the page or the thanks page."""

import pytest
from playwright.sync_api import expect

from .conftest import manage
from .test_applicant_browser import PHONE, axe_as_this_visitor

CAMPAIGN_EN = "/en/campaigns/know-the-signs/"
WORDS = {
    "ar": {"no": "لا", "yes": "نعم", "send": "إرسال إجابتي", "comment": "إرسال تعليقي", "done": "وصلنا تعليقكم"},
    "en": {
        "no": "No",
        "yes": "Yes",
        "send": "Send my answer",
        "comment": "Send my comment",
        "done": "We have your comment",
    },
}
COUNT = """
from feedback.models import HelpfulVote, PageComment
print(HelpfulVote.objects.filter(page_id={page_id}, helpful={helpful}).count())
print(PageComment.objects.order_by("-pk").values_list("comment", flat=True).first())
"""


def campaign_url(page, base_url, language):
    if language == "en":
        return base_url + CAMPAIGN_EN
    page.goto(base_url + CAMPAIGN_EN)
    return base_url + page.locator('.language-switcher a[hreflang="ar"]').get_attribute("href")


def counted(site_server, page, helpful):
    """Answers counted for the page open in ``page``, and the latest comment saved."""
    page_id = page.locator("section.page-helpful input[name=page]").get_attribute("value")
    output = manage(site_server, "shell", "-c", COUNT.format(page_id=int(page_id), helpful=helpful)).stdout
    lines = output.splitlines()
    return int(lines[-2]), lines[-1]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_resident_says_no_and_what_was_missing_without_javascript(
    browser, base_url, site_server, axe, screenshot, language
):
    words = WORDS[language]
    context = browser.new_context(locale=language, viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(20_000)
    page = context.new_page()
    url = campaign_url(page, base_url, language)
    page.goto(url)
    before, _last = counted(site_server, page, False)
    widget = page.locator("section.page-helpful")
    expect(widget).to_be_visible()
    widget.get_by_role("button", name=words["no"], exact=False).first.click()
    page.get_by_role("button", name=words["send"]).click()  # the confirmation step, without JavaScript
    comment = page.locator("#form-comment textarea")
    expect(comment).to_be_visible()
    comment.fill("The helpline number was not at the top. Call me on 050 123 4567")
    screenshot(page, f"helpful-comment-{language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_as_this_visitor(browser, context, page.url, axe, language) == []
    page.get_by_role("button", name=words["comment"]).click()
    expect(page.locator(".confirmation-panel")).to_contain_text(words["done"])
    page.goto(url)
    after, last = counted(site_server, page, False)
    assert after == before + 1
    assert "4567" not in last and "[***]" in last
    assert axe_as_this_visitor(browser, context, url, axe, language) == []
    context.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_yes_on_the_page_from_the_cache_counts_at_once_with_javascript(browser, base_url, site_server, language):
    words = WORDS[language]
    context = browser.new_context(locale=language, viewport=PHONE)
    page = context.new_page()
    url = campaign_url(page, base_url, language)
    page.goto(url)
    response = page.goto(url)  # the second visit is served from the cache
    assert response.headers.get("x-page-cache") == "hit"
    before, _last = counted(site_server, page, True)
    page.locator("section.page-helpful").get_by_role("button", name=words["yes"], exact=False).first.click()
    page.wait_for_url("**/helpful/thanks/**")
    expect(page.locator(".confirmation-panel")).to_be_visible()
    assert not page.locator("#form-comment").count()
    page.goto(url)
    assert counted(site_server, page, True)[0] == before + 1
    context.close()
