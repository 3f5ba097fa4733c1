"""Staff tools in the staff member's language, a readable history, and decisions
without a reason sent back to the form.

* Roles and areas are translatable snippets and an application stores the
  rows of the applicant's language; staff see and export them in their own
  admin language, one name per option (listing, inspect, filters, CSV and
  XLSX), looked up once per listing or export, not once per row.
* Viewings are folded into one history line per person and day, with a
  count; "Show every view" lists each one; coming back to the record after
  one's own action is not a viewing.
* A decision without a reason shows the form again (400) with the error on
  the reason field, in the inspect view and in the bulk action.
"""

import codecs
import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Locale, ModelLogEntry

from tests.conftest import GROUPS, make_user, soup
from tests.factories import SurveyResponseFactory
from tests.test_queue import INDEX, assert_reason_error, make_application, tr
from volunteer_signup.models import Area, VolunteerApplication, VolunteerRole
from volunteer_signup.viewsets import ApplicationViewSet

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]
VIEW = "sharaka.submission.view"


@pytest.fixture
def pair(db, roles_and_areas):
    """The same role and area chosen by an Arabic and an English applicant."""
    arabic = Locale.objects.get(language_code="ar")
    english = Locale.objects.get(language_code="en")
    role_ar, role_en = roles_and_areas["roles"]["ar"][0], roles_and_areas["roles"]["en"][0]
    area_ar, area_en = roles_and_areas["areas"]["ar"][0], roles_and_areas["areas"]["en"][0]
    assert role_ar.name != role_en.name and area_ar.name != area_en.name
    return {
        "ar": make_application(full_name="Arabic Applicant", locale=arabic, roles=[role_ar], area=area_ar),
        "en": make_application(full_name="English Applicant", locale=english, roles=[role_en], area=area_en),
        "role": {"ar": role_ar, "en": role_en},
        "area": {"ar": area_ar, "en": area_en},
    }


def cells(page, record):
    row = page.select_one(f"#submission_{record.pk}_title").find_parent("tr")
    return [td.get_text(" ", strip=True) for td in row.select("td")]


# --- 13. roles and areas in the staff member's language -----------------------------------------


def test_listing_shows_roles_and_areas_in_the_staff_language(login, coordinator, language, pair):
    page = soup(login(coordinator).get(INDEX))
    for record in (pair["ar"], pair["en"]):
        row = cells(page, record)
        assert pair["role"][language].name in row, row
        assert pair["area"][language].name in row, row
        other = "en" if language == "ar" else "ar"
        assert pair["area"][other].name not in " ".join(row)
        assert pair["role"][other].name not in " ".join(row)


def test_inspect_shows_roles_and_areas_in_the_staff_language(login, coordinator, language, pair):
    client = login(coordinator)
    for record in (pair["ar"], pair["en"]):
        answers = soup(client.get(f"{INDEX}inspect/{record.pk}/")).select_one("#answers-heading").parent
        text = answers.get_text(" ")
        assert pair["area"][language].name in text
        with translation.override(language):
            roles_label = gettext("What would you like to do?")
        label = next(dt for dt in answers.select("dt") if dt.get_text(strip=True) == roles_label)
        roles = label.find_next_sibling("dd")
        assert [li.get_text(strip=True) for li in roles.select("li")] == [pair["role"][language].name]


@pytest.mark.parametrize("name", ["area", "role"])
def test_filters_list_each_option_once_in_the_staff_language_and_match_both(name, login, coordinator, language, pair):
    model = Area if name == "area" else VolunteerRole
    client = login(coordinator)
    page = soup(client.get(INDEX))
    options = [o for o in page.select(f'select[name="{name}"] option') if o.get("value")]
    locale = Locale.objects.get(language_code=language)
    expected = list(model.objects.filter(locale=locale).order_by("sort_order", "name").values_list("pk", "name"))
    assert [(int(o["value"]), o.get_text(strip=True)) for o in options] == expected

    # Either language's row finds both applications, and shows selected as the staff member's.
    for chosen in (pair[name]["ar"], pair[name]["en"]):
        response = client.get(INDEX, {name: chosen.pk})
        page = soup(response)
        shown = {int(a["id"].split("_")[1]) for a in page.select("a[id^=submission_][id$=_title]")}
        assert {pair["ar"].pk, pair["en"].pk} <= shown
        selected = page.select_one(f'select[name="{name}"] option[selected]')
        assert selected["value"] == str(pair[name][language].pk)


def read_export(response, export_format):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        text = content.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        return list(csv.reader(io.StringIO(text)))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [["" if cell.value is None else str(cell.value) for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exports_give_one_name_per_option_in_the_staff_language(export_format, login, coordinator, language, pair):
    rows = read_export(login(coordinator).get(INDEX, {"export": export_format}), export_format)
    with translation.override(language):
        area_heading, roles_heading = gettext("Where do you live?"), gettext("What would you like to do?")
    area_column, roles_column = rows[0].index(area_heading), rows[0].index(roles_heading)
    by_reference = {row[0]: row for row in rows[1:]}
    for record in (pair["ar"], pair["en"]):
        assert by_reference[record.reference][area_column] == pair["area"][language].name
        assert by_reference[record.reference][roles_column] == pair["role"][language].name


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_looks_options_up_once_not_per_row(export_format, login, staff, pair):
    client = login(staff["coordinator"])
    roles = list(VolunteerRole.objects.all())
    areas = list(Area.objects.all())

    def queries():
        with CaptureQueriesContext(connection) as context:
            read_export(client.get(INDEX, {"export": export_format}), export_format)
        return len(context.captured_queries)

    queries()
    few = queries()
    for n in range(30):
        make_application(phone=f"05077{n:05d}", roles=roles[n % 3 : n % 3 + 2], area=areas[n % len(areas)])
    assert queries() == few


def test_nobody_is_in_the_admin_language_whatever_language_built_the_columns(login, coordinator, language):
    other = "en" if language == "ar" else "ar"
    with translation.override(other):  # the URLs (and so the columns) may load in either language
        column = next(c for c in ApplicationViewSet().list_display if c.name == "assignee")
    with translation.override(language):
        assert str(column.blank_display_name) == gettext("Nobody")

    record = make_application()
    page = soup(login(coordinator).get(INDEX))
    assert tr(language, "Nobody") in cells(page, record)


# --- 14. viewings folded in the history; none after one's own action ---------------------------------


def _views(record, user, count, days_ago=0):
    for _n in range(count):
        record.log_view(user)
    if days_ago:
        latest = ModelLogEntry.objects.for_instance(record).filter(action=VIEW, user=user).order_by("-pk")[:count]
        ModelLogEntry.objects.filter(pk__in=[e.pk for e in latest]).update(
            timestamp=timezone.now() - timedelta(days=days_ago)
        )


def _history_messages(html_part):
    """Each history row as the list of its cells' texts."""
    return [[cell.get_text(" ", strip=True) for cell in row.select("td, th")] for row in html_part.select("tbody tr")]


def test_history_folds_viewings_per_person_and_day_with_a_count(login, coordinator, language):
    record = make_application(status="in_review")
    colleague = make_user(f"colleague_{language}", GROUPS["coordinator"])
    _views(record, coordinator, 1, days_ago=2)
    _views(record, coordinator, 5)
    _views(record, colleague, 2)
    client = login(coordinator)
    client.post(f"{INDEX}status/{record.pk}/", {"status": "declined", "reason": "Too young."})

    with translation.override(language):
        five = ngettext("Viewed the record %(count)d time that day", "Viewed the record %(count)d times that day", 5)
        two = ngettext("Viewed the record %(count)d time that day", "Viewed the record %(count)d times that day", 2)
        five, two, once = five % {"count": 5}, two % {"count": 2}, gettext("Viewed the record")
        status = gettext("Status changed from “%(old)s” to “%(new)s”") % {
            "old": gettext("In review"),
            "new": gettext("Declined"),
        }
    if language == "ar":
        assert "مرات" in five and "مرتين" in two  # Arabic plural forms, not the English text

    rows = _history_messages(soup(client.get(f"{INDEX}history/{record.pk}/")))
    assert sum(five in row for row in rows) == 1
    assert sum(two in row for row in rows) == 1
    assert sum(once in row for row in rows) == 1  # two days ago, once
    assert any(status in cell for row in rows for cell in row)
    assert len(rows) == 4

    every = _history_messages(soup(client.get(f"{INDEX}history/{record.pk}/", {"every_view": "true"})))
    assert sum(once in row for row in every) == 8  # each viewing, for accountability
    assert not any(five in row or two in row for row in every)

    # The inspect page's history folds the same way. (This visit follows the
    # coordinator's own status change, so it is not a sixth viewing.)
    page = soup(client.get(f"{INDEX}inspect/{record.pk}/"))
    inspect_rows = _history_messages(page.select_one("#history-heading").parent)
    assert sum(five in row for row in inspect_rows) == 1
    assert sum(two in row for row in inspect_rows) == 1
    assert sum(once in row for row in inspect_rows) == 1
    assert len(inspect_rows) == 4
    with translation.override(language):
        six = ngettext("Viewed the record %(count)d time that day", "Viewed the record %(count)d times that day", 6)
    page = soup(client.get(f"{INDEX}inspect/{record.pk}/"))  # a real viewing again
    inspect_rows = _history_messages(page.select_one("#history-heading").parent)
    assert sum(six % {"count": 6} in row for row in inspect_rows) == 1
    links = {a["href"] for a in page.select_one("#history-heading").parent.select("a")}
    assert f"{INDEX}history/{record.pk}/?every_view=true" in links


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("status", {"status": "in_review"}),
        ("status", {"status": "accepted", "reason": ""}),  # refused: comes back at once, no redirect
        ("assign", {"assign_to_me": "1"}),
        ("note", {"text": "Called back."}),
        ("note", {"text": ""}),  # refused with a message, redirected all the same
    ],
)
def test_coming_back_after_ones_own_action_is_not_a_viewing(action, data, login, staff):
    record = make_application()
    other = make_application()
    client = login(staff["coordinator"])
    inspect = f"{INDEX}inspect/{record.pk}/"
    client.get(inspect)
    assert ModelLogEntry.objects.for_instance(record).filter(action=VIEW).count() == 1

    response = client.post(f"{INDEX}{action}/{record.pk}/", data, follow=True)
    assert response.status_code in (200, 400)
    assert ModelLogEntry.objects.for_instance(record).filter(action=VIEW).count() == 1

    client.get(inspect)  # a later visit is a viewing again
    assert ModelLogEntry.objects.for_instance(record).filter(action=VIEW).count() == 2
    client.get(f"{INDEX}inspect/{other.pk}/")
    assert ModelLogEntry.objects.for_instance(other).filter(action=VIEW).count() == 1


def test_no_parameter_or_stale_flag_hides_a_viewing(login, staff):
    record = make_application()
    client = login(staff["coordinator"])
    client.get(f"{INDEX}inspect/{record.pk}/", {"acted": "1", "no_log": "1", "every_view": "true"})
    assert ModelLogEntry.objects.for_instance(record).filter(action=VIEW).count() == 1

    client.post(f"{INDEX}note/{record.pk}/", {"text": "Noted."})  # not followed
    session = client.session
    session["sharaka_acted"] = {key: at - 3600 for key, at in session["sharaka_acted"].items()}
    session.save()
    client.get(f"{INDEX}inspect/{record.pk}/")  # an hour later: a real viewing
    assert ModelLogEntry.objects.for_instance(record).filter(action=VIEW).count() == 2


# --- 15. a decision without a reason ------------------------------------------------------------------


def test_bulk_decision_without_reason_shows_the_error_on_the_reason_field(login, coordinator, language):
    records = [make_application(status="in_review"), make_application(status="in_review")]
    client = login(coordinator)
    ids = "&".join(f"id={record.pk}" for record in records)
    url = f"/admin/bulk/volunteer_signup/volunteerapplication/change_status/?{ids}&next={INDEX}"

    response = client.post(url, {"status": "accepted", "reason": " "})
    assert_reason_error(response, language, "accepted")
    for record in records:
        record.refresh_from_db()
        assert record.status == "in_review"
        assert record.reference in response.content.decode()  # still listed for the retry
    assert not ModelLogEntry.objects.filter(action="sharaka.submission.status").filter(
        object_id__in=[str(r.pk) for r in records]
    )

    response = client.post(url, {"status": "in_review", "reason": ""})
    assert response.status_code == 302  # no reason needed for a move that is not a decision
    assert VolunteerApplication.objects.filter(pk__in=[r.pk for r in records], status="in_review").count() == 2


def test_survey_responses_listing_names_the_survey_in_the_staff_language_and_isolates_titles(
    login, staff, experience_survey, survey_pages
):
    response_row = SurveyResponseFactory(survey=experience_survey["en"], source_page=survey_pages["en"])
    # An English officer first: nothing of their listing may stick to the next one's.
    login(staff["officer"]).get("/admin/survey_response/")
    officer = make_user("arabic_officer_list", GROUPS["officer"], language="ar")
    page = soup(login(officer).get("/admin/survey_response/"))
    arabic_title = response_row.survey.get_translation(Locale.objects.get(language_code="ar")).title
    cells = [bdi.get_text(strip=True) for bdi in page.select("td bdi")]
    assert arabic_title in cells
    assert response_row.survey.title not in cells  # the English title is not shown to an Arabic officer
    assert response_row.source_page.title in cells  # page titles are isolated too
