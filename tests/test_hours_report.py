"""The coordinators' report of volunteer hours: by month, role, area and opportunity over a
chosen period, in the staff member's language, with a chart and a CSV export (audited);
roles and areas chosen in either language make one row; nobody but coordinators sees it.
"""

import csv
import io
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.conftest import soup
from tests.factories import bilingual_roles_and_areas
from tests.test_opportunities import make_opportunity, volunteer
from volunteer_signup import hours, signups
from volunteer_signup.models import Opportunity

pytestmark = pytest.mark.django_db

URL = "/admin/reports/volunteer-hours/"


def happened(opportunity, days_ago, *people, **fields):
    """Everyone signed up, the opportunity moved ``days_ago`` into the past, all marked as come."""
    places = [signups.sign_up(person, opportunity) for person in people]
    started = timezone.now() - timedelta(days=days_ago)
    length = opportunity.ends_at - opportunity.starts_at
    Opportunity.objects.filter(translation_key=opportunity.translation_key).update(
        starts_at=started, ends_at=started + length
    )
    for signup in places:
        signup.attendance = "attended"
        signup.save()
    return places


@pytest.fixture
def records(staff):
    """Two volunteers: a training course and a festival (both marked by the North district's
    traffic marshals), and approved reported hours chosen in the other language."""
    options = bilingual_roles_and_areas()
    marshal_ar, marshal_en = options["roles"]["ar"][0], options["roles"]["en"][0]
    north_ar = options["areas"]["ar"][0]
    course = make_opportunity(days=3, hours=3, capacity=5, title="First-aid course", kind="training", role=marshal_ar)
    festival = make_opportunity(days=4, hours=5, capacity=5, title="Festival security", area=north_ar)
    huda, _a, _c = volunteer("ar")
    sami, _b, _d = volunteer("en")
    _huda_place, sami_place = happened(course, 20, huda, sami)
    sami_place.hours = Decimal("2")
    sami_place.save()
    happened(festival, 5, huda)
    report = hours.report(
        sami, worked_on=timezone.localdate() - timedelta(days=2), hours=Decimal("1.5"), description="x", role=marshal_en
    )
    hours.decide(report, approve=True, user=staff["coordinator"])
    ignored = hours.report(sami, worked_on=timezone.localdate(), hours=Decimal("9"), description="pending")
    assert ignored.status == "pending"
    return {"course": course, "festival": festival}


def table(response):
    page = soup(response)
    return {
        row.select_one("th").get_text(strip=True): [cell.get_text(strip=True) for cell in row.select("td")[:2]]
        for row in page.select("table.sharaka-report tbody tr")
    }


def in_arabic(user):
    user.wagtail_userprofile.preferred_language = "ar"
    user.wagtail_userprofile.save()
    return user


def test_hours_by_role_group_both_languages_into_one_row_and_pending_hours_do_not_count(login, staff, records):
    coordinator = login(in_arabic(staff["coordinator"]))
    response = coordinator.get(URL, {"by": "role"})
    assert response.status_code == 200
    # 3 + 2 hours of the marshals' course, and 1.5 reported as a marshal in English: one row.
    assert table(response)["منظم السير"] == ["6.50", "2"]
    assert table(response)["لم يُذكر دور"] == ["5", "1"]  # the festival had no role
    body = soup(response).get_text(" ", strip=True)
    assert "11.50" in body  # every hour that counts, and not the 9 waiting for a decision
    assert len(soup(response).select("table.sharaka-report svg rect")) == 2


def test_hours_by_opportunity_area_and_month_in_english(login, staff, records):
    coordinator = login(staff["coordinator"])
    by_opportunity = table(coordinator.get(URL, {"by": "opportunity"}))
    assert [values for label, values in by_opportunity.items() if label.startswith("First-aid course")] == [["5", "2"]]
    assert by_opportunity["Reported hours, outside an opportunity"] == ["1.50", "1"]
    by_area = table(coordinator.get(URL, {"by": "area"}))
    assert by_area["North district"] == ["5", "1"] and by_area["No area given"] == ["6.50", "2"]
    months = table(coordinator.get(URL))
    assert sum(Decimal(hours) for hours, _people in months.values()) == Decimal("11.5")


def test_a_period_keeps_only_what_happened_in_it(login, staff, records):
    coordinator = login(staff["coordinator"])
    start = timezone.localdate() - timedelta(days=10)
    response = coordinator.get(URL, {"by": "opportunity", "start": start.isoformat()})
    rows = table(response)
    assert len(rows) == 2  # the festival and the reported hours; the course was 20 days ago
    assert sum(Decimal(hours) for hours, _people in rows.values()) == Decimal("6.5")


@pytest.mark.parametrize(
    "query", [{"start": "2026-13-01"}, {"by": "nonsense"}, {"start": "2026-05-02", "end": "2026-05-01"}]
)
def test_a_bad_period_is_refused_plainly(login, staff, query):
    response = login(staff["coordinator"]).get(URL, query)
    assert response.status_code == 400
    assert soup(response).select(".error-message, .w-field__errors")


def test_the_csv_export_matches_the_table_and_is_audited(login, staff, records):
    coordinator = login(in_arabic(staff["coordinator"]))
    response = coordinator.get(URL, {"by": "role", "export": "csv"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0] == ["الدور", "الساعات", "المتطوعون"]
    assert ["منظم السير", "6.50", "2"] in rows
    assert rows[-1] == ["المجموع", "11.50", "2"]
    assert ModelLogEntry.objects.filter(action="sharaka.submission.export").exists()


def test_only_coordinators_see_the_report(login, staff, records):
    for role in ("officer", "editor", "translator"):
        client = login(staff[role])
        assert client.get(URL).status_code in (302, 403)
        assert client.get(URL, {"export": "csv"}).status_code in (302, 403)
        assert "volunteer-hours" not in client.get("/admin/").content.decode()
    assert "volunteer-hours" in login(staff["coordinator"]).get("/admin/").content.decode()


@pytest.mark.parametrize(
    "query",
    [{"start": "0001-01-01"}, {"end": "9999-12-31"}, {"start": "0001-01-01", "export": "csv"}, {"start": "1999-12-31"}],
)
def test_dates_far_from_the_programme_are_refused_plainly(login, staff, query):
    response = login(staff["coordinator"]).get(URL, query)
    assert response.status_code == 400
    assert "Choose a date between 2000 and next year." in response.content.decode()


def test_the_report_counts_days_in_the_sites_time_zone_whatever_the_staff_members(login, staff, settings):
    """An opportunity at 01:00 in the site's zone is that day's, for a coordinator whose own
    time zone is UTC (still the day before there)."""
    settings.TIME_ZONE = "Asia/Dubai"
    settings.WAGTAIL_USER_TIME_ZONES = ["Asia/Dubai", "UTC"]
    coordinator = staff["coordinator"]
    coordinator.wagtail_userprofile.current_time_zone = "UTC"
    coordinator.wagtail_userprofile.save()
    person, _a, _c = volunteer("en")
    early = make_opportunity(days=2, hours=2, capacity=2)
    happened(early, 10, person)
    site = timezone.get_default_timezone()
    day = timezone.localdate(timezone=site) - timedelta(days=9)
    one_am = timezone.make_aware(datetime.combine(day, time(1, 0)), site)
    Opportunity.objects.filter(translation_key=early.translation_key).update(
        starts_at=one_am, ends_at=one_am + timedelta(hours=2)
    )
    assert hours.totals(person, day, day)[0] == 2
    response = login(coordinator).get(URL, {"start": day.isoformat(), "end": day.isoformat(), "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert rows[-1] == ["Total", "2", "1"]


def test_the_report_and_its_refusal_say_what_they_are_in_the_browser_tab(login, staff):
    coordinator = login(staff["coordinator"])
    for query in ({}, {"start": "0001-01-01"}):
        title = soup(coordinator.get(URL, query)).title.get_text(strip=True)
        assert title.startswith("Volunteer hours")
