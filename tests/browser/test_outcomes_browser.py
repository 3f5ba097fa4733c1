""" "You said, we did" on a 360 px phone, in Arabic and English (issue 15, item 3).

An editor writes an entry about the demo survey in the admin in that language and submits
it for moderation; a moderator approves and publishes it. A resident then finds it first in
the listing and in the survey's own block, and its charts show the survey's results: the
figures ``surveys.results.compute_results`` gives, worked out here in the server's database
over the responses the privacy rule counts (campaigns/outcome_results.py: sent before today,
spam left out, the earliest whole steps of ten answers to each question). axe finds nothing
on the listing or the entry.
"""

import datetime
import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import admin_login, manage
from .test_applicant_browser import PHONE

SURVEY_EN = "Your experience with the community police"
WORDS = {
    "ar": {
        "title": "إنارة أفضل لموقف المركز",
        "summary": "طلبتم إنارة أفضل لموقف السيارات أمام المركز، فركّبنا مصابيح جديدة.",
        "you_said": "قال عدد منكم إن الموقف مظلم مساءً وإن الوصول إلى المركز ليلاً غير مريح.",
        "slug": "انارة-الموقف",
        "survey": "تجربتكم مع الشرطة المجتمعية",
        "language": "العربية",
        "submitted": "أُرسلت",
        "fewer": "عددهم أقل من",
    },
    "en": {
        "title": "Better lighting in the station car park",
        "summary": "You asked for better lighting in the car park in front of the station, and we put up new lamps.",
        "you_said": (
            "Several of you said the car park is dark in the evening, and coming to the station at night is unpleasant."
        ),
        "slug": "car-park-lighting",
        "survey": SURVEY_EN,
        "language": "English",
        "submitted": "submitted",
        "fewer": "fewer than",
    },
}

# The figures the page must show, from the server's database: per question (in the
# reader's language), the rows of compute_results over the counted responses.
EXPECTED = """
import json
from django.utils import translation
from campaigns.outcome_results import COUNTED_TYPES, counted_responses
from surveys.models import Survey, SurveyResponse
from surveys.results import compute_results
survey = Survey.objects.get(title={survey!r})
translation.activate({language!r})
found = {{}}
responses = counted_responses(survey).order_by("submitted_at", "pk")
for question in survey.questions():
    if question.field_type not in COUNTED_TYPES:
        continue
    key = question.clean_name
    ids = [pk for pk, answers in responses.values_list("pk", "answers") if answers.get(key) not in (None, "", [])]
    ids = ids[: len(ids) - len(ids) % 10]
    if not ids:
        continue
    results = compute_results(survey, SurveyResponse.objects.filter(pk__in=ids))["questions"]
    result = next(r for r in results if r.question.clean_name == key)
    found[question.label] = [[label, count, round(percent)] for label, count, percent in result.rows]
print(json.dumps(found))
"""


def expected_figures(site_server, language):
    survey = WORDS[language]["survey"]
    return json.loads(shell_print(site_server, EXPECTED.format(survey=survey, language=language)))


def shown_figures(page):
    """Per chart: the question, and each row's cells as a resident reads them."""
    found = {}
    for figure in page.locator("figure.outcome-chart").all():
        question = figure.locator(".outcome-chart__question").inner_text().strip()
        rows = []
        for row in figure.locator("tbody tr").all():
            cells = [cell.inner_text().strip() for cell in row.locator("td").all()]
            rows.append(cells)
        found[question] = rows
    return found


def in_admin_language(page, base_url, language):
    page.goto(f"{base_url}/admin/account/")
    page.select_option("select[name='locale-preferred_language']", language)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def shell_print(site_server, code):
    """The last line ``code`` prints in a shell of the site (the first lines are the shell's own)."""
    return manage(site_server, "shell", "-c", code).stdout.strip().splitlines()[-1]


def index_id(site_server, language):
    code = "from campaigns.models import OutcomeIndexPage as I\nprint(I.objects.get(locale__language_code={!r}).pk)"
    return shell_print(site_server, code.format(language))


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_editor_publishes_an_entry_whose_charts_are_the_survey_results(
    browser, base_url, site_server, axe, screenshot, language
):
    words = WORDS[language]
    errors = []

    # The editor writes the entry, in the admin in this language, on a phone.
    editor_context = browser.new_context(locale=language, viewport=PHONE)
    editor = editor_context.new_page()
    editor.on("pageerror", lambda error: errors.append(str(error)))
    admin_login(editor, base_url, "editor")
    in_admin_language(editor, base_url, language)
    editor.goto(f"{base_url}/admin/pages/add/campaigns/outcomepage/{index_id(site_server, language)}/")
    editor.fill("#id_title", words["title"])
    editor.fill("#id_summary", words["summary"])
    editor.locator("#id_survey-chooser .chooser__choose-button").click()
    modal = editor.locator(".modal-dialog")
    expect(modal).to_be_visible()
    modal.get_by_role("link", name=words["survey"]).click()
    expect(modal).to_be_hidden()
    editor.fill("#id_you_said", words["you_said"])
    editor.locator("[role=tab]").nth(1).click()  # Details
    editor.select_option("#id_status", "done")
    editor.fill("#id_outcome_date", datetime.date.today().isoformat())
    editor.locator("[role=tab]").nth(2).click()  # Promote
    editor.fill("#id_slug", words["slug"])
    editor.locator("footer [data-w-dropdown-target=toggle]").first.click()
    editor.locator("footer button[name=action-submit]").click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/(edit/)?$"))
    expect(editor.locator(".messages")).to_contain_text(words["title"])
    code = "from wagtail.models import Page\nprint(Page.objects.get(title={!r}).pk)"
    page_id = shell_print(site_server, code.format(words["title"]))
    editor_context.close()

    # A moderator approves it: it is published.
    moderator_context = browser.new_context(locale=language, viewport=PHONE)
    moderator = moderator_context.new_page()
    moderator.on("pageerror", lambda error: errors.append(str(error)))
    admin_login(moderator, base_url, "moderator")
    in_admin_language(moderator, base_url, language)
    moderator.goto(f"{base_url}/admin/pages/{page_id}/edit/")
    moderator.locator("footer [data-w-dropdown-target=toggle]").first.click()
    moderator.locator("footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])").click()
    expect(moderator.locator(".messages")).to_contain_text(words["title"])
    moderator_context.close()

    # A resident, on a phone.
    context = browser.new_context(locale=language, viewport=PHONE)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}/{language}/")
    listing = page.locator(f'nav a[href*="/{language}/"]', has_text=re.compile("قلتم|You said")).first
    listing_url = listing.get_attribute("href")
    page.goto(base_url + listing_url)
    expect(page.locator("html")).to_have_attribute("lang", language)
    titles = page.locator(".card-title a")
    expect(titles.first).to_have_text(words["title"])
    assert titles.count() == 3  # and the two of the demo
    assert axe(page) == []

    titles.first.click()
    expect(page.locator("h1")).to_have_text(words["title"])
    shown = shown_figures(page)
    expected = expected_figures(site_server, language)
    assert shown, "no chart on the page"
    assert list(shown) == list(expected)
    for question, rows in expected.items():
        assert len(shown[question]) == len(rows), question
        hidden = 0
        for cells, (_label, count, percent) in zip(shown[question], rows, strict=True):
            if len(cells) == 1:  # hidden: a figure too small to publish, or its neighbour
                assert words["fewer"] in cells[0]
                hidden += 1
            else:
                assert cells == [f"{percent}%", str(count)], (question, cells, count, percent)
        assert hidden != 1, question  # a lone hidden figure could be worked out from the total
    assert axe(page) == []
    screenshot(page, f"outcome-{language}")

    # The survey's page links to the new entry first.
    page.goto(f"{base_url}/en/campaigns/your-views-count/")
    if language == "ar":
        page.goto(base_url + page.locator('.language-switcher a[hreflang="ar"]').get_attribute("href"))
    expect(page.locator(".survey-outcomes a").first).to_have_text(words["title"])
    context.close()
    assert errors == []
