"""An applicant's own page on a 360 px phone, in Arabic and English: from the confirmation's
link to the page, the timeline, new availability, a withdrawal taken back, and the
coordinator's history showing what the applicant did. No JavaScript is needed anywhere."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import admin_login
from .test_volunteer_browser import fill_application, send_without_javascript, volunteer_url

PHONE = {"width": 360, "height": 780}
WORDS = {
    "ar": {
        "open": "فتح صفحة طلبكم",
        "button": "فتح صفحة طلبي",
        "keep": "احتفظوا بهذا الرابط.",
        "received": "استلمنا طلبكم.",
        "saved": "حُفظت بياناتكم.",
        "withdrawn": "سُحب طلبكم.",
        "undo": "التراجع عن سحب الطلب",
        "undone": "أُلغي سحب الطلب",
    },
    "en": {
        "open": "Open your application page",
        "button": "Open my application page",
        "keep": "Keep this link.",
        "received": "We received your application.",
        "saved": "Your details have been saved.",
        "withdrawn": "Your application has been withdrawn.",
        "undo": "Take back my withdrawal",
        "undone": "Your withdrawal has been taken back",
    },
}


def axe_as_this_visitor(browser, context, url, axe, language):
    """axe needs JavaScript, which this journey goes without: the same page, with the same
    cookies, in a context that runs scripts."""
    checker = browser.new_context(locale=language, viewport=PHONE)
    checker.add_cookies(context.cookies())
    page = checker.new_page()
    page.goto(url)
    violations = axe(page)
    checker.close()
    return violations


@pytest.mark.parametrize("language", ["ar", "en"])
def test_applicant_follows_the_link_updates_availability_withdraws_and_takes_it_back(
    browser, base_url, axe, screenshot, language
):
    words = WORDS[language]
    context = browser.new_context(locale=language, viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(volunteer_url(page, base_url, language))
    email = "" if language == "ar" else "reem.page@example.org"  # the Arabic applicant gave a phone only
    fill_application(page, "ريم صفحة المتقدم", "050 321 7788" if language == "ar" else "050 321 7789", email)
    reference = send_without_javascript(page)
    if language == "ar":
        expect(page.locator(".embedded-form")).to_contain_text(words["keep"])
        expect(page.locator(".personal-link code")).to_contain_text("/ar/applicant/link/")

    page.get_by_role("link", name=words["open"]).click()
    assert re.search(rf"/{language}/applicant/link/[\w-]+/$", page.url)
    assert axe_as_this_visitor(browser, context, page.url, axe, language) == []
    page.get_by_role("button", name=words["button"]).click()
    page.wait_for_url(f"**/{language}/applicant/")  # the token is no longer in the address
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator(".applicant-summary")).to_contain_text(reference)
    expect(page.locator(".timeline")).to_contain_text(words["received"])
    expect(page.locator(".next-step")).to_be_visible()
    assert axe_as_this_visitor(browser, context, page.url, axe, language) == []
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    details = page.locator("#form-details form")
    details.locator("input[value=school_holidays]").check()
    details.locator("button[type=submit]").click()
    expect(page.locator(".form-notice")).to_contain_text(words["saved"])
    expect(page.locator("#form-details input[value=school_holidays]")).to_be_checked()
    expect(page.locator(".timeline li")).to_have_count(2)

    withdraw = page.locator("#form-withdraw form")
    withdraw.locator("input[value=moved]").check()
    withdraw.locator("textarea").fill("انتقلت إلى مدينة أخرى")
    withdraw.locator("button[type=submit]").click()
    expect(page.locator(".form-notice")).to_contain_text(words["withdrawn"])
    expect(page.locator("#form-withdraw")).to_have_count(0)
    assert axe_as_this_visitor(browser, context, page.url, axe, language) == []
    screenshot(page, f"applicant-page-withdrawn-{language}")
    page.get_by_role("button", name=words["undo"]).click()
    expect(page.locator(".form-notice")).to_contain_text(words["undone"])
    expect(page.locator(".timeline li")).to_have_count(4)
    context.close()

    coordinator = browser.new_context(locale="en")
    admin = coordinator.new_page()
    admin_login(admin, base_url, "coordinator")
    admin.goto(f"{base_url}/admin/volunteer_application/")
    admin.fill("#sharaka-find-q", reference)
    admin.locator(".sharaka-find__form button[type=submit]").click()
    admin.locator("table.listing tbody tr", has_text=reference).get_by_role("link", name=reference).click()
    history = admin.locator("#history-heading + table")
    expect(history).to_contain_text("by the applicant on their page")
    expect(history).to_contain_text("انتقلت إلى مدينة أخرى")
    coordinator.close()
