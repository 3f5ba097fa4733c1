"""Answering a survey in Chromium in both languages, and a feedback officer triaging it."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import admin_login

SURVEY_EN = "/en/campaigns/your-views-count/"


def survey_url(page, base_url, language):
    if language == "en":
        return base_url + SURVEY_EN
    page.goto(base_url + SURVEY_EN)
    return base_url + page.locator('.language-switcher a[hreflang="ar"]').get_attribute("href")


def survey_form(page):
    return page.locator("section.survey-form form")


def answer_survey(page, rating, comment):
    form = survey_form(page)
    form.locator(f"input[type=radio][value='{rating}']").first.check()
    form.locator("fieldset").nth(1).locator("input[type=radio]").nth(2).check()  # where: an event
    form.locator("textarea").first.fill(comment)
    form.locator("input[value=yes]").check()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_survey_page_has_no_axe_violations_empty_and_with_errors(page, base_url, axe, screenshot, language):
    page.goto(survey_url(page, base_url, language))
    assert axe(page) == []
    survey_form(page).locator("button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()
    assert axe(page) == []
    screenshot(page, f"survey-errors-{language}")


@pytest.mark.parametrize(("language", "comment"), [("ar", "الضابط كان متعاوناً جداً"), ("en", "Quick and kind help")])
def test_answering_with_an_error_then_successfully(page, base_url, language, comment):
    page.goto(survey_url(page, base_url, language))
    form = survey_form(page)
    form.locator("input[type=text]").last.fill("resident@example.org")  # contact without consent
    answer_survey(page, 5, comment)
    form.locator("button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(survey_form(page).locator("textarea").first).to_have_value(comment)  # nothing lost
    survey_form(page).locator("input[type=checkbox]").last.check()  # now agree to be contacted
    survey_form(page).locator("button[type=submit]").click()
    panel = page.locator(".survey-form .confirmation-panel")
    expect(panel).to_be_focused()
    assert re.fullmatch(r"FB-[A-Z0-9]{6}", panel.locator("strong").inner_text())


def test_officer_triages_a_response_and_reads_results_where_a_coordinator_cannot(page, browser, base_url):
    page.goto(survey_url(page, base_url, "en"))
    answer_survey(page, 1, "The wait at the station was far too long")
    survey_form(page).locator("button[type=submit]").click()
    reference = page.locator(".survey-form .confirmation-panel strong").inner_text()

    officer = browser.new_context(locale="en")
    admin = officer.new_page()
    admin_login(admin, base_url, "officer")
    admin.goto(f"{base_url}/admin/survey_response/")
    admin.get_by_role("link", name=reference).click()
    expect(admin.locator("main")).to_contain_text("The wait at the station was far too long")
    admin.select_option("select[name=status]", "follow_up")
    admin.locator("form[action*='/status/'] button[type=submit]").click()
    expect(admin.locator(".messages")).to_contain_text(reference)
    admin.get_by_role("link", name=re.compile("See the results")).click()
    total = admin.locator(".sharaka-results-total")
    expect(total).to_contain_text("responses")
    expect(admin.locator(".sharaka-question").first).to_contain_text("Average rating")
    officer.close()

    coordinator = browser.new_context()
    other = coordinator.new_page()
    admin_login(other, base_url, "coordinator")
    other.goto(f"{base_url}/admin/survey_response/")
    expect(other.locator("body")).not_to_contain_text(reference)
    coordinator.close()
