"""A volunteer reports hours done outside an opportunity on a 360 px phone without
JavaScript, in Arabic and English; a coordinator approves them on a phone; the hours then
count on the volunteer's page and in the coordinators' report."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from .conftest import admin_login, manage
from .test_applicant_browser import PHONE, axe_as_this_visitor
from .test_opportunities_browser import WORDS

ACCEPTED = """
from wagtail.models import Locale
from tests.factories import VolunteerApplicationFactory
from volunteer_signup.models import ApplicantLink, Volunteer
person = Volunteer.objects.create()
application = VolunteerApplicationFactory(volunteer=person, status="accepted", full_name="Rana Reporting",
    locale=Locale.objects.get(language_code="{language}"))
print(person.reference, ApplicantLink.issue(application))
"""
TEXT = {
    "ar": {
        "description": "محاضرة عن السلامة المرورية في مدرسة النهضة",
        "send": "إرسال ساعاتي",
        "waiting": "بانتظار أحد المنسقين",
        "approved": "معتمدة",
        "counted": "الساعات المحتسبة: 2.50",
    },
    "en": {
        "description": "Road-safety talk at the Al-Nahda school",
        "send": "Send my hours",
        "waiting": "Waiting for a coordinator",
        "approved": "Approved",
        "counted": "Hours that count: 2.50",
    },
}


def counted_in_report(admin):
    """The report's total of hours that count (0 when nothing counts yet)."""
    totals = admin.locator(".sharaka-report__totals li").first
    if not totals.count():
        return Decimal(0)
    return Decimal(re.search(r"[0-9]+(?:\.[0-9]+)?", totals.inner_text()).group())


@pytest.mark.parametrize("language", ["ar", "en"])
def test_reported_hours_count_once_a_coordinator_approves_them_on_a_phone(
    browser, base_url, site_server, axe, screenshot, language
):
    words = TEXT[language]
    reference, token = manage(site_server, "shell", "-c", ACCEPTED.replace("{language}", language)).stdout.split()[-2:]
    context = browser.new_context(locale=language, viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(f"{base_url}/{language}/applicant/link/{token}/")
    page.get_by_role("button", name=WORDS[language]["button"]).click()
    page.wait_for_url(f"**/{language}/applicant/")

    form = page.locator("#form-hours form")
    form.locator("input[name=hours-hours]").fill("30")  # more than a day: refused beside the field
    form.locator("input[name=hours-worked_on]").fill((date.today() - timedelta(days=2)).isoformat())
    form.locator("textarea[name=hours-description]").fill(words["description"])
    form.get_by_role("button", name=words["send"]).click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("textarea[name=hours-description]")).to_have_value(words["description"])  # nothing lost
    page.locator("#form-hours input[name=hours-hours]").fill("2.5")
    page.locator("#form-hours").get_by_role("button", name=words["send"]).click()
    expect(page.locator("#record")).to_contain_text(words["waiting"])
    screenshot(page, f"reported-hours-{language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_as_this_visitor(browser, context, page.url, axe, language) == []

    coordinator = browser.new_context(locale=language, viewport=PHONE)
    admin = coordinator.new_page()
    admin_login(admin, base_url, "coordinator")
    report_url = f"{base_url}/admin/reports/volunteer-hours/?by=month"
    admin.goto(report_url)
    before = counted_in_report(admin)
    admin.goto(f"{base_url}/admin/snippets/volunteer_signup/reportedhours/?status=pending")
    admin.get_by_role("link", name=reference).click()
    admin.locator("input[name=decision][value=approve]").check()
    admin.locator("#decision-heading ~ form button[type=submit]").click()
    expect(admin.locator(".messages")).to_be_visible()
    admin.goto(report_url)
    assert counted_in_report(admin) == before + Decimal("2.5")
    coordinator.close()

    page.reload()
    expect(page.locator("#record")).to_contain_text(words["approved"])
    expect(page.locator("#record")).to_contain_text(words["counted"])
    context.close()
