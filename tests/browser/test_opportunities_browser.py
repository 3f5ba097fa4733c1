"""Accepted volunteers signing up on a 360 px phone, in Arabic and English, without
JavaScript: a place on a one-place opportunity, the next volunteer on its waiting list,
and moved up when the first gives the place up. The coordinator accepts both in the admin."""

import pytest
from playwright.sync_api import expect

from .conftest import admin_login, manage
from .test_applicant_browser import PHONE, axe_as_this_visitor
from .test_volunteer_browser import fill_application, form, volunteer_url

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
    form(page).locator("button[type=submit]").click()
    if page.locator(".form-notice").count():  # without JavaScript the form asks to confirm once
        form(page).locator("button[type=submit]").click()
    reference = page.locator(".confirmation-panel strong").inner_text()
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
