"""Exports of the queues as CSV and XLSX.

CSV: UTF-8 with a byte-order mark (so Excel opens Arabic correctly), columns
in a fixed order, cells that a spreadsheet would run as a formula neutralised
with a leading apostrophe. XLSX: the same rows, formula-looking values kept
as plain strings. Both follow the listing's filters and find key, and each
export is written to the audit log with its format and row count but without
any personal data. A survey-response export filtered by one survey has a
column per question (in the survey's order, blank questions included) with
choices shown as labels, Arabic and English responses in the same columns.
"""

import codecs
import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, ModelLogEntry

from surveys.models import SurveyResponse
from tests import factories
from tests.conftest import GROUPS, choice_key, make_user
from tests.factories import VolunteerApplicationFactory
from volunteer_signup.models import VolunteerApplication, VolunteerRole

pytestmark = pytest.mark.django_db

INDEX = "/admin/volunteer_application/"
RESPONSES = "/admin/survey_response/"
LANGUAGES = ["ar", "en"]

# (list_export field, heading msgid): the order coordinators rely on in their spreadsheets.
APPLICATION_COLUMNS = [
    ("reference", "reference"),
    ("status", "Status"),
    ("submitted_at", "received"),
    ("locale", "language"),
    # The answers are headed by the questions the form asked (the model's verbose names).
    ("full_name", "Full name"),
    ("phone", "Mobile phone number"),
    ("email", "Email address"),
    ("age", "How old are you?"),
    ("area", "Where do you live?"),
    ("languages", "Which languages do you speak?"),
    ("roles", "What would you like to do?"),
    ("availability", "When are you available?"),
    ("skills", "Skills and experience"),
    ("motivation", "Why do you want to volunteer?"),
    ("assignee", "assigned to"),
    ("repeat_of", "Earlier application"),
    ("consented_at", "consent given"),
]


def make_application(**fields):
    defaults = {"full_name": "Export Applicant", "age_band": "35_44", "motivation": "To help.", "languages": ["ar"]}
    return VolunteerApplicationFactory(**{**defaults, **fields})


def headings(language, msgids):
    with translation.override(language):
        return [gettext(msgid)[:1].upper() + gettext(msgid)[1:] for msgid in msgids]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = body(response)
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(content.decode("utf-8").removeprefix("\ufeff"))))


def read_xlsx(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)))
    return workbook.active


def by_reference(rows):
    return {row[0]: row for row in rows[1:]}


@pytest.fixture
def applications(db, roles_and_areas):
    arabic = Locale.objects.get(language_code="ar")
    role = roles_and_areas["roles"]["ar"][0]
    area = roles_and_areas["areas"]["ar"][0]
    return {
        "arabic": make_application(
            full_name="فاطمة الزهراء العلي",
            phone="0501112233",
            email="fatima@example.org",
            roles=[role],
            area=area,
            locale=arabic,
            motivation="أريد أن أساعد أطفال الحي.",
        ),
        "formulas": make_application(
            full_name="=1+2",
            skills="@SUM(A1:A2)",
            motivation="-2+3",
            status="in_review",
        ),
        "plus": make_application(full_name="+44 trick", phone="0502223344"),
        "role": role,
        "area": area,
    }


def test_csv_export_has_bom_fixed_columns_and_arabic_intact(login, coordinator, language, applications):
    rows = read_csv(login(coordinator).get(INDEX, {"export": "csv"}))
    assert rows[0] == headings(language, [msgid for _field, msgid in APPLICATION_COLUMNS])
    assert len(rows) - 1 == VolunteerApplication.objects.count()

    row = by_reference(rows)[applications["arabic"].reference]
    columns = [field for field, _msgid in APPLICATION_COLUMNS]
    values = dict(zip(columns, row, strict=True))
    assert values["full_name"] == "فاطمة الزهراء العلي"
    assert values["motivation"] == "أريد أن أساعد أطفال الحي."
    # Roles and areas in the coordinator's language, whatever language the applicant used.
    staff_locale = Locale.objects.get(language_code=language)
    assert values["roles"] == applications["role"].get_translation(staff_locale).name
    assert values["area"] == applications["area"].get_translation(staff_locale).name
    assert values["phone"] == "050 111 2233"  # shown nationally
    assert values["email"] == "fatima@example.org"
    with translation.override(language):
        assert values["status"] == gettext("New")
        assert values["languages"] == gettext("Arabic")
        assert values["age"] == gettext("35 to 44")


def test_csv_export_neutralises_values_a_spreadsheet_would_run(login, staff, applications):
    rows = by_reference(read_csv(login(staff["coordinator"]).get(INDEX, {"export": "csv"})))
    columns = [field for field, _msgid in APPLICATION_COLUMNS]
    formulas = dict(zip(columns, rows[applications["formulas"].reference], strict=True))
    assert formulas["full_name"] == "'=1+2"
    assert formulas["skills"] == "'@SUM(A1:A2)"
    assert formulas["motivation"] == "'-2+3"
    plus = dict(zip(columns, rows[applications["plus"].reference], strict=True))
    assert plus["full_name"] == "'+44 trick"
    for row in rows.values():
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_xlsx_export_has_the_same_rows_and_formula_looking_values_as_text(login, coordinator, language, applications):
    client = login(coordinator)
    csv_rows = read_csv(client.get(INDEX, {"export": "csv"}))
    sheet = read_xlsx(client.get(INDEX, {"export": "xlsx"}))
    xlsx_rows = [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert [str(v) for v in xlsx_rows[0]] == headings(language, [msgid for _field, msgid in APPLICATION_COLUMNS])
    assert [str(v) for v in xlsx_rows[0]] == csv_rows[0]
    assert sorted(row[0] for row in xlsx_rows[1:]) == sorted(row[0] for row in csv_rows[1:])
    assert bool(sheet.sheet_view.rightToLeft) == (language == "ar")  # unset: left to right

    name_column = [field for field, _msgid in APPLICATION_COLUMNS].index("full_name")
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type != "f" for cell in row)
        if row[0].value == applications["formulas"].reference:
            # A text cell, shown as typed: unlike CSV, XLSX needs no ' in front.
            assert row[name_column].value == "=1+2"
            assert row[name_column].data_type == "s"
        if row[0].value == applications["arabic"].reference:
            assert row[name_column].value == "فاطمة الزهراء العلي"


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_follows_the_active_filters(export_format, login, staff, applications):
    client = login(staff["coordinator"])
    response = client.get(INDEX, {"status": "new", "export": export_format})
    if export_format == "csv":
        references = {row[0] for row in read_csv(response)[1:]}
    else:
        references = {row[0].value for row in read_xlsx(response).iter_rows(min_row=2)}
    assert references == set(VolunteerApplication.objects.filter(status="new").values_list("reference", flat=True))
    assert applications["formulas"].reference not in references


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_follows_the_find_key_and_logs_no_personal_data(export_format, login, staff, applications):
    client = login(staff["coordinator"])
    location = client.post(INDEX + "find/", {"q": "0501112233"})["Location"]
    response = client.get(location + f"&export={export_format}")
    if export_format == "csv":
        references = [row[0] for row in read_csv(response)[1:]]
    else:
        references = [row[0].value for row in read_xlsx(response).iter_rows(min_row=2)]
    assert references == [applications["arabic"].reference]

    entry = ModelLogEntry.objects.get(action="sharaka.submission.export", user=staff["coordinator"])
    assert entry.data["format"] == export_format
    assert entry.data["count"] == 1
    logged = json.dumps(entry.data, ensure_ascii=False) + entry.label
    for secret in ("0501112233", "فاطمة", "fatima", applications["arabic"].reference):
        assert secret not in logged


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_each_export_is_logged_with_format_and_count(export_format, login, staff, applications):
    client = login(staff["coordinator"])
    response = client.get(INDEX, {"export": export_format, "status": "in_review"})
    assert response.status_code == 200
    body(response)
    entries = ModelLogEntry.objects.filter(action="sharaka.submission.export")
    entry = entries.get()
    assert entry.user == staff["coordinator"]
    assert entry.data["format"] == export_format
    assert entry.data["count"] == VolunteerApplication.objects.filter(status="in_review").count()
    assert entry.data["filters"] == {"status": ["in_review"]}
    logged = json.dumps(entry.data, ensure_ascii=False)
    for application in VolunteerApplication.objects.all():
        for value in (application.full_name, application.phone, application.motivation):
            assert value not in logged
    assert "no-store" in response["Cache-Control"]


# --- survey responses --------------------------------------------------------------------------

QUESTIONS = [
    # field type, Arabic label, English label, required, Arabic choices, English choices
    ("rating", "تقييم الخدمة", "Rate the service", True, "", ""),
    ("radio", "أين؟", "Where?", True, "المركز\nالهاتف\nالموقع", "Station\nPhone\nWebsite"),
    ("checkboxes", "ما الذي أعجبك؟", "What did you like?", True, "السرعة\nاللطف\nالوضوح", "Speed\nKindness\nClarity"),
    ("yesno", "هل تنصح بنا؟", "Would you recommend us?", True, "", ""),
    ("singleline", "سؤال لم يجب عنه أحد", "A question nobody answered", True, "", ""),
    ("multiline", "ملاحظات", "Comments", True, "", ""),
    ("contact", "التواصل", "Contact", True, "", ""),
]


@pytest.fixture
def bilingual_survey(db):
    return factories.bilingual_survey(
        QUESTIONS, title=("استبيان التصدير", "Export survey"), thank_you=("شكراً", "Thanks")
    )


def keys_of(survey):
    return {q.field_type: q.clean_name for q in survey.questions()}


@pytest.fixture
def survey_responses(bilingual_survey):
    keys = keys_of(bilingual_survey["ar"])
    arabic = SurveyResponse.objects.create(
        survey=bilingual_survey["ar"],
        locale=bilingual_survey["ar"].locale,
        answers={
            keys["rating"]: 4,
            keys["radio"]: choice_key(keys["radio"], 1),
            keys["checkboxes"]: [choice_key(keys["checkboxes"], 0), choice_key(keys["checkboxes"], 2)],
            keys["yesno"]: "yes",
            keys["multiline"]: "خدمة ممتازة",
        },
    )
    english = SurveyResponse.objects.create(
        survey=bilingual_survey["en"],
        locale=bilingual_survey["en"].locale,
        answers={
            keys["rating"]: 2,
            keys["radio"]: choice_key(keys["radio"], 2),
            keys["checkboxes"]: [choice_key(keys["checkboxes"], 1)],
            keys["yesno"]: "no",
            keys["multiline"]: "=cmd|' /C calc'!A0",
        },
        contact="resident@example.org",
        contact_consent=True,
    )
    return {"ar": arabic, "en": english}


@pytest.fixture
def officer(db, language):
    return make_user(f"export_officer_{language}", GROUPS["officer"], language=language)


def test_response_export_for_one_survey_has_a_column_per_question_with_labels(
    login, officer, language, bilingual_survey, survey_responses
):
    rows = read_csv(login(officer).get(RESPONSES, {"survey": bilingual_survey["ar"].pk, "export": "csv"}))
    reader = bilingual_survey[language]
    questions = [q for q in reader.questions() if q.field_type != "contact"]
    header = rows[0]
    assert header[-len(questions) :] == [q.label for q in questions]
    assert reader.questions()[4].label in header  # the blank question keeps its column
    assert len(rows) == 3  # both languages, nothing from other surveys

    first_answer = len(header) - len(questions)
    answers = {row[0]: row[first_answer:] for row in rows[1:]}
    radio, checkboxes = reader.questions()[1].choice_labels, reader.questions()[2].choice_labels
    with translation.override(language):
        yes, no = gettext("Yes"), gettext("No")
    comma = "، " if language == "ar" else ", "  # the officer's language's list comma
    assert answers[survey_responses["ar"].reference] == [
        "4",
        radio[1],
        f"{checkboxes[0]}{comma}{checkboxes[2]}",
        yes,
        "",
        "خدمة ممتازة",
    ]
    assert answers[survey_responses["en"].reference] == [
        "2",
        radio[2],
        checkboxes[1],
        no,
        "",
        "'=cmd|' /C calc'!A0",
    ]


def test_response_xlsx_export_for_one_survey_matches_the_csv(login, staff, bilingual_survey, survey_responses):
    client = login(staff["officer"])
    params = {"survey": bilingual_survey["ar"].pk}
    csv_rows = read_csv(client.get(RESPONSES, {**params, "export": "csv"}))
    sheet = read_xlsx(client.get(RESPONSES, {**params, "export": "xlsx"}))
    xlsx_rows = [["" if cell.value is None else cell.value for cell in row] for row in sheet.iter_rows()]
    assert xlsx_rows[0] == csv_rows[0]
    answers_from = len(csv_rows[0]) - 6
    # The CSV prefixes formula-looking text with '; XLSX stores it as a text cell instead.
    csv_answers = {row[0]: [v.removeprefix("'") for v in row[answers_from:]] for row in csv_rows[1:]}
    xlsx_answers = {row[0]: [str(v) if v != "" else "" for v in row[answers_from:]] for row in xlsx_rows[1:]}
    assert xlsx_answers == csv_answers


def test_response_export_logs_no_answers_or_contact(login, staff, bilingual_survey, survey_responses):
    client = login(staff["officer"])
    body(client.get(RESPONSES, {"survey": bilingual_survey["ar"].pk, "export": "csv"}))
    entry = ModelLogEntry.objects.get(action="sharaka.submission.export")
    assert entry.data["count"] == 2
    assert entry.data["format"] == "csv"
    logged = json.dumps(entry.data, ensure_ascii=False)
    for secret in ("resident@example.org", "خدمة ممتازة", "calc", survey_responses["ar"].reference):
        assert secret not in logged


def test_response_export_of_every_survey_puts_labelled_answers_in_one_column(
    login, staff, bilingual_survey, survey_responses
):
    rows = read_csv(login(staff["officer"]).get(RESPONSES, {"export": "csv"}))
    assert rows[0][-1] == "Answers"
    row = by_reference(rows)[survey_responses["en"].reference]
    assert "Where?: Website" in row[-1]
    assert "Would you recommend us?: No" in row[-1]
    assert "resident@example.org" in row  # contact given with consent has its own column


@pytest.mark.parametrize(("preferred", "browser_language"), [("ar", "en"), ("en", "ar")])
def test_xlsx_direction_and_headings_follow_the_admin_language_not_the_browser(
    preferred, browser_language, login, applications
):
    user = make_user(f"xlsx_{preferred}", GROUPS["coordinator"], language=preferred)
    client = login(user, HTTP_ACCEPT_LANGUAGE=browser_language)
    sheet = read_xlsx(client.get(INDEX, {"export": "xlsx"}))
    assert bool(sheet.sheet_view.rightToLeft) == (preferred == "ar")
    assert [cell.value for cell in next(sheet.iter_rows(max_row=1))] == headings(
        preferred, [msgid for _field, msgid in APPLICATION_COLUMNS]
    )


def test_lists_in_one_cell_use_the_staff_members_comma(login, staff):
    """Roles, languages and availability are joined with "،" in Arabic, "," in English."""
    roles = list(VolunteerRole.objects.filter(locale__language_code="en")[:2])
    application = make_application(roles=roles, availability=["weekends", "weekday_evenings"])
    for language, comma in (("ar", "، "), ("en", ", ")):
        user = make_user(f"comma_{language}", GROUPS["coordinator"], language=language)
        rows = read_csv(login(user).get(INDEX, {"export": "csv"}))
        row = next(row for row in rows if row and row[0] == application.reference)
        roles_cell = row[[field for field, _msgid in APPLICATION_COLUMNS].index("roles")]
        assert comma in roles_cell, (language, roles_cell)
        other = ", " if comma == "، " else "، "
        assert other not in roles_cell


# --- every column in both languages, and a constant number of queries -------------------------


def test_every_column_reads_as_staff_see_it_in_csv_and_xlsx(login, coordinator, language, applications, staff):
    """Record columns too: status, local times, language, assignee, earlier application."""
    arabic = applications["arabic"]
    arabic.assignee = staff["coordinator"]
    arabic.repeat_of = applications["plus"]
    arabic.submitted_at = datetime.datetime(2026, 12, 6, 20, 30, tzinfo=datetime.UTC)  # 00:30 next day in Dubai
    arabic.save()
    client = login(coordinator)
    columns = [field for field, _msgid in APPLICATION_COLUMNS]
    row = dict(
        zip(columns, by_reference(read_csv(client.get(INDEX, {"export": "csv"})))[arabic.reference], strict=True)
    )
    with translation.override(language):
        assert row["status"] == gettext("New")
        assert row["locale"] == str(Locale.objects.get(language_code="ar"))  # the language's name, in the reader's
        assert row["roles"] == applications["role"].get_translation(Locale.objects.get(language_code=language)).name
    assert row["submitted_at"] == "2026-12-07 00:30"  # local time (Asia/Dubai)
    assert row["assignee"] == str(staff["coordinator"])
    assert row["repeat_of"] == applications["plus"].reference
    assert row["email"] == "fatima@example.org"

    sheet = read_xlsx(client.get(INDEX, {"export": "xlsx"}))
    cells = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == arabic.reference)
    xlsx_row = dict(zip(columns, cells, strict=True))
    assert xlsx_row["submitted_at"] == datetime.datetime(2026, 12, 7, 0, 30)  # a date cell, in local time
    for field in columns:
        if field not in ("submitted_at", "consented_at"):
            assert (xlsx_row[field] or "") == row[field], field


def export_queries(client, url, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
        body(response)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_an_export_makes_the_same_number_of_queries_for_3_and_30_applications(
    export_format, login, staff, roles_and_areas
):
    roles = list(VolunteerRole.objects.all())
    client = login(staff["coordinator"])
    for _ in range(3):
        make_application(roles=roles[:2], assignee=staff["coordinator"])
    export_queries(client, INDEX, {"export": export_format})  # per-process caches warmed
    few = export_queries(client, INDEX, {"export": export_format})
    earlier = VolunteerApplication.objects.first()
    for n in range(27):
        make_application(roles=roles[n % 3 :], assignee=staff["officer"] if n % 2 else None, repeat_of=earlier)
    assert export_queries(client, INDEX, {"export": export_format}) == few


@pytest.mark.parametrize("params", [{}, {"survey": "ar"}], ids=["every survey", "one survey"])
def test_a_response_export_makes_the_same_number_of_queries_for_3_and_30_responses(
    params, login, staff, bilingual_survey
):
    client = login(staff["officer"])
    params = {"export": "csv", **({"survey": bilingual_survey["ar"].pk} if params else {})}
    keys = keys_of(bilingual_survey["ar"])

    def respond(count):
        for n in range(count):
            survey = bilingual_survey["ar" if n % 2 else "en"]
            SurveyResponse.objects.create(
                survey=survey, locale=survey.locale, answers={keys["rating"]: n % 5 + 1, keys["yesno"]: "yes"}
            )

    respond(3)
    export_queries(client, RESPONSES, params)
    few = export_queries(client, RESPONSES, params)
    respond(27)
    assert export_queries(client, RESPONSES, params) == few
