"""Applying to volunteer in Chromium, and a coordinator working the application."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from .conftest import admin_login

VOLUNTEER_EN = "/en/campaigns/volunteer-programme/"


def volunteer_url(page, base_url, language):
    if language == "en":
        return base_url + VOLUNTEER_EN
    page.goto(base_url + VOLUNTEER_EN)
    return base_url + page.locator('.language-switcher a[hreflang="ar"]').get_attribute("href")


def form(page):
    return page.locator("section.embedded-form form")


def fill_application(page, name, phone, email):
    f = form(page)
    f.locator("input[name$=full_name]").fill(name)
    f.locator("input[name$=phone]").fill(phone)
    f.locator("input[name$=email]").fill(email)
    f.locator("input[name$=age_band][value='25_34']").check()
    f.locator("select[name$=area]").select_option(index=1)
    f.locator("input[name$=languages]").first.check()
    f.locator("input[name$=roles]").first.check()
    f.locator("input[name$=availability]").first.check()
    f.locator("textarea[name$=motivation]").fill("أريد أن أساعد أطفال حيّنا على عبور الشارع بأمان.")
    f.locator("input[name$=consent]").check()


def send_without_javascript(page):
    """Send the application from a browser that runs no scripts and return its reference.

    The cached page carries no form token, so the server shows the answers again and
    asks once to confirm. Waits for that step before confirming: the new page may not
    be parsed yet when the click returns."""
    form(page).locator("button[type=submit]").click()
    expect(page.locator("main .form-notice")).to_be_visible()
    form(page).locator("button[type=submit]").click()
    return page.locator(".confirmation-panel strong").inner_text()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_form_page_has_no_axe_violations_empty_and_with_errors(page, base_url, axe, screenshot, language):
    page.goto(volunteer_url(page, base_url, language))
    assert axe(page) == []
    form(page).locator("button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert axe(page) == []
    screenshot(page, f"volunteer-form-errors-{language}")


def test_applying_in_arabic_with_an_error_then_successfully(page, base_url, screenshot):
    page.goto(volunteer_url(page, base_url, "ar"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    fill_application(page, "سلمى من الحي الشمالي", "٠٥٠ ٧٧٧ ١٢٣٤", "salma@example.org")
    form(page).locator("input[name$=phone]").fill("١٢٣")  # too short
    form(page).locator("button[type=submit]").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert page.title().startswith("خطأ:")
    phone = form(page).locator("input[name$=phone]")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(form(page).locator("input[name$=full_name]")).to_have_value("سلمى من الحي الشمالي")  # nothing lost
    summary.locator("a").first.click()
    expect(phone).to_be_focused()

    phone.fill("٠٥٠ ٧٧٧ ١٢٣٤")
    form(page).locator("button[type=submit]").click()
    panel = page.locator(".confirmation-panel")
    expect(panel).to_be_visible()
    expect(panel).to_be_focused()
    reference = panel.locator("strong[dir=ltr]").inner_text()
    assert re.fullmatch(r"VOL-[A-Z0-9]{6}", reference)
    assert "salma" not in page.url and "0507771234" not in page.url
    screenshot(page, "volunteer-confirmation-ar")

    page.reload()  # refreshing shows the same confirmation, and sends nothing again
    expect(page.locator(".confirmation-panel strong")).to_have_text(reference)


def test_applying_in_english_and_the_coordinator_working_it(page, base_url, browser, site_server, axe):
    page.goto(volunteer_url(page, base_url, "en"))
    fill_application(page, "Omar Test-Applicant", "+971 50 555 0199", "omar@example.org")
    form(page).locator("button[type=submit]").click()
    reference = page.locator(".confirmation-panel strong").inner_text()

    coordinator = browser.new_context(locale="ar", accept_downloads=True)
    admin = coordinator.new_page()
    admin_login(admin, base_url, "coordinator")
    expect(admin.locator("nav")).to_contain_text("(")  # the Submissions menu shows a count of new items
    admin.goto(f"{base_url}/admin/volunteer_application/?status=new&locale=2")
    admin.goto(f"{base_url}/admin/volunteer_application/")
    admin.fill("#sharaka-find-q", "٠٥٠ ٥٥٥ ٠١٩٩")  # the phone, typed with Arabic-Indic digits
    admin.locator(".sharaka-find__form button[type=submit]").click()
    assert "0199" not in admin.url and "find=" in admin.url
    row = admin.locator("table.listing tbody tr", has_text=reference)
    expect(row).to_have_count(1)
    row.get_by_role("link", name=reference).click()

    answers = admin.locator("section:has(#answers-heading) .sharaka-dl").first
    expect(answers).to_contain_text("050 555 0199")  # stored E.164, shown nationally
    expect(admin.locator(".sharaka-dl a[href='tel:+971505550199']")).to_have_count(1)
    admin.locator("button[name=assign_to_me]").click()
    expect(admin.locator(".messages")).to_contain_text(reference)
    admin.select_option("select[name=status]", "in_review")
    admin.locator("form[action*='/status/'] button[type=submit]").click()
    admin.select_option("select[name=status]", "accepted")
    admin.fill("textarea[name=reason]", "يحمل شهادة إسعافات أولية")
    admin.locator("form[action*='/status/'] button[type=submit]").click()
    history = admin.locator("#history-heading + table")
    expect(history).to_contain_text("يحمل شهادة إسعافات أولية")

    admin.goto(f"{base_url}/admin/volunteer_application/?status=accepted")
    admin.locator("#w-slim-header-buttons [data-w-dropdown-target=toggle]").click()  # the actions menu
    with admin.expect_download() as download_info:
        admin.locator("#w-slim-header-buttons a[href*='export=csv']").click()
    content = download_info.value.path().read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    exported = next(r for r in rows if r[0] == reference)
    assert "050 555 0199" in exported  # national, so no formula-like "+" cell; Arabic intact elsewhere
    assert any("قيد" in cell or "مقبول" in cell for cell in exported)
    coordinator.close()


def test_an_editor_cannot_reach_the_queue(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    admin_login(page, base_url, "editor")
    page.goto(f"{base_url}/admin/volunteer_application/")
    assert "/admin/volunteer_application/" not in page.url or page.locator("table.listing").count() == 0
    context.close()


def test_two_residents_on_the_same_cached_page_each_get_their_own_reference(browser, base_url):
    """The page is kept in the cache and is the same for both; each one's form token is their own."""
    references = []
    for name, phone in (("Hala First-Visitor", "+971 50 555 0301"), ("Sami Second-Visitor", "+971 50 555 0302")):
        context = browser.new_context()
        page = context.new_page()
        response = page.goto(base_url + VOLUNTEER_EN)
        references.append(response.headers.get("x-page-cache"))
        fill_application(page, name, phone, f"{name.split()[0].lower()}@example.org")
        form(page).locator("button[type=submit]").click()
        references.append(page.locator(".confirmation-panel strong[dir=ltr]").inner_text())
        context.close()
    assert references[2] == "hit"  # the second resident got the kept page
    assert re.fullmatch(r"VOL-[A-Z0-9]{6}", references[1]) and re.fullmatch(r"VOL-[A-Z0-9]{6}", references[3])
    assert references[1] != references[3]


def test_applying_without_javascript_asks_to_confirm_once(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + VOLUNTEER_EN)
    fill_application(page, "Nour No-Script", "+971 50 555 0303", "nour@example.org")
    form(page).locator("button[type=submit]").click()
    notice = page.locator("main .form-notice")
    expect(notice).to_contain_text("Your answers are not sent yet")
    expect(notice).to_be_focused()
    expect(form(page).locator("input[name$=full_name]")).to_have_value("Nour No-Script")  # nothing lost
    expect(page.locator(".confirmation-panel")).to_have_count(0)
    form(page).locator("button[type=submit]").click()
    expect(page.locator(".confirmation-panel strong[dir=ltr]")).to_have_text(re.compile(r"VOL-[A-Z0-9]{6}"))
    context.close()
