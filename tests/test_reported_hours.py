"""Hours a volunteer reports for work done outside an opportunity, in Arabic and English.

They count only once a coordinator approves them; a declined report says why, on the
volunteer's page; a waiting report can be taken back; bad input is refused beside the
field and nothing is saved. Only coordinators see and decide reports, each decision is
logged and the volunteer is emailed a notice (with a link, without the decision).
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from tests.conftest import soup
from tests.test_opportunities import make_opportunity, text, volunteer
from volunteer_signup import hours, signups
from volunteer_signup.models import Opportunity, ReportedHours, ReportStatus

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]
ADMIN = "/admin/snippets/volunteer_signup/reportedhours/"


def report_form(**changes):
    data = {
        "action": "report_hours",
        "hours-worked_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "hours-hours": "2.5",
        "hours-description": "Road-safety talk at the Al-Nahda school",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("language", LANGUAGES)
def test_reported_hours_count_once_a_coordinator_approves_them(
    language, login, staff, django_capture_on_commit_callbacks
):
    person, _application, client = volunteer(language, email="reports@example.org")
    response = client.post(f"/{language}/applicant/", report_form())
    assert response.status_code == 303
    page = client.get(response["Location"])
    with translation.override(language):
        assert gettext("Waiting for a coordinator") in text(page)
    report = ReportedHours.objects.get(volunteer=person)
    assert report.hours == Decimal("2.5") and report.status == ReportStatus.PENDING
    assert hours.totals(person) == (0, [])  # not before it is approved

    coordinator = login(staff["coordinator"])
    listing = coordinator.get(ADMIN + "?status=pending")
    assert listing.status_code == 200 and person.reference in text(listing)
    assert f"{ADMIN}inspect/{report.pk}/" in listing.content.decode()
    assert coordinator.get(ADMIN + "add/").status_code in (302, 403)  # decided, never added or edited
    assert coordinator.get(ADMIN + f"edit/{report.pk}/").status_code in (302, 403)
    with django_capture_on_commit_callbacks(execute=True):
        decided = coordinator.post(ADMIN + f"inspect/{report.pk}/", {"decision": "approve"})
    assert decided.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.decided_by == staff["coordinator"]
    assert hours.totals(person)[0] == Decimal("2.5")
    assert ModelLogEntry.objects.filter(action="sharaka.hours.approved", object_id=str(report.pk)).exists()
    notice = mail.outbox[-1]
    assert notice.to == ["reports@example.org"] and "/applicant/link/" in notice.body
    assert "2.5" not in notice.body and "Al-Nahda" not in notice.body  # a notice, not the news

    body = text(client.get(f"/{language}/applicant/"))
    with translation.override(language):
        assert gettext("Approved") in body
        assert (
            gettext("Hours that count: <strong>%(hours)s</strong>").replace("<strong>", "").replace("</strong>", "")
            % {"hours": "2.5"}
            in body
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_declined_report_says_why_and_a_decline_needs_a_reason(language, login, staff):
    person, _application, client = volunteer(language)
    client.post(f"/{language}/applicant/", report_form())
    report = ReportedHours.objects.get(volunteer=person)
    coordinator = login(staff["coordinator"])
    refused = coordinator.post(ADMIN + f"inspect/{report.pk}/", {"decision": "decline", "reason": "  "})
    assert refused.status_code == 400
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING
    coordinator.post(
        ADMIN + f"inspect/{report.pk}/", {"decision": "decline", "reason": "The school visit was cancelled."}
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DECLINED
    assert "The school visit was cancelled." in text(client.get(f"/{language}/applicant/"))
    assert hours.totals(person)[0] == 0
    # Decided once: a second decision (two coordinators at once) changes nothing.
    again = coordinator.post(ADMIN + f"inspect/{report.pk}/", {"decision": "approve"}, follow=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.DECLINED and again.status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours-hours": "30"}, "A day has at most 24 hours."),
        ({"hours-hours": "abc"}, "Enter the hours as a number, like 2 or 1.5."),
        ({"hours-hours": "0"}, "Enter at least a quarter of an hour (0.25)."),
        ({"hours-description": ""}, "Say briefly what you did."),
        ({"hours-worked_on": "2026-02-31"}, "Enter a real date."),
        ({"hours-worked_on": "3000-01-01"}, "Report work once it is done: the day is in the future."),
    ],
)
def test_bad_reports_are_refused_beside_the_field_in_the_readers_language(language, changes, message):
    person, _application, client = volunteer(language)
    response = client.post(f"/{language}/applicant/", report_form(**changes))
    assert response.status_code == 400
    with translation.override(language):
        assert gettext(message) in text(response)
    assert soup(response).select_one(".error-summary a[href]")
    assert not ReportedHours.objects.filter(volunteer=person).exists()


def test_work_older_than_the_limit_is_refused():
    _person, _application, client = volunteer("en")
    old = timezone.localdate() - timedelta(days=hours.REPORT_WITHIN_DAYS + 1)
    response = client.post("/en/applicant/", report_form(**{"hours-worked_on": old.isoformat()}))
    assert response.status_code == 400 and "please call your coordinator" in text(response)


def test_a_waiting_report_can_be_taken_back_but_not_a_decided_one_nor_someone_elses(staff):
    person, _application, client = volunteer("en")
    other, _o, other_client = volunteer("en")
    client.post("/en/applicant/", report_form())
    client.post("/en/applicant/", report_form(**{"hours-hours": "1"}))
    first, second = ReportedHours.objects.filter(volunteer=person).order_by("pk")
    assert other_client.post("/en/applicant/", {"action": "withdraw_report", "report": first.pk}).status_code == 400
    assert client.post("/en/applicant/", {"action": "withdraw_report", "report": first.pk}).status_code == 303
    assert not ReportedHours.objects.filter(pk=first.pk).exists()
    hours.decide(second, approve=True, user=staff["coordinator"])
    assert client.post("/en/applicant/", {"action": "withdraw_report", "report": second.pk}).status_code == 409
    assert ReportedHours.objects.filter(pk=second.pk, status=ReportStatus.APPROVED).exists()


def test_only_accepted_volunteers_report_hours():
    person, _application, client = volunteer("en", status="in_review")
    response = client.post("/en/applicant/", report_form())
    assert response.status_code == 400
    assert not ReportedHours.objects.filter(volunteer=person).exists()


def test_only_coordinators_see_and_decide_reports(login, staff):
    person, _application, client = volunteer("en")
    client.post("/en/applicant/", report_form())
    report = ReportedHours.objects.get(volunteer=person)
    for role in ("officer", "editor", "translator"):
        other = login(staff[role])
        assert other.get(ADMIN).status_code in (302, 403)
        other.post(ADMIN + f"inspect/{report.pk}/", {"decision": "approve"})
        report.refresh_from_db()
        assert report.status == ReportStatus.PENDING


def test_totals_for_a_period_count_attendance_by_its_start_and_reports_by_their_day(staff):
    person, _application, _client = volunteer("en")
    course = make_opportunity(days=2, hours=3, capacity=5, kind="training")
    signup = signups.sign_up(person, course)
    started = timezone.now() - timedelta(days=10)
    Opportunity.objects.filter(translation_key=course.translation_key).update(
        starts_at=started, ends_at=started + timedelta(hours=3)
    )
    signup.attendance = "attended"
    signup.save()
    worked = timezone.localdate() - timedelta(days=2)
    report = hours.report(person, worked_on=worked, hours=Decimal("1.25"), description="Leaflets")
    hours.decide(report, approve=True, user=staff["coordinator"])
    started_on = timezone.localtime(started).date()
    assert hours.totals(person)[0] == Decimal("4.25")
    assert hours.totals(person, started_on, started_on)[0] == 3
    assert [c.pk for c in hours.totals(person, started_on, started_on)[1]] == [course.pk]
    assert hours.totals(person, worked, worked) == (Decimal("1.25"), [])
    assert hours.totals(person, worked + timedelta(days=1)) == (0, [])


def test_a_data_request_covers_reported_hours_and_erasing_removes_them(login, staff):
    person, application, client = volunteer("en", email="hours-dsr@example.org")
    client.post("/en/applicant/", report_form())
    admin = login(staff["superuser"])
    download = admin.post("/admin/data-requests/", {"term": "hours-dsr@example.org", "action": "export"})
    record = next(item for item in download.json()["records"] if item["reference"] == application.reference)
    [reported] = record["related"]["reported_hours"]
    assert reported["hours"] == "2.50" and reported["what_was_done"] == "Road-safety talk at the Al-Nahda school"
    admin.post("/admin/data-requests/", {"term": "hours-dsr@example.org", "action": "erase", "confirm": "yes"})
    assert not ReportedHours.objects.filter(volunteer_id=person.pk).exists()


def test_anonymising_the_volunteers_last_named_application_empties_what_they_wrote_and_keeps_the_hours(staff):
    person, application, _client = volunteer("en")
    report = hours.report(
        person, worked_on=timezone.localdate(), hours=Decimal("2"), description="Talk at the Al-Nahda school"
    )
    hours.decide(report, approve=True, user=staff["coordinator"])
    application.anonymise()
    report.refresh_from_db()
    assert report.description == "" and report.status == ReportStatus.APPROVED
    assert hours.totals(person)[0] == 2


@pytest.mark.parametrize("model", ["reportedhours", "opportunity"])
def test_no_chooser_lists_reports_or_opportunities_to_other_staff(login, staff, model):
    person, _application, client = volunteer("en")
    client.post("/en/applicant/", report_form())
    for role in ("officer", "editor", "translator", "coordinator"):
        other = login(staff[role])
        assert other.get(f"/admin/snippets/choose/volunteer_signup/{model}/").status_code == 404
        assert other.get(f"/admin/snippets/choose/volunteer_signup/{model}/chosen/1/").status_code == 404


ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(("typed", "saved"), [("١٫٥", "1.5"), ("1,5", "1.5"), ("2.25", "2.25")])
def test_hours_typed_with_arabic_digits_or_a_decimal_comma_are_understood(typed, saved):
    person, _application, client = volunteer("ar")
    day = (timezone.localdate() - timedelta(days=3)).isoformat().translate(ARABIC_DIGITS)
    response = client.post("/ar/applicant/", report_form(**{"hours-hours": typed, "hours-worked_on": day}))
    assert response.status_code == 303
    report = ReportedHours.objects.get(volunteer=person)
    assert report.hours == Decimal(saved) and report.worked_on == timezone.localdate() - timedelta(days=3)


@pytest.mark.parametrize("language", LANGUAGES)
def test_hours_off_the_quarter_hour_and_more_than_a_day_in_all_are_refused(language, staff):
    person, _application, client = volunteer(language)
    response = client.post(f"/{language}/applicant/", report_form(**{"hours-hours": "1.1"}))
    assert response.status_code == 400
    with translation.override(language):
        assert gettext("Enter the hours to the quarter hour, like 1.25 or 2.5.") in text(response)
    assert client.post(f"/{language}/applicant/", report_form(**{"hours-hours": "20"})).status_code == 303
    again = client.post(f"/{language}/applicant/", report_form(**{"hours-hours": "5"}))
    assert again.status_code == 400
    with translation.override(language):
        expected = gettext("With the %(hours)s hours already recorded for that day, this would be more than 24.")
    assert expected % {"hours": "20"} in text(again)
    assert ReportedHours.objects.filter(volunteer=person).count() == 1
    assert client.post(f"/{language}/applicant/", report_form(**{"hours-hours": "4"})).status_code == 303


def test_when_retention_deletes_a_volunteers_last_application_the_hours_that_count_stay_without_a_person(staff):
    from volunteer_signup.models import SignUp, Volunteer

    person, application, _client = volunteer("en")
    course = make_opportunity(days=1, hours=3, capacity=5, kind="training")
    later = make_opportunity(days=30, hours=2, capacity=5)
    came = signups.sign_up(person, course)
    booked_later = signups.sign_up(person, later)
    past = timezone.now() - timedelta(days=5)
    Opportunity.objects.filter(translation_key=course.translation_key).update(
        starts_at=past, ends_at=past + timedelta(hours=3)
    )
    SignUp.objects.filter(pk=came.pk).update(attendance="attended")
    report = hours.report(person, worked_on=timezone.localdate(), hours=Decimal("2"), description="My son's school")
    hours.decide(report, approve=True, user=staff["coordinator"])
    waiting = hours.report(person, worked_on=timezone.localdate(), hours=Decimal("1"), description="Leaflets")
    before = sorted((entry.day, entry.hours) for entry in hours.entries())

    application.delete()  # what retention does to a withdrawn or declined application

    assert Volunteer.objects.filter(pk=person.pk).exists()
    assert sorted((entry.day, entry.hours) for entry in hours.entries()) == before
    report.refresh_from_db()
    assert report.description == ""
    assert not ReportedHours.objects.filter(pk=waiting.pk).exists()
    assert not SignUp.objects.filter(pk=booked_later.pk).exists()


def test_a_volunteer_with_no_hours_that_count_goes_with_their_last_application():
    from volunteer_signup.models import Volunteer

    person, application, client = volunteer("en")
    client.post("/en/applicant/", report_form())  # waiting: does not count
    application.delete()
    assert not Volunteer.objects.filter(pk=person.pk).exists()


def test_what_a_volunteer_wrote_goes_when_their_last_named_application_is_deleted_after_another_was_anonymised(staff):
    from tests.factories import VolunteerApplicationFactory

    person, accepted, _client = volunteer("en")
    withdrawn = VolunteerApplicationFactory(volunteer=person, status="withdrawn")
    report = hours.report(
        person, worked_on=timezone.localdate(), hours=Decimal("2"), description="Talk at my son's school"
    )
    hours.decide(report, approve=True, user=staff["coordinator"])
    accepted.anonymise()  # another application still names them: their words stay for now
    report.refresh_from_db()
    assert report.description
    withdrawn.delete()
    report.refresh_from_db()
    assert report.description == "" and hours.totals(person)[0] == 2


def test_a_volunteer_with_hours_is_told_to_sign_up_not_to_wait_for_the_foundation_course(staff):
    from volunteer_signup import applicant

    person, application, _client = volunteer("en")
    assert "foundation course" in applicant.next_step(application)[0]
    report = hours.report(person, worked_on=timezone.localdate(), hours=Decimal("2"), description="Leaflets")
    hours.decide(report, approve=True, user=staff["coordinator"])
    assert applicant.next_step(application)[0] == applicant.ACTIVE
