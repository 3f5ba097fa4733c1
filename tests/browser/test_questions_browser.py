"""Asking anonymously on a 360 px phone, in Arabic and English.

A resident asks about an overdose on the "Ask us" page (served from the cache; the form
token comes when they first touch the form) and the crisis help lines open the
confirmation, before anyone has read the question. An Answerer, also on a phone, answers
it and publishes it with the name taken out; the question and answer are then on the
questions page and in site search, in that language only. axe finds nothing on the
confirmation, the private answer page or the questions page.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import admin_login
from .test_applicant_browser import PHONE, axe_as_this_visitor

ASK_EN = "/en/ask-us/"
WORDS = {
    "ar": {
        "question": "صديقي كريم أخذ جرعة زائدة من الترامادول أمس، ماذا أفعل الآن؟",
        "published": "صديقي أخذ جرعة زائدة من الترامادول، ماذا أفعل؟",
        "answer": "اتصلوا بالإسعاف فوراً إن كان نائماً ولا يستيقظ، وابقوا معه حتى يصل المسعفون.",
        "search": "الترامادول",
        "alert": "في خطر الآن",
    },
    "en": {
        "question": "My friend Karim took an overdose of tramadol yesterday. What should I do now?",
        "published": "My friend took an overdose of tramadol. What should I do?",
        "answer": "Call an ambulance at once if he cannot be woken, and stay with him until help arrives.",
        "search": "tramadol",
        "alert": "in danger now",
    },
}


def ask_url(page, base_url, language):
    if language == "en":
        return base_url + ASK_EN
    page.goto(base_url + ASK_EN)
    return base_url + page.locator('.language-switcher a[hreflang="ar"]').get_attribute("href")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_resident_asks_about_an_overdose_and_an_answerer_publishes_the_answer(
    browser, base_url, site_server, axe, screenshot, language
):
    words = WORDS[language]
    other = "en" if language == "ar" else "ar"
    context = browser.new_context(locale=language, viewport=PHONE)
    context.set_default_timeout(20_000)
    page = context.new_page()
    url = ask_url(page, base_url, language)
    response = page.goto(url)
    assert response.headers.get("x-page-cache") in ("hit", "miss")

    form = page.locator("section.ask-form form")
    form.locator("textarea").fill(words["question"])
    form.locator("input[name$='-publish_consent']").check()
    expect(form.locator("input[name=form_token]")).not_to_have_value("")  # fetched on first touch
    form.locator("button[type=submit]").click()

    alert = page.locator(".crisis-alert")
    expect(alert).to_be_visible()
    expect(alert).to_be_in_viewport()  # the page opens on it, not on the reference below
    expect(alert).to_contain_text(words["alert"])
    # The alert comes before the confirmation and its reference.
    assert alert.evaluate("(a) => !!(a.compareDocumentPosition(document.querySelector('.confirmation-panel')) & 4)")
    expect(alert.locator("a[href='tel:999']")).to_be_visible()
    expect(alert.locator("a[href='tel:116111']")).to_be_visible()  # the demo's crisis lines, in the alert
    reference = page.locator(".confirmation-reference").inner_text().strip()
    assert re.fullmatch(r"Q-[A-Z0-9]{6}", reference)
    screenshot(page, f"ask-crisis-{language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_as_this_visitor(browser, context, page.url, axe, language) == []
    answer_page = page.locator("section.ask-form a.answer-page-link").get_attribute("href")

    staff = browser.new_context(locale=language, viewport=PHONE)
    staff.set_default_timeout(20_000)
    admin = staff.new_page()
    admin_login(admin, base_url, "answerer")
    admin.goto(f"{base_url}/admin/anonymous_question/")
    admin.get_by_role("link", name=reference).click()
    expect(admin.locator("main")).to_contain_text(words["question"])
    answer = admin.locator("form[action*='/answer/']")
    answer.locator("textarea[name=answer]").fill(words["answer"])
    answer.locator("input[name=publish]").check()
    expect(answer.locator("textarea[name=public_question]")).to_have_value(words["question"])
    answer.locator("textarea[name=public_question]").fill(words["published"])
    answer.locator("button[type=submit]").click()  # the redaction box is not ticked yet
    expect(admin.locator("form[action*='/answer/'] .error-message").first).to_be_visible()
    expect(admin.locator("textarea[name=public_question]")).to_have_value(words["published"])  # nothing lost
    admin.locator("form[action*='/answer/'] input[name=redacted]").check()
    admin.locator("form[action*='/answer/'] button[type=submit]").click()
    expect(admin.locator(".messages")).to_be_visible()
    staff.close()

    page.goto(base_url + answer_page)
    expect(page.locator(".answer-text")).to_contain_text(words["answer"])
    assert axe(page) == []

    page.goto(url)
    published = page.locator(".published-answer", has_text=words["published"])
    expect(published).to_be_visible()
    expect(published).to_contain_text(words["answer"])
    expect(page.locator(".published-answers")).not_to_contain_text("Karim" if language == "en" else "كريم")
    assert axe(page) == []
    screenshot(page, f"questions-page-{language}")

    page.goto(f"{base_url}/{language}/search/?q={words['search']}")
    link = page.locator(".answer-results a", has_text=words["published"][:20])
    expect(link).to_be_visible()
    link.click()
    expect(page.locator(".published-answer", has_text=words["published"])).to_be_in_viewport()
    page.goto(f"{base_url}/{other}/search/?q={words['search']}")
    expect(page.locator(".answer-results", has_text=words["published"][:20])).to_have_count(0)
    context.close()
