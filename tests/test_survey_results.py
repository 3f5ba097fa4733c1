"""Survey results for feedback officers, checked against counts made here.

The numbers on /admin/survey_response/results/<survey>/ are recomputed in the
test from the SurveyResponse rows of both language versions of the survey
(spam left out): total, counts and percentages per choice, rating average and
distribution, yes/no counts. The page is the same whichever language version's
id is in the URL, filters by language, page and date change the numbers as
they should, free-text answers are listed escaped, and the CSV summary holds
the same rows. Coordinators cannot open results.
"""

import codecs
import csv
import io
import re
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale, ModelLogEntry

from surveys.models import SurveyResponse
from tests.conftest import GROUPS, choice_key, make_user, soup
from tests.factories import varied_survey_responses

pytestmark = pytest.mark.django_db

RESULTS = "/admin/survey_response/results/{pk}/"
LANGUAGES = ["ar", "en"]


@pytest.fixture
def surveys(experience_survey):
    return experience_survey


@pytest.fixture
def responses(surveys, survey_pages):
    """Thirty responses in both languages, over sixty days, two of them spam."""
    return varied_survey_responses(surveys, survey_pages)


@pytest.fixture
def officer(db, language):
    return make_user(f"results_officer_{language}", GROUPS["officer"], language=language)


@pytest.fixture
def extra_responses(surveys, survey_pages, responses):
    """A few responses beyond ``responses``: one English without a page, one spam with answers."""
    questions = {q.field_type: q.clean_name for q in surveys["ar"].questions()}
    english = Locale.objects.get(language_code="en")
    texts = [q.clean_name for q in surveys["ar"].questions() if q.field_type == "multiline"]
    SurveyResponse.objects.create(
        survey=surveys["en"],
        locale=english,
        source_page=None,
        answers={
            questions["rating"]: 1,
            questions["radio"]: choice_key(questions["radio"], 3),
            questions["yesno"]: "no",
        },
        submitted_at=timezone.now() - timedelta(days=1),
    )
    SurveyResponse.objects.create(
        survey=surveys["ar"],
        locale=surveys["ar"].locale,
        source_page=survey_pages["ar"],
        answers={
            questions["rating"]: 5,
            questions["radio"]: choice_key(questions["radio"], 0),
            questions["yesno"]: "yes",
            texts[0]: "spam text",
        },
        status="spam",
    )


def independent_results(surveys, reader_language, keep=lambda response: True):
    """Count what the results page should show, straight from the rows."""
    reader = surveys[reader_language]
    rows = [
        response
        for response in SurveyResponse.objects.filter(survey__in=[surveys["ar"], surveys["en"]])
        if response.status != "spam" and keep(response)
    ]
    with translation.override(reader_language):
        yes, no = gettext("Yes"), gettext("No")
    results = {"total": len(rows), "questions": {}}
    for question in reader.questions():
        if question.field_type == "contact":
            continue
        values = [r.answers.get(question.clean_name) for r in rows]
        values = [v for v in values if v not in (None, "", [])]
        answered = len(values)

        def share(count, answered=answered):
            return round(100 * count / answered, 1) if answered else 0.0

        counts = Counter(str(v) for v in values)
        if question.field_type == "rating":
            table = [(str(s), counts[str(s)], share(counts[str(s)])) for s in range(5, 0, -1)]
            average = round(sum(int(v) for v in values) / answered, 1) if answered else None
        elif question.field_type == "radio":
            table = [(label, counts[key], share(counts[key])) for key, label in question.choice_pairs]
            average = None
        elif question.field_type == "yesno":
            table = [(yes, counts["yes"], share(counts["yes"])), (no, counts["no"], share(counts["no"]))]
            average = None
        else:
            table, average = [], None
        results["questions"][question.label] = {"answered": answered, "rows": table, "average": average}
    return results


def parse_page(response):
    assert response.status_code == 200
    page = soup(response)
    total_text = page.select_one(".sharaka-results-total").get_text(" ", strip=True)
    results = {"total": int(re.search(r"\d+", total_text).group()), "questions": {}}
    for part in page.select("section.sharaka-question"):
        help_text = part.select_one("p.help").get_text(" ", strip=True)
        average = re.search(r"\d+\.\d+", help_text)
        rows = []
        for tr in part.select("tbody tr"):
            cells = tr.select("td")
            rows.append((tr.th.get_text(strip=True), int(cells[0].get_text()), float(cells[1].get_text().strip()[:-1])))
            bar = cells[1].select_one(".sharaka-bar")
            assert bar["aria-hidden"] == "true"
            assert bar.span["style"] == f"inline-size: {rows[-1][2]:.1f}%"
        results["questions"][part.h2.get_text(strip=True)] = {
            "answered": int(re.search(r"\d+", help_text).group()),
            "rows": rows,
            "average": float(average.group()) if average else None,
        }
    return results


def test_results_match_an_independent_count_of_both_languages(login, officer, language, surveys, extra_responses):
    expected = independent_results(surveys, language)
    shown = parse_page(login(officer).get(RESULTS.format(pk=surveys["ar"].pk)))
    assert shown == expected
    languages = set(
        SurveyResponse.objects.filter(survey__in=surveys.values()).values_list("locale__language_code", flat=True)
    )
    assert languages == {"ar", "en"}  # the count really mixes both languages
    assert expected["total"] == SurveyResponse.objects.filter(survey__in=surveys.values()).count() - 3


def test_results_are_the_same_for_the_arabic_and_the_english_survey(login, staff, surveys, responses, extra_responses):
    client = login(staff["officer"])
    from_arabic = parse_page(client.get(RESULTS.format(pk=surveys["ar"].pk)))
    from_english = parse_page(client.get(RESULTS.format(pk=surveys["en"].pk)))
    assert from_arabic == from_english
    assert from_arabic["total"] == len([r for r in responses if r.status != "spam"]) + 1


def _local_date(days_ago):
    return timezone.localdate() - timedelta(days=days_ago)


FILTERS = {
    "language-en": (
        lambda s, p: {"language": "en"},
        lambda s, p: lambda r: r.locale.language_code == "en",
    ),
    "language-ar": (
        lambda s, p: {"language": "ar"},
        lambda s, p: lambda r: r.locale.language_code == "ar",
    ),
    "english-page": (
        lambda s, p: {"page": p["en"].pk},
        lambda s, p: lambda r: r.source_page_id == p["en"].pk,
    ),
    "date-range": (
        lambda s, p: {"from": _local_date(30).isoformat(), "to": _local_date(10).isoformat()},
        lambda s, p: lambda r: _local_date(30) <= timezone.localtime(r.submitted_at).date() <= _local_date(10),
    ),
}


@pytest.mark.parametrize("case", FILTERS)
def test_results_filters_change_the_numbers(case, login, staff, surveys, survey_pages, extra_responses):
    params, keep = FILTERS[case]
    client = login(staff["officer"])
    everything = parse_page(client.get(RESULTS.format(pk=surveys["ar"].pk)))
    shown = parse_page(client.get(RESULTS.format(pk=surveys["ar"].pk), params(surveys, survey_pages)))
    expected = independent_results(surveys, "en", keep(surveys, survey_pages))
    assert shown == expected
    assert 0 < shown["total"] < everything["total"]


def test_language_and_page_filters_differ_when_a_response_has_no_page(
    login, staff, surveys, survey_pages, extra_responses
):
    client = login(staff["officer"])
    url = RESULTS.format(pk=surveys["ar"].pk)
    by_language = parse_page(client.get(url, {"language": "en"}))["total"]
    by_page = parse_page(client.get(url, {"page": survey_pages["en"].pk}))["total"]
    assert by_language == by_page + 1


def test_latest_free_text_answers_are_listed_escaped(login, staff, surveys, responses):
    text_key = next(q.clean_name for q in surveys["ar"].questions() if q.field_type == "multiline")
    payload = "<script>alert('results')</script> <b>bold</b>"
    SurveyResponse.objects.create(
        survey=surveys["en"],
        locale=surveys["en"].locale,
        answers={text_key: payload},
        submitted_at=timezone.now(),
    )
    response = login(staff["officer"]).get(RESULTS.format(pk=surveys["ar"].pk))
    page = soup(response)
    label = next(q.label for q in surveys["en"].questions() if q.clean_name == text_key)
    part = next(s for s in page.select("section.sharaka-question") if s.h2.get_text(strip=True) == label)
    latest = part.select(".sharaka-latest li p")
    assert latest
    assert latest[0].get_text() == payload
    assert part.select("script") == []
    assert part.select("b") == []
    assert "&lt;script&gt;alert" in response.content.decode()


def test_spam_answers_are_not_listed(login, staff, surveys, extra_responses):
    response = login(staff["officer"]).get(RESULTS.format(pk=surveys["ar"].pk))
    assert "spam text" not in response.content.decode()


def read_summary(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))


def test_summary_csv_has_a_bom_and_the_rows_of_the_page(login, officer, language, surveys, extra_responses):
    client = login(officer)
    url = RESULTS.format(pk=surveys["ar"].pk)
    page = parse_page(client.get(url, {"language": "en"}))
    rows = read_summary(client.get(url, {"language": "en", "format": "csv"}))

    with translation.override(language):
        assert rows[0] == [gettext("Question"), gettext("Answer"), gettext("Responses"), gettext("Percent")]
        assert rows[1] == [gettext("All responses"), "", str(page["total"]), ""]
        average_label, free_text = gettext("Average"), gettext("(free text)")
    expected = []
    for label, result in page["questions"].items():
        if not result["rows"]:
            expected.append([label, free_text, str(result["answered"]), ""])
            continue
        expected.extend([label, option, str(count), str(percent)] for option, count, percent in result["rows"])
        if result["average"] is not None:
            expected.append([label, average_label, str(result["average"]), ""])
    assert rows[2:] == expected

    entry = ModelLogEntry.objects.get(action="sharaka.submission.export", user=officer)
    assert entry.data["format"] == "results-csv"
    assert entry.data["count"] == page["total"]


@pytest.mark.parametrize("role", ["coordinator", "editor", "translator"])
def test_results_are_refused_to_staff_outside_the_feedback_team(role, login, staff, surveys, extra_responses):
    client = login(staff[role])
    for params in ({}, {"format": "csv"}):
        response = client.get(RESULTS.format(pk=surveys["ar"].pk), params)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == "/admin/"
        assert b"sharaka-question" not in response.content
        assert not response.content.startswith(codecs.BOM_UTF8)
    assert not ModelLogEntry.objects.filter(action="sharaka.submission.export").exists()


@pytest.mark.parametrize("dates", [{"from": "abc"}, {"to": "2026-02-30"}, {"from": "2026-13-01", "to": "x"}])
def test_impossible_dates_in_the_results_filters_are_ignored_not_an_error(login, staff, surveys, responses, dates):
    client = login(staff["officer"])
    unfiltered = parse_page(client.get(RESULTS.format(pk=surveys["ar"].pk)))
    response = client.get(RESULTS.format(pk=surveys["ar"].pk), dates)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert parse_page(response) == unfiltered
    assert client.get(RESULTS.format(pk=surveys["ar"].pk), {**dates, "format": "csv"}).status_code == 200
