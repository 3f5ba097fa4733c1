"""Working the queues in the admin: listing, filters, sorting, find, inspect,
assignment, status changes with reasons, notes, history, bulk actions, the
Submissions menu count, and the listing's query count.

Coordinators work volunteer applications; feedback officers work survey
responses through the same machinery (statuses differ). Interface strings are
looked up with gettext in the admin language under test, never hard-coded.
"""

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from wagtail.log_actions import registry as log_actions
from wagtail.models import Locale, ModelLogEntry

from submissions.models import TransitionError
from surveys.models import Survey, SurveyResponse
from tests.conftest import GROUPS, make_user, soup
from tests.factories import VolunteerApplicationFactory
from volunteer_signup.models import VolunteerApplication

pytestmark = pytest.mark.django_db

INDEX = "/admin/volunteer_application/"
RESPONSES = "/admin/survey_response/"
BULK = "/admin/bulk/volunteer_signup/volunteerapplication/"
LANGUAGES = ["ar", "en"]


def make_application(**fields):
    return VolunteerApplicationFactory(**{"phone": "0509990000", **fields})


def ago(days):
    return timezone.now() - timedelta(days=days)


def tr(language, text):
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def officer(db, language):
    return make_user(f"officer_{language}", GROUPS["officer"], language=language)


def listed(client, url=INDEX, **params):
    """Primary keys of the records listed, in the order shown."""
    response = client.get(url, params)
    assert response.status_code == 200
    return [int(a["id"].split("_")[1]) for a in soup(response).select("a[id^=submission_][id$=_title]")]


def row_of(page, record):
    return page.select_one(f"#submission_{record.pk}_title").find_parent("tr")


def messages_text(response):
    return " ".join(li.get_text(" ", strip=True) for li in soup(response).select(".messages li"))


def assert_reason_error(response, language, chosen, form_selector="form"):
    """The page came back (400) with the error on the reason field and the status still chosen."""
    assert response.status_code == 400
    page = soup(response)
    reason = page.select_one(f'{form_selector} textarea[name="reason"]')
    assert reason["aria-invalid"] == "true"
    described_by = reason["aria-describedby"].split()
    error = page.select_one(f"#{described_by[0]}")
    assert error is not None
    assert error.get_text(" ", strip=True) == tr(language, "Give a reason for this decision.")
    assert f"{reason['id']}-helptext" in described_by
    selected = page.select_one(f'{form_selector} select[name="status"] option[selected]')
    assert selected is not None and selected["value"] == chosen


# --- listing ---------------------------------------------------------------------------


def test_listing_shows_reference_isolated_name_status_and_overdue_tag(login, coordinator, language, settings):
    settings.SUBMISSION_OVERDUE_DAYS = 5
    waiting = make_application(full_name="سارة <b>الحربي</b>", submitted_at=ago(8))
    fresh = make_application(full_name="Fresh Applicant", submitted_at=ago(1))
    decided = make_application(full_name="Decided Applicant", submitted_at=ago(30), status="accepted")

    response = login(coordinator).get(INDEX)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert page.html["dir"] == ("rtl" if language == "ar" else "ltr")

    row = row_of(page, waiting)
    assert row.select_one(f"#submission_{waiting.pk}_title").get_text(strip=True) == waiting.reference
    assert row.select_one("bdi").get_text() == "سارة <b>الحربي</b>"
    assert row.select_one("bdi b") is None  # escaped, not markup
    assert tr(language, "New") in row.select_one(".w-status").get_text()
    overdue = row.select_one(".sharaka-overdue")
    assert overdue is not None
    assert overdue.get_text(strip=True) == tr(language, "Overdue")

    assert row_of(page, fresh).select_one(".sharaka-overdue") is None
    decided_row = row_of(page, decided)
    assert decided_row.select_one(".sharaka-overdue") is None  # decided work is never overdue
    assert tr(language, "Accepted") in decided_row.get_text()


# --- filters ------------------------------------------------------------------------------


@pytest.fixture
def scenario(db, volunteer_pages, roles_and_areas):
    """Applications that differ in one property each."""
    arabic = Locale.objects.get(language_code="ar")
    english = Locale.objects.get(language_code="en")
    role_ar, other_role_ar = roles_and_areas["roles"]["ar"]
    role_en = roles_and_areas["roles"]["en"][0]
    area_ar, other_area_ar = roles_and_areas["areas"]["ar"]
    area_en = roles_and_areas["areas"]["en"][0]
    worker = make_user("scenario_coordinator", GROUPS["coordinator"])

    records = {
        "ar_old": make_application(
            full_name="Arabic Old",
            locale=arabic,
            roles=[role_ar],
            area=area_ar,
            submitted_at=ago(20),
            source_page=volunteer_pages["ar"],
        ),
        "en_same_role": make_application(
            full_name="English Same Role",
            locale=english,
            roles=[role_en],
            area=area_en,
            submitted_at=ago(2),
            source_page=volunteer_pages["en"],
            assignee=worker,
        ),
        "other": make_application(
            full_name="Other Role",
            locale=arabic,
            roles=[other_role_ar],
            area=other_area_ar,
            submitted_at=ago(3),
            status="in_review",
        ),
        "decided_old": make_application(
            full_name="Decided Old", locale=english, submitted_at=ago(20), status="accepted"
        ),
    }
    records["repeat"] = make_application(
        full_name="Repeat Applicant", submitted_at=ago(1), repeat_of=records["other"], assignee=worker
    )
    return {
        "records": records,
        "role": role_ar,
        "area": area_ar,
        "worker": worker,
        "english": english,
        "page_en": volunteer_pages["en"],
    }


def _dates(days_from, days_to):
    return {
        "submitted_at_from": timezone.localdate(ago(days_from)).isoformat(),
        "submitted_at_to": timezone.localdate(ago(days_to)).isoformat(),
    }


FILTER_CASES = {
    "status-new": (lambda s: {"status": "new"}, {"ar_old", "en_same_role", "repeat"}),
    "status-two": (lambda s: {"status": ["in_review", "accepted"]}, {"other", "decided_old"}),
    "assignee": (lambda s: {"assignee": s["worker"].pk}, {"en_same_role", "repeat"}),
    "assignee-nobody": (lambda s: {"assignee": "none"}, {"ar_old", "other", "decided_old"}),
    "role-both-languages": (lambda s: {"role": s["role"].pk}, {"ar_old", "en_same_role"}),
    "area-both-languages": (lambda s: {"area": s["area"].pk}, {"ar_old", "en_same_role"}),
    "language": (lambda s: {"locale": s["english"].pk}, {"en_same_role", "decided_old", "repeat"}),
    "source-page": (lambda s: {"source_page": s["page_en"].pk}, {"en_same_role"}),
    "date-range": (lambda s: _dates(25, 15), {"ar_old", "decided_old"}),
    "overdue": (lambda s: {"overdue": "true"}, {"ar_old"}),
    "repeat": (lambda s: {"repeat": "true"}, {"repeat"}),
}


@pytest.mark.parametrize("case", FILTER_CASES)
def test_listing_filter_keeps_only_matching_applications(case, scenario, login, staff):
    params, expected = FILTER_CASES[case]
    mine = {record.pk: name for name, record in scenario["records"].items()}
    shown = listed(login(staff["coordinator"]), **params(scenario))
    assert {mine[pk] for pk in shown if pk in mine} == expected
    assert len(shown) == len(set(shown))  # a role in two languages never lists a record twice


@pytest.mark.parametrize("ordering", ["submitted_at", "-submitted_at", "status", "-status", "reference", "-reference"])
def test_listing_sorts_by_received_status_and_reference(ordering, scenario, login, staff):
    shown = listed(login(staff["coordinator"]), ordering=ordering)
    field = ordering.lstrip("-")
    values = list(VolunteerApplication.objects.filter(pk__in=shown).values_list("pk", field))
    by_pk = dict(values)
    keys = [by_pk[pk] for pk in shown]
    assert keys == sorted(keys, reverse=ordering.startswith("-"))
    assert len(shown) == VolunteerApplication.objects.count()


# --- find -------------------------------------------------------------------------------


@pytest.fixture
def findable(db):
    target = make_application(full_name="نورة بنت خالد", phone="0551234567", email="Noura.K@Example.org")
    decoy = make_application(full_name="Someone Else", phone="0569876543", email="else@example.org")
    return target, decoy


@pytest.mark.parametrize(
    "term",
    ["reference", "بنت خالد", "٠٥٥ ١٢٣ ٤٥٦٧", "055-123-4567", "noura.k@example.org"],
    ids=["reference", "arabic-name", "arabic-indic-phone", "phone-with-dashes", "email"],
)
def test_find_box_finds_the_record_and_keeps_the_term_out_of_the_url(term, findable, login, staff):
    target, decoy = findable
    term = target.reference if term == "reference" else term
    client = login(staff["coordinator"])

    response = client.post(INDEX + "find/", {"q": term})
    assert response.status_code == 302
    location = response["Location"]
    query = parse_qs(urlparse(location).query)
    assert set(query) == {"find"}
    for secret in (term, "0551234567", "551234567", "noura", "نورة", target.reference, "%D9"):
        assert secret.lower() not in location.lower()

    page = client.get(location)
    shown = [int(a["id"].split("_")[1]) for a in soup(page).select("a[id^=submission_][id$=_title]")]
    assert shown == [target.pk]
    assert decoy.reference not in page.content.decode()


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("سارة العلي", "ساره"),  # ta marbuta typed as ha
        ("أحمد الحداد", "احمد"),  # hamza on alef left out
        ("إيمان يوسف", "ايمان"),
        ("مُحَمَّد سالم", "محمد سالم"),  # diacritics stored
        ("Layla Haddad", "HADDAD"),
        ("Layla Haddad", "hadd"),  # part of a name
    ],
)
def test_find_box_normalises_arabic_as_public_search_does(stored, typed, login, staff):
    target = make_application(full_name=stored, phone="0551112222")
    decoy = make_application(full_name="Someone Else", phone="0569876543")
    client = login(staff["coordinator"])
    page = client.get(client.post(INDEX + "find/", {"q": typed})["Location"])
    shown = [int(a["id"].split("_")[1]) for a in soup(page).select("a[id^=submission_][id$=_title]")]
    assert shown == [target.pk]
    assert decoy.reference not in page.content.decode()


def test_find_text_is_emptied_with_the_record(login, staff):
    target = make_application(full_name="سارة العلي", email="sara@example.org")
    assert "سار" in target.search_text
    target.anonymise()
    target.refresh_from_db()
    assert target.search_text == ""


def test_find_key_of_one_user_is_useless_to_another(findable, login, staff):
    target, decoy = findable
    first = login(staff["coordinator"])
    location = first.post(INDEX + "find/", {"q": "0551234567"})["Location"]
    other = login(make_user("other_coordinator", GROUPS["coordinator"]))
    response = other.get(location)
    assert response.status_code == 200
    shown = {int(a["id"].split("_")[1]) for a in soup(response).select("a[id^=submission_][id$=_title]")}
    assert {target.pk, decoy.pk} <= shown  # not filtered: the key means nothing in another session
    assert "0551234567" not in response.content.decode()


# --- inspect, actions, history ----------------------------------------------------------------


def test_inspect_view_shows_every_answer_and_logs_the_viewing(login, coordinator, language, roles_and_areas):
    role = roles_and_areas["roles"]["ar"][0]
    area = roles_and_areas["areas"]["ar"][0]
    application = make_application(
        full_name="ليلى حداد",
        phone="0501234567",
        email="layla@example.org",
        area=area,
        roles=[role],
        languages=["ar", "ur"],
        availability=["weekends", "emergencies"],
        skills="First-aid certificate",
        motivation="Helping children cross safely.",
        locale=role.locale,
    )

    response = login(coordinator).get(f"{INDEX}inspect/{application.pk}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = soup(response).select_one(".sharaka-inspect").get_text(" ")
    staff_locale = Locale.objects.get(language_code=language)
    for value in (
        application.reference,
        "ليلى حداد",
        "050 123 4567",  # stored E.164, shown nationally
        "layla@example.org",
        area.get_translation(staff_locale).name,  # in the coordinator's language
        role.get_translation(staff_locale).name,
        "First-aid certificate",
        "Helping children cross safely.",
        tr(language, "Urdu"),
        tr(language, "On call for emergencies"),
        tr(language, "25 to 34"),
    ):
        assert value in text, value
    entry = ModelLogEntry.objects.for_instance(application).get(action="sharaka.submission.view")
    assert entry.user == coordinator


def test_assign_to_me_sets_the_assignee_and_says_so(login, coordinator, language):
    application = make_application()
    client = login(coordinator)
    response = client.post(f"{INDEX}assign/{application.pk}/", {"assign_to_me": "1"}, follow=True)
    application.refresh_from_db()
    assert application.assignee == coordinator
    expected = tr(language, "%(reference)s is assigned to %(name)s.") % {
        "reference": application.reference,
        "name": coordinator.get_full_name(),
    }
    assert expected in messages_text(response)
    assert ModelLogEntry.objects.for_instance(application).filter(action="sharaka.submission.assign").count() == 1


def test_assigning_someone_outside_the_queue_is_refused(login, staff):
    application = make_application()
    response = login(staff["coordinator"]).post(
        f"{INDEX}assign/{application.pk}/", {"assignee": staff["officer"].pk}, follow=True
    )
    application.refresh_from_db()
    assert application.assignee is None
    assert tr("en", "Choose someone who works this queue.") in messages_text(response)


def test_status_moves_along_allowed_transitions(login, coordinator, language):
    application = make_application()
    client = login(coordinator)
    response = client.post(f"{INDEX}status/{application.pk}/", {"status": "in_review"}, follow=True)
    application.refresh_from_db()
    assert application.status == "in_review"
    expected = tr(language, "%(reference)s is now “%(status)s”.") % {
        "reference": application.reference,
        "status": tr(language, "In review"),
    }
    assert expected in messages_text(response)


@pytest.mark.parametrize(
    ("start", "target"),
    [("new", "accepted"), ("new", "declined"), ("accepted", "in_review"), ("withdrawn", "new"), ("new", "bogus")],
)
def test_disallowed_status_move_is_refused_with_a_message(start, target, login, coordinator, language):
    application = make_application(status=start)
    response = login(coordinator).post(
        f"{INDEX}status/{application.pk}/", {"status": target, "reason": "Because."}, follow=True
    )
    application.refresh_from_db()
    assert application.status == start
    assert tr(language, "Choose one of the statuses offered.") in messages_text(response)
    assert not ModelLogEntry.objects.for_instance(application).filter(action="sharaka.submission.status").exists()


@pytest.mark.parametrize(
    ("start", "decision"),
    [("in_review", "accepted"), ("in_review", "waitlisted"), ("in_review", "declined"), ("new", "withdrawn")],
)
def test_decisions_need_a_reason(start, decision, login, coordinator, language):
    application = make_application(status=start)
    client = login(coordinator)
    url = f"{INDEX}status/{application.pk}/"

    response = client.post(url, {"status": decision, "reason": "   "})
    application.refresh_from_db()
    assert application.status == start
    assert_reason_error(response, language, decision, f'form[action="{url}"]')

    client.post(url, {"status": decision, "reason": "Met the coordinator on Tuesday."})
    application.refresh_from_db()
    assert application.status == decision
    entry = ModelLogEntry.objects.for_instance(application).get(action="sharaka.submission.status")
    assert entry.data == {"old": start, "new": decision, "reason": "Met the coordinator on Tuesday."}
    assert entry.user == coordinator


def test_notes_are_added_shown_and_attributed(login, coordinator):
    application = make_application()
    client = login(coordinator)
    client.post(f"{INDEX}note/{application.pk}/", {"text": "Called back, <i>no answer</i>."})
    note = application.notes.get()
    assert note.author == coordinator

    page = soup(client.get(f"{INDEX}inspect/{application.pk}/"))
    item = page.select_one(".sharaka-notes li")
    assert "Called back, <i>no answer</i>." in item.get_text()
    assert item.select_one("i") is None
    assert coordinator.get_full_name() in item.get_text()


def test_empty_note_is_refused(login, coordinator, language):
    application = make_application()
    response = login(coordinator).post(f"{INDEX}note/{application.pk}/", {"text": "  "}, follow=True)
    assert not application.notes.exists()
    assert tr(language, "Write a note of up to 2,000 characters.") in messages_text(response)


def test_history_lists_status_change_with_reason_assignment_and_note(login, coordinator, language):
    application = make_application(status="in_review")
    client = login(coordinator)
    client.post(f"{INDEX}assign/{application.pk}/", {"assign_to_me": "1"})
    client.post(f"{INDEX}status/{application.pk}/", {"status": "declined", "reason": "Under the minimum age."})
    client.post(f"{INDEX}note/{application.pk}/", {"text": "Told them about the youth programme."})

    with translation.override(language):
        status_message = gettext("Status changed from “%(old)s” to “%(new)s”") % {
            "old": gettext("In review"),
            "new": gettext("Declined"),
        }
        expected = [
            status_message,
            "Under the minimum age.",
            gettext("Assigned to %(name)s") % {"name": coordinator.get_username()},
            gettext("Added a note"),
        ]
        labels = {
            action: str(log_actions.get_action_label(action))
            for action in ("sharaka.submission.status", "sharaka.submission.assign", "sharaka.submission.note")
        }
        assert labels == {
            "sharaka.submission.status": gettext("Change status"),
            "sharaka.submission.assign": gettext("Assign"),
            "sharaka.submission.note": gettext("Add note"),
        }

    history = client.get(f"{INDEX}history/{application.pk}/")
    assert history.status_code == 200
    history_text = soup(history).get_text(" ")
    inspect_text = soup(client.get(f"{INDEX}inspect/{application.pk}/")).select_one("#history-heading").parent
    for text in expected:
        assert text in history_text, text
        assert text in inspect_text.get_text(" "), text


# --- bulk actions -----------------------------------------------------------------------------


def _bulk_url(action, records):
    ids = "&".join(f"id={record.pk}" for record in records)
    return f"{BULK}{action}/?{ids}&next={INDEX}"


def test_bulk_status_change_moves_allowed_records_and_reports_the_others(login, coordinator, language):
    movable = [make_application(), make_application()]
    stuck = make_application(status="accepted")
    client = login(coordinator)
    url = _bulk_url("change_status", [*movable, stuck])

    confirm = client.get(url)
    assert confirm.status_code == 200
    for record in [*movable, stuck]:
        assert record.reference in confirm.content.decode()

    response = client.post(url, {"status": "in_review", "reason": ""})
    assert response.status_code == 302
    assert response["Location"] == INDEX
    listing = client.get(INDEX)
    shown = messages_text(listing)
    assert stuck.reference in shown
    with translation.override(language):
        changed = ngettext("%(count)d record changed.", "%(count)d records changed.", 2) % {"count": 2}
    assert changed in shown

    for record in movable:
        record.refresh_from_db()
        assert record.status == "in_review"
        entries = ModelLogEntry.objects.for_instance(record).filter(action="sharaka.submission.status")
        assert entries.count() == 1
        assert entries.get().user == coordinator
    stuck.refresh_from_db()
    assert stuck.status == "accepted"
    assert not ModelLogEntry.objects.for_instance(stuck).filter(action="sharaka.submission.status").exists()


def test_bulk_decision_without_reason_changes_nothing(login, staff):
    records = [make_application(status="in_review"), make_application(status="in_review")]
    client = login(staff["coordinator"])
    client.post(_bulk_url("change_status", records), {"status": "accepted", "reason": ""})
    for record in records:
        record.refresh_from_db()
        assert record.status == "in_review"
    client.post(_bulk_url("change_status", records), {"status": "accepted", "reason": "Interviewed."})
    for record in records:
        record.refresh_from_db()
        assert record.status == "accepted"
        assert ModelLogEntry.objects.for_instance(record).get(action="sharaka.submission.status").data["reason"] == (
            "Interviewed."
        )


def test_bulk_assign_assigns_every_selected_record(login, staff):
    records = [make_application(), make_application(status="in_review")]
    worker = make_user("second_coordinator", GROUPS["coordinator"])
    client = login(staff["coordinator"])
    response = client.post(_bulk_url("assign", records), {"assignee": worker.pk})
    assert response.status_code == 302
    for record in records:
        record.refresh_from_db()
        assert record.assignee == worker
        assert ModelLogEntry.objects.for_instance(record).filter(action="sharaka.submission.assign").count() == 1


# --- menu count and scale -------------------------------------------------------------------


def _sidebar_labels(response):
    props = json.loads(soup(response).select_one("#wagtail-sidebar-props").string)
    labels = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str):
                labels.append(node["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return labels


def test_submissions_menu_label_counts_new_applications(login, coordinator, language):
    make_application()
    new = VolunteerApplication.objects.filter(status="new").count()
    labels = _sidebar_labels(login(coordinator).get("/admin/"))
    with translation.override(language):
        item = gettext("%(label)s (%(count)s new)") % {"label": gettext("Volunteer applications"), "count": new}
        group = gettext("%(label)s (%(count)s)") % {"label": gettext("Submissions"), "count": new}
    assert item in labels
    assert group in labels

    make_application()
    labels = _sidebar_labels(login(coordinator).get("/admin/"))
    with translation.override(language):
        assert gettext("%(label)s (%(count)s)") % {"label": gettext("Submissions"), "count": new + 1} in labels


def _bulk_applications(count, roles, areas, worker):
    english = Locale.objects.get(language_code="en")
    start = VolunteerApplication.objects.count()
    objects = VolunteerApplication.objects.bulk_create(
        VolunteerApplication(
            reference=f"VOL-Q{start + n:05d}",
            status=["new", "in_review", "accepted"][n % 3],
            full_name=f"Scale Applicant {n}",
            phone=f"05{n:08d}",
            age_band="25_34",
            motivation="Scale test.",
            consented_at=ago(n % 10),
            submitted_at=ago(n % 10),
            locale=english,
            area=areas[n % len(areas)],
            assignee=worker if n % 2 else None,
        )
        for n in range(count)
    )
    if not objects[0].pk:
        objects = list(VolunteerApplication.objects.filter(reference__startswith="VOL-Q").order_by("-pk")[:count])
    Through = VolunteerApplication.roles.through
    Through.objects.bulk_create(
        Through(volunteerapplication_id=obj.pk, volunteerrole_id=roles[(i + k) % len(roles)].pk)
        for i, obj in enumerate(objects)
        for k in range(2)
    )
    for i, obj in enumerate(objects[1::5]):
        VolunteerApplication.objects.filter(pk=obj.pk).update(repeat_of=objects[i])


def test_listing_query_count_does_not_grow_with_the_number_of_applications(login, staff, roles_and_areas):
    roles = roles_and_areas["roles"]["ar"] + roles_and_areas["roles"]["en"]
    areas = roles_and_areas["areas"]["ar"] + roles_and_areas["areas"]["en"]
    worker = staff["coordinator"]
    client = login(worker)

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(INDEX)
        assert response.status_code == 200
        return len(context.captured_queries), len(soup(response).select("a[id^=submission_][id$=_title]"))

    _bulk_applications(10, roles, areas, worker)
    queries()  # warm caches (content types, site, locales)
    few, rows_few = queries()
    _bulk_applications(50, roles, areas, worker)
    many, rows_many = queries()
    assert rows_many > rows_few
    assert many == few


# --- survey responses: the officer's workflow --------------------------------------------------


@pytest.fixture
def feedback_survey(experience_survey):
    """The Arabic original of a survey translated into English."""
    return experience_survey["ar"]


def make_response(survey, **fields):
    values = {"answers": {}, "locale": survey.locale}
    values.update(fields)
    return SurveyResponse.objects.create(survey=survey, **values)


RESPONSE_MOVES = [
    ("new", "in_review", ""),
    ("in_review", "follow_up", ""),
    ("follow_up", "closed", "Called the resident back."),
    ("new", "spam", "Advertising."),
    ("in_review", "spam", "Nonsense text."),
    ("spam", "new", ""),
    ("closed", "in_review", ""),
]


@pytest.mark.parametrize(("start", "target", "reason"), RESPONSE_MOVES)
def test_officer_moves_a_response_along_the_survey_workflow(start, target, reason, feedback_survey, login, officer):
    response_record = make_response(feedback_survey, status=start)
    login(officer).post(f"{RESPONSES}status/{response_record.pk}/", {"status": target, "reason": reason})
    response_record.refresh_from_db()
    assert response_record.status == target


@pytest.mark.parametrize(("start", "target"), [("follow_up", "spam"), ("closed", "spam"), ("spam", "closed")])
def test_response_moves_outside_the_workflow_are_refused(start, target, feedback_survey, login, staff):
    response_record = make_response(feedback_survey, status=start)
    login(staff["officer"]).post(f"{RESPONSES}status/{response_record.pk}/", {"status": target, "reason": "Because."})
    response_record.refresh_from_db()
    assert response_record.status == start


@pytest.mark.parametrize(("start", "target"), [("in_review", "closed"), ("new", "spam")])
def test_closing_or_marking_spam_needs_a_reason(start, target, feedback_survey, login, officer, language):
    response_record = make_response(feedback_survey, status=start)
    client = login(officer)
    url = f"{RESPONSES}status/{response_record.pk}/"
    page = client.post(url, {"status": target, "reason": ""})
    response_record.refresh_from_db()
    assert response_record.status == start
    assert_reason_error(page, language, target, f'form[action="{url}"]')


def test_spam_leaves_the_results_and_releasing_it_brings_it_back(feedback_survey, login, staff):
    response_record = make_response(feedback_survey, status="new")
    client = login(staff["officer"])

    def total():
        page = soup(client.get(f"{RESPONSES}results/{feedback_survey.pk}/"))
        return int(page.select_one(".sharaka-results-total").get_text().split()[0])

    before = total()
    client.post(f"{RESPONSES}status/{response_record.pk}/", {"status": "spam", "reason": "Bot."})
    assert total() == before - 1
    client.post(f"{RESPONSES}status/{response_record.pk}/", {"status": "new", "reason": ""})
    response_record.refresh_from_db()
    assert response_record.status == "new"
    assert total() == before


def test_officer_inspects_a_response_with_answers_as_labels_in_the_admin_language(
    feedback_survey, login, officer, language
):
    questions = {q.field_type: q for q in feedback_survey.questions()}
    record = make_response(
        feedback_survey,
        answers={
            questions["radio"].clean_name: questions["radio"].choice_pairs[1][0],
            questions["rating"].clean_name: 4,
        },
        locale=Locale.objects.get(language_code="en"),
    )
    response = login(officer).get(f"{RESPONSES}inspect/{record.pk}/")
    assert response.status_code == 200
    reader_survey = feedback_survey.get_translation(Locale.objects.get(language_code=language))
    reader_questions = {q.field_type: q for q in reader_survey.questions()}
    text = soup(response).select_one(".sharaka-inspect").get_text(" ")
    assert reader_questions["radio"].label in text
    assert reader_questions["radio"].choice_labels[1] in text
    assert ModelLogEntry.objects.for_instance(record).get(action="sharaka.submission.view").user == officer


def test_response_queue_filters_by_survey_in_both_languages_and_by_contact(feedback_survey, login, staff):
    english_survey = feedback_survey.get_translation(Locale.objects.get(language_code="en"))
    other_ar = Survey.objects.create(locale=feedback_survey.locale, title="استبيان آخر", thank_you_text="شكراً")
    arabic = make_response(feedback_survey)
    english = make_response(english_survey, contact="0501234567", contact_consent=True)
    elsewhere = make_response(other_ar)
    client = login(staff["officer"])

    shown = set(listed(client, RESPONSES, survey=feedback_survey.pk, ordering="-submitted_at"))
    assert {arabic.pk, english.pk} <= shown
    assert elsewhere.pk not in shown
    surveys = set(SurveyResponse.objects.filter(pk__in=shown).values_list("survey__translation_key", flat=True))
    assert surveys == {feedback_survey.translation_key}

    with_contact = set(listed(client, RESPONSES, has_contact="true"))
    assert english.pk in with_contact
    assert arabic.pk not in with_contact
    assert with_contact == set(SurveyResponse.objects.exclude(contact="").values_list("pk", flat=True))


@pytest.mark.parametrize("term", ["NIGHT PATROLS", "حديقة الياسمين", "resident.k@example.org"])
def test_officer_finds_responses_by_words_in_answers_or_contact(term, feedback_survey, login, staff):
    text_key = next(q.clean_name for q in feedback_survey.questions() if q.field_type == "multiline")
    target = make_response(
        feedback_survey,
        answers={text_key: "Please add night patrols near حديقة الياسمين الشرقية"},
        contact="resident.k@example.org",
        contact_consent=True,
    )
    client = login(staff["officer"])
    location = client.post(RESPONSES + "find/", {"q": term})["Location"]
    assert "patrol" not in location.lower() and "resident" not in location
    page = client.get(location)
    shown = [int(a["id"].split("_")[1]) for a in soup(page).select("a[id^=submission_][id$=_title]")]
    assert shown == [target.pk]


def test_a_coordinator_acting_on_a_stale_page_cannot_make_a_move_the_current_status_forbids(staff):
    """Two coordinators open the same record; one accepts, the other's decline is refused."""
    application = make_application(status="new")
    application.move_to("in_review", user=staff["coordinator"])
    first = VolunteerApplication.objects.get(pk=application.pk)
    second = VolunteerApplication.objects.get(pk=application.pk)  # same record, read at the same time
    first.move_to("accepted", user=staff["coordinator"], reason="Good fit")
    with pytest.raises(TransitionError):
        second.move_to("waitlisted", user=staff["superuser"], reason="No places")
    assert VolunteerApplication.objects.get(pk=application.pk).status == "accepted"


def test_overdue_tag_and_overdue_filter_agree_at_the_boundary(login, staff, settings):
    """A record just past the limit is both tagged and filtered; one just inside is neither."""
    settings.SUBMISSION_OVERDUE_DAYS = 5
    now = timezone.now()
    past, inside = make_application(status="new"), make_application(status="new", phone="0509990001")
    VolunteerApplication.objects.filter(pk=past.pk).update(submitted_at=now - timedelta(days=5, hours=3))
    VolunteerApplication.objects.filter(pk=inside.pk).update(submitted_at=now - timedelta(days=4, hours=20))
    past.refresh_from_db()
    inside.refresh_from_db()
    assert past.is_overdue and not inside.is_overdue
    overdue = VolunteerApplication.objects.filter(VolunteerApplication.overdue_filter())
    assert overdue.filter(pk=past.pk).exists() and not overdue.filter(pk=inside.pk).exists()


def test_queue_pages_with_personal_data_are_never_stored_by_browsers(login, staff):
    client = login(staff["coordinator"])
    assert "no-store" in client.get("/admin/volunteer_application/")["Cache-Control"]


# --- caching -------------------------------------------------------------------------------------


def test_every_queue_view_is_never_stored_by_a_browser_or_proxy(login, staff, experience_survey):
    """Wagtail marks every admin view never_cache; nothing here may weaken that."""
    application = make_application()
    survey = experience_survey["ar"]
    coordinator, officer = login(staff["coordinator"]), login(staff["officer"])
    responses = [
        coordinator.get(INDEX),
        coordinator.get(f"{INDEX}inspect/{application.pk}/"),
        coordinator.get(INDEX, {"export": "csv"}),
        coordinator.get(INDEX, {"export": "xlsx"}),
        coordinator.post(f"{INDEX}status/{application.pk}/", {"status": "withdrawn", "reason": ""}),
        officer.get(f"/admin/survey_response/results/{survey.pk}/"),
        officer.get(f"/admin/survey_response/results/{survey.pk}/", {"format": "csv"}),
    ]
    assert [response.status_code for response in responses] == [200, 200, 200, 200, 400, 200, 200]
    for response in responses:
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "no-cache", "private", "max-age=0"} <= directives, (response.status_code, directives)
