"""Accepted volunteers signing up on a 360 px phone, in Arabic and English, without
JavaScript: a place on a one-place opportunity, the next volunteer on its waiting list,
and moved up when the first gives the place up. The coordinator accepts both in the admin."""

import pytest
from playwright.sync_api import expect

from .conftest import admin_login, manage
from .test_applicant_browser import PHONE, axe_as_this_visitor
from .test_volunteer_browser import fill_application, send_without_javascript, volunteer_url

CREATE = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Locale
from volunteer_signup.models import Opportunity
starts = timezone.now() + timedelta(days=20, hours={offset})
arabic = Opportunity.objects.create(
    locale=Locale.objects.get(language_code="ar"), title="{title_ar}", description="وصف قصير.",
    place="بوابة المدرسة", starts_at=starts, ends_at=starts + timedelta(hours=1), capacity=1, is_public=False)
english = arabic.copy_for_translation(Locale.objects.get(language_code="en"))
english.title, english.description, english.place = "{title_en}", "A short description.", "School gate"
english.save()
"""
TITLES = {"ar": ("صباح المعبر الآمن", "Safe crossing morning"), "en": ("ورشة الحي", "Neighbourhood workshop")}
WORDS = {
    "ar": {
        "open": "فتح صفحة طلبكم",
        "button": "فتح صفحة طلبي",
        "sign_up": "التسجيل",
        "wait": "الانضمام إلى قائمة الانتظار",
        "place": "لكم مكان محجوز",
        "waiting": "على قائمة الانتظار: رقم 1",
        "give_up": "التخلي عن مكاني",
    },
    "en": {
        "open": "Open your application page",
        "button": "Open my application page",
        "sign_up": "Sign up",
        "wait": "Join the waiting list",
        "place": "You have a place",
        "waiting": "On the waiting list: number 1",
        "give_up": "Give up my place",
    },
}


def apply_and_open_page(browser, base_url, language, name, phone):
    context = browser.new_context(locale=language, viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(volunteer_url(page, base_url, language))
    fill_application(page, name, phone, "")
    reference = send_without_javascript(page)
    page.get_by_role("link", name=WORDS[language]["open"]).click()
    page.get_by_role("button", name=WORDS[language]["button"]).click()
    page.wait_for_url(f"**/{language}/applicant/")
    return context, page, reference


def accept(admin, base_url, reference):
    admin.goto(f"{base_url}/admin/volunteer_application/")
    admin.fill("#sharaka-find-q", reference)
    admin.locator(".sharaka-find__form button[type=submit]").click()
    admin.locator("table.listing tbody tr", has_text=reference).get_by_role("link", name=reference).click()
    admin.select_option("select[name=status]", "in_review")
    admin.locator("form[action*='/status/'] button[type=submit]").click()
    admin.select_option("select[name=status]", "accepted")
    admin.fill("textarea[name=reason]", "Met at the centre; first-aid certificate seen.")
    admin.locator("form[action*='/status/'] button[type=submit]").click()
    expect(admin.locator(".messages")).to_contain_text(reference)


def opportunity(page, title):
    return page.locator("#opportunities li.opportunity", has_text=title)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_place_the_waiting_list_and_moving_up(browser, base_url, site_server, axe, screenshot, language):
    words = WORDS[language]
    title_ar, title_en = TITLES[language]
    offset = 0 if language == "ar" else 5
    manage(site_server, "shell", "-c", CREATE.format(offset=offset, title_ar=title_ar, title_en=title_en))
    title = title_ar if language == "ar" else title_en
    first_context, first, first_reference = apply_and_open_page(
        browser, base_url, language, "منى الأولى", "050 444 10" + ("01" if language == "ar" else "11")
    )
    second_context, second, second_reference = apply_and_open_page(
        browser, base_url, language, "سعاد الثانية", "050 444 10" + ("02" if language == "ar" else "12")
    )
    coordinator = browser.new_context(locale="en")
    admin = coordinator.new_page()
    admin_login(admin, base_url, "coordinator")
    accept(admin, base_url, first_reference)
    accept(admin, base_url, second_reference)

    first.reload()
    opportunity(first, title).get_by_role("button", name=words["sign_up"]).click()
    expect(first.locator("#places")).to_contain_text(title)
    expect(first.locator("#places")).to_contain_text(words["place"])

    second.reload()
    opportunity(second, title).get_by_role("button", name=words["wait"]).click()
    expect(second.locator("#places")).to_contain_text(words["waiting"])
    screenshot(second, f"opportunity-waiting-{language}")

    first.locator("#places li", has_text=title).get_by_role("button", name=words["give_up"]).click()
    expect(first.locator("#places")).not_to_contain_text(title)
    second.reload()
    expect(second.locator("#places li", has_text=title)).to_contain_text(words["place"])

    assert axe_as_this_visitor(browser, second_context, second.url, axe, language) == []
    for context in (first_context, second_context, coordinator):
        context.close()


HAPPENING_NOW = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Locale
from tests.factories import VolunteerApplicationFactory
from volunteer_signup import signups
from volunteer_signup.models import ApplicantLink, Opportunity, Volunteer
now = timezone.now()
arabic = Opportunity.objects.create(
    locale=Locale.objects.get(language_code="ar"), kind="training", title="دورة كتابة التقارير",
    description="وصف قصير.", place="قاعة التدريب", starts_at=now + timedelta(days=1),
    ends_at=now + timedelta(days=1, hours=2), capacity=5, is_public=False)
english = arabic.copy_for_translation(Locale.objects.get(language_code="en"))
english.title, english.description, english.place = "Report-writing course", "A short course.", "Training hall"
english.save()
person = Volunteer.objects.create()
application = VolunteerApplicationFactory(volunteer=person, status="accepted", full_name="Noura Attending",
    locale=Locale.objects.get(language_code="{language}"))
signups.sign_up(person, arabic)
# Signed up yesterday; it began half an hour ago.
Opportunity.objects.filter(translation_key=arabic.translation_key).update(
    starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=1, minutes=30))
print(arabic.pk, ApplicantLink.issue(application))
"""
HOURS = {"ar": "الساعات المحتسبة: 2", "en": "Hours that count: 2"}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_coordinator_marks_attendance_on_a_phone_and_the_hours_count(
    browser, base_url, site_server, screenshot, language
):
    output = manage(site_server, "shell", "-c", HAPPENING_NOW.replace("{language}", language)).stdout.split()
    opportunity_id, token = output[-2], output[-1]
    coordinator = browser.new_context(locale=language, viewport=PHONE)
    admin = coordinator.new_page()
    admin_login(admin, base_url, "coordinator")
    admin.goto(f"{base_url}/admin/opportunities/{opportunity_id}/attendance/")
    row = admin.locator("fieldset.sharaka-attendance__row", has_text="Noura Attending")
    row.locator("input[value=attended]").check()
    screenshot(admin, f"attendance-{language}")
    admin.locator("form.sharaka-attendance button[type=submit]").click()
    expect(admin.locator(".messages")).to_be_visible()
    expect(row.locator("input[value=attended]")).to_be_checked()
    assert admin.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    coordinator.close()

    volunteer = browser.new_context(locale=language, viewport=PHONE, java_script_enabled=False)
    page = volunteer.new_page()
    page.goto(f"{base_url}/{language}/applicant/link/{token}/")
    page.get_by_role("button", name=WORDS[language]["button"]).click()
    page.wait_for_url(f"**/{language}/applicant/")
    expect(page.locator("#record")).to_contain_text(HOURS[language])
    expect(page.locator("#record")).to_contain_text(
        "دورة كتابة التقارير" if language == "ar" else "Report-writing course"
    )
    volunteer.close()
