""" "You said, we did" (issue 15, item 3): entries that publish a survey's results, and the
rule that keeps those results anonymous (campaigns/outcome_results.py).

The figures on the page are checked against ``surveys.results.compute_results`` over the
responses the rule counts, worked out here from the rows: sent before today, spam left
out, in both languages, the earliest whole steps of ten answers per question.
"""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.test.utils.form_data import nested_form_data, streamfield

from campaigns.models import CampaignIndexPage, OutcomeIndexPage, OutcomePage
from campaigns.outcome_results import published_results
from core import page_cache
from home.models import HomePage
from surveys.models import SurveyResponse
from surveys.results import compute_results
from tests.conftest import soup
from tests.factories import (
    OutcomeIndexPageFactory,
    OutcomePageFactory,
    SurveyFieldFactory,
    SurveyResponseFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]
YESTERDAY = datetime.timedelta(days=1)


@pytest.fixture
def questions(experience_survey):
    return {question.field_type: question for question in experience_survey["ar"].questions()}


@pytest.fixture
def answer(experience_survey, survey_pages, questions):
    """Make one response: ``answer(rating=4, radio=0, yesno="yes", days_ago=1, language="en")``."""

    def _answer(rating=None, radio=None, yesno=None, days_ago=1, language="ar", status="new"):
        answers = {}
        if rating is not None:
            answers[questions["rating"].clean_name] = rating
        if radio is not None:
            answers[questions["radio"].clean_name] = questions["radio"].choice_keys.split()[radio]
        if yesno is not None:
            answers[questions["yesno"].clean_name] = yesno
        submitted = timezone.now() - datetime.timedelta(days=days_ago)
        return SurveyResponseFactory(
            survey=experience_survey[language],
            source_page=survey_pages[language],
            answers=answers,
            status=status,
            submitted_at=submitted,
            status_changed_at=submitted,
        )

    return _answer


@pytest.fixture
def outcome(experience_survey):
    """An entry about the survey, in Arabic and its English translation."""
    index = OutcomeIndexPageFactory(title="قلتم وفعلنا", slug="قلتم-وفعلنا")
    arabic = OutcomePageFactory(parent=index, survey=experience_survey["ar"], title="مواعيد أقصر", slug="مواعيد")
    translate_page(index, {"title": "You said, we did", "slug": "you-said-we-did"})
    english = translate_page(arabic, {"title": "Shorter waits", "slug": "shorter-waits"})
    return {"ar": arabic, "en": english}


def charts(response):
    """{question label: [(answer label, percent text, count text)]} as the page shows them."""
    found = {}
    for figure in soup(response).select("figure.outcome-chart"):
        label = figure.select_one(".outcome-chart__question").get_text(strip=True)
        rows = []
        for row in figure.select("tbody tr"):
            cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
            rows.append((row.select_one(".outcome-bars__label").get_text(strip=True), *cells))
        found[label] = rows
    return found


def varied(answer, count, today=False):
    """``count`` responses in both languages, spread over the choices and (unless ``today``)
    over the twenty days before today."""
    for number in range(count):
        answer(
            rating=1 + number * 3 % 5,
            radio=number % 4,
            yesno="no" if number % 3 == 0 else "yes",
            days_ago=0 if today else 1 + number % 20,
            language="en" if number % 3 == 0 else "ar",
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_charts_show_the_survey_results_of_the_counted_responses(
    client, outcome, experience_survey, answer, questions, language
):
    varied(answer, 47)
    answer(rating=5, radio=0, yesno="yes", status="spam")  # never counted
    answer(rating=5, radio=0, yesno="yes", days_ago=0)  # today: counted from tomorrow
    counted = SurveyResponse.objects.exclude(status="spam").filter(submitted_at__lt=_midnight())
    earliest = counted.order_by("submitted_at", "pk").values_list("pk", flat=True)[:40]
    survey = experience_survey[language]
    with translation.override(language):
        expected = compute_results(survey, SurveyResponse.objects.filter(pk__in=list(earliest)))
        response = client.get(outcome[language].url)
    assert response.status_code == 200
    shown = charts(response)
    results = {result.question.clean_name: result for result in expected["questions"]}
    for field_type in ("rating", "radio", "yesno"):
        question = survey.questions()[[q.field_type for q in survey.questions()].index(field_type)]
        result = results[question.clean_name]
        assert result.answered == 40
        rows = shown[question.label]
        assert [count for _label, _percent, count in rows] == [str(count) for _label, count, _ in result.rows]
        assert [percent for _label, percent, _count in rows] == [f"{round(p)}%" for _label, _count, p in result.rows]
        if field_type == "radio":
            assert [label for label, *_ in rows] == [label for label, _count, _p in result.rows]
    assert "40" in soup(response).select_one(".outcome-chart__answered").get_text()
    # Free text and contact details are never published.
    assert len(shown) == 3


def _midnight():
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_question_is_shown_below_the_minimum(client, outcome, answer, language):
    varied(answer, 9)
    varied(answer, 5, today=True)  # sent today: not yet counted
    page = client.get(outcome[language].url)
    assert charts(page) == {}
    assert soup(page).select_one(".outcome-note") is not None
    answer(rating=4, radio=1, yesno="yes")
    assert len(charts(client.get(outcome[language].url))) == 3


def test_figures_move_only_in_whole_steps_of_ten_answers(outcome, answer, questions, experience_survey):
    varied(answer, 10)

    def answered():
        return {q.question.field_type: q.answered for q in published_results(experience_survey["ar"])}

    assert answered() == {"rating": 10, "radio": 10, "yesno": 10}
    answer(rating=1, radio=3, yesno="no")  # the eleventh: comparing two views must not show it
    before = published_results(experience_survey["ar"])
    assert answered() == {"rating": 10, "radio": 10, "yesno": 10}
    for _ in range(8):
        answer(rating=5)  # answers to the rating question only
    assert answered() == {"rating": 10, "radio": 10, "yesno": 10}
    answer(rating=5)
    assert answered() == {"rating": 20, "radio": 10, "yesno": 10}
    after = published_results(experience_survey["ar"])
    # The questions whose step did not change show exactly what they showed.
    assert [b.count for b in before[1].bars] == [b.count for b in after[1].bars]


def test_no_published_figure_identifies_a_person(client, outcome, answer, settings):
    # Ten answers: seven at the station, three by phone; ratings all but one a 4.
    for number in range(10):
        answer(rating=2 if number == 0 else 4, radio=0 if number < 7 else 1, yesno="yes")
    page = client.get(outcome["en"].url)
    shown = charts(page)
    figures = [int(cell) for rows in shown.values() for _label, *cells in rows for cell in cells if cell.isdigit()]
    assert all(figure == 0 or figure >= settings.OUTCOME_MINIMUM_BAR for figure in figures), shown
    where = next(rows for label, rows in shown.items() if label.startswith("Where"))
    # The three are hidden, and the seven with them: else 10 − 7 would give the three back.
    assert [cells for _label, *cells in where][:2] == [["fewer than 5 people"], ["fewer than 5 people"]]
    assert "3" not in [cell for _label, *cells in where for cell in cells]
    # The lone "2" hides the rating's bars and its average (which would give it back).
    text = page.content.decode()
    assert "Average rating" not in text
    assert "Yes" in str(shown)


@pytest.mark.parametrize("language", LANGUAGES)
def test_listing_in_each_language_newest_first_and_by_status(client, outcome, experience_survey, language):
    index = outcome["ar"].get_parent().specific
    older = OutcomePageFactory(
        parent=index,
        survey=experience_survey["ar"],
        title="دوريات أكثر",
        status="planned",
        outcome_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    translate_page(older, {"title": "More patrols"})
    listing = outcome[language].get_parent().url
    page = client.get(listing)
    titles = [a.get_text(strip=True) for a in soup(page).select(".card-title a")]
    expected = {"ar": ["دوريات أكثر", "مواعيد أقصر"], "en": ["More patrols", "Shorter waits"]}[language]
    assert titles == expected
    planned = client.get(listing + "?status=planned")
    assert [a.get_text(strip=True) for a in soup(planned).select(".card-title a")] == expected[:1]
    assert soup(planned).select_one("#filter-status option[selected]")["value"] == "planned"
    assert client.get(listing + "?status=nonsense").status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_survey_links_to_its_entries_only_when_there_are_live_ones(
    client, experience_survey, survey_pages, language
):
    for entry in OutcomePage.objects.live():  # the sample site's, if any
        entry.unpublish()
    assert soup(client.get(survey_pages[language].url)).select_one(".survey-outcomes") is None
    index = OutcomeIndexPageFactory(title="قلتم وفعلنا", slug="قلتم-وفعلنا")
    draft = OutcomePageFactory(parent=index, survey=experience_survey["ar"], title="مسودة", live=False)
    translate_page(index, {"title": "You said, we did", "slug": "you-said-we-did"})
    assert soup(client.get(survey_pages[language].url)).select_one(".survey-outcomes") is None
    assert not draft.live
    live = OutcomePageFactory(parent=index, survey=experience_survey["ar"], title="مواعيد أقصر")
    english = translate_page(live, {"title": "Shorter waits"})
    links = soup(client.get(survey_pages[language].url)).select(".survey-outcomes a")
    target = {"ar": live, "en": english}[language]
    assert [(a["href"], a.get_text(strip=True)) for a in links] == [(target.url, target.title)]


def test_a_kept_page_shows_the_figures_of_its_day(outcome, answer, settings):
    """The figures change at midnight only, and so does the page cache's key (its date)."""
    settings.PAGE_CACHE_SECONDS = 300
    varied(answer, 10)
    url = outcome["en"].url
    first = Client().get(url)
    assert first[page_cache.HIT_HEADER] == "miss"
    varied(answer, 10, today=True)  # sent today
    again = Client().get(url)
    assert again[page_cache.HIT_HEADER] == "hit"
    assert again.content == first.content  # and right: today's answers are not counted yet
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        tomorrow = Client().get(url)
        assert tomorrow[page_cache.HIT_HEADER] == "miss"
        assert re.search(r"\b20 answers\b", tomorrow.content.decode())


def test_the_listing_costs_the_same_with_ten_times_the_entries(client, experience_survey):
    index = OutcomeIndexPageFactory()
    OutcomePageFactory(parent=index, survey=experience_survey["ar"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index.url).status_code == 200
        return len(captured)

    queries()  # the first request of a process also finds the site and its locales
    one = queries()
    for _ in range(9):
        OutcomePageFactory(parent=index, survey=experience_survey["ar"])
    assert queries() == one


def test_an_entry_costs_the_same_with_ten_times_the_answers(client, outcome, answer):
    varied(answer, 20)
    url = outcome["en"].url

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries()
    fewer = queries()
    varied(answer, 180)
    assert len(charts(client.get(url))) == 3
    assert queries() == fewer


def test_an_entry_about_a_deleted_survey_still_renders(client, outcome):
    OutcomePage.objects.filter(pk=outcome["ar"].pk).update(survey=None)
    page = client.get(outcome["ar"].url)
    assert page.status_code == 200
    assert charts(page) == {}


def test_entries_go_under_their_index_and_one_index_per_home_page(outcome):
    index = outcome["ar"].get_parent().specific
    home = HomePage.objects.get(locale__language_code="ar")
    assert OutcomePage.can_create_at(index)
    assert not OutcomePage.can_create_at(home)
    assert not OutcomePage.can_create_at(CampaignIndexPage.objects.filter(locale=home.locale).first())
    assert not OutcomeIndexPage.can_create_at(home)
    assert OutcomePage.allowed_subpage_models() == []


def entry_form(index, survey, questions=(), **extra):
    """What the page editor sends for a new entry (published at once)."""
    data = {
        "title": "مواعيد مسائية",
        "slug": "مواعيد-مسائية",
        "summary": "فتحنا المكتب مساءً.",
        "survey": survey.pk,
        "you_said": "قلتم إن أوقات الدوام لا تناسبكم.",
        "body": streamfield([]),
        "status": "in_progress",
        "outcome_date": timezone.localdate().isoformat(),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "action-publish": "publish",
        **extra,
    }
    data = nested_form_data(data)
    data["questions"] = list(questions)
    return data


def test_the_editor_ticks_which_questions_an_entry_shows(login, staff, outcome, experience_survey, answer, questions):
    varied(answer, 10)
    index = outcome["ar"].get_parent().specific
    admin = login(staff["superuser"])
    form = soup(admin.get(f"/admin/pages/add/campaigns/outcomepage/{index.pk}/"))
    offered = {box["value"] for box in form.select('input[name="questions"]')}
    counted = {questions[kind].clean_name for kind in ("rating", "radio", "yesno")}
    assert counted <= offered
    assert questions["multiline"].clean_name not in offered  # no figures to show
    response = admin.post(
        f"/admin/pages/add/campaigns/outcomepage/{index.pk}/",
        entry_form(index, experience_survey["ar"], [questions["radio"].clean_name]),
    )
    assert response.status_code == 302, soup(response).select(".error-message, .help-critical")
    entry = OutcomePage.objects.get(slug="مواعيد-مسائية")
    assert entry.live
    assert entry.questions == [questions["radio"].clean_name]
    shown = charts(Client().get(entry.url))
    assert list(shown) == [questions["radio"].label]


def test_questions_of_another_survey_are_refused(login, staff, outcome, experience_survey):
    other = SurveyFieldFactory(field_type="yesno", label="سؤال آخر")
    index = outcome["ar"].get_parent().specific
    response = login(staff["superuser"]).post(
        f"/admin/pages/add/campaigns/outcomepage/{index.pk}/",
        entry_form(index, experience_survey["ar"], [other.clean_name]),
    )
    assert response.status_code == 200
    assert not OutcomePage.objects.filter(slug="مواعيد-مسائية").exists()
    errors = " ".join(e.get_text() for e in soup(response).select(".error-message, .help-critical"))
    assert "chosen survey" in errors or "الاستبيان المختار" in errors
