"""Opportunities accepted volunteers sign up for from their own page, in Arabic and English.

A place while there is one, else the waiting list; a place given up goes to the first
person waiting (passing over anyone it would double-book); nobody is booked on two
opportunities at the same time; booking, moving up and giving up are emailed with a
calendar file (the cancellation takes the event out again); a reminder is scheduled for
the day before and sent once. Coordinators manage opportunities and see who signed up;
feedback officers and editors see none of it.
"""

import datetime
import email as email_parser
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale, ModelLogEntry

from tests.conftest import soup
from tests.factories import VolunteerApplicationFactory, locale
from volunteer_signup import signups
from volunteer_signup.blocks import UpcomingOpportunitiesBlock
from volunteer_signup.hours import totals
from volunteer_signup.models import ApplicantLink, Opportunity, SignUp, SignUpStatus, Volunteer

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]


def make_opportunity(days=5, hours=3, capacity=2, title="Road-safety morning", **fields):
    starts = timezone.now() + timedelta(days=days)
    arabic = Opportunity.objects.create(
        locale=Locale.objects.get(language_code="ar"),
        title=f"عربي: {title}",
        description="وصف",
        place="المكان",
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        capacity=capacity,
        **fields,
    )
    english = arabic.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.description, english.place = title, "What you will do.", "School gate"
    english.save()
    return arabic


def volunteer(language="en", email="", status="accepted"):
    """An accepted volunteer with a client that has opened their page."""
    person = Volunteer.objects.create()
    application = VolunteerApplicationFactory(volunteer=person, status=status, email=email, locale=locale(language))
    client = Client()
    token = ApplicantLink.issue(application)
    response = client.post(f"/{language}/applicant/link/{token}/")
    assert response.status_code == 303
    return person, application, client


def text(response):
    return " ".join(soup(response).get_text().split())


def say(language, message):
    with translation.override(language):
        return gettext(message)


@pytest.mark.parametrize("language", LANGUAGES)
def test_volunteers_book_then_wait_then_move_up_when_someone_gives_up(language, django_capture_on_commit_callbacks):
    opportunity = make_opportunity(capacity=1)
    first, _first_application, first_client = volunteer(language)
    second, _second_application, second_client = volunteer(language, email="second@example.org")
    page = first_client.get(f"/{language}/applicant/")
    expected_title = opportunity.title if language == "ar" else "Road-safety morning"
    assert expected_title in text(page)

    response = first_client.post(f"/{language}/applicant/", {"action": "sign_up", "opportunity": opportunity.pk})
    assert response.status_code == 303
    assert say(language, "You have a place. We have emailed you the details with a calendar file.") in text(
        first_client.get(response["Location"])
    )
    # The English page signs up for the English row: the place is counted on the original.
    english = Opportunity.objects.get(translation_key=opportunity.translation_key, locale__language_code="en")
    second_client.post(f"/{language}/applicant/", {"action": "sign_up", "opportunity": english.pk})
    waiting = SignUp.objects.get(volunteer=second)
    assert waiting.status == SignUpStatus.WAITING and waiting.opportunity_id == opportunity.pk
    with translation.override(language):
        number_one = gettext("On the waiting list: number %(position)s") % {"position": 1}
    assert number_one in text(second_client.get(f"/{language}/applicant/"))

    mail.outbox.clear()
    booked = SignUp.objects.get(volunteer=first)
    with django_capture_on_commit_callbacks(execute=True):
        first_client.post(f"/{language}/applicant/", {"action": "cancel_sign_up", "signup": booked.pk})
    booked.refresh_from_db()
    waiting.refresh_from_db()
    assert booked.status == SignUpStatus.CANCELLED and waiting.status == SignUpStatus.BOOKED
    moved_up = [message for message in mail.outbox if message.to == ["second@example.org"]]
    assert len(moved_up) == 1
    assert ".ics" in moved_up[0].attachments[0][0] and "METHOD:PUBLISH" in moved_up[0].attachments[0][1]
    assert say(language, "You have a place") in text(second_client.get(f"/{language}/applicant/"))


def test_a_booking_and_its_cancellation_carry_one_calendar_event(django_capture_on_commit_callbacks):
    opportunity = make_opportunity(capacity=3)
    person, _application, _client = volunteer("en", email="cal@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        signup = signups.sign_up(person, opportunity)
        signups.cancel(signup)
    booked, cancelled = [message for message in mail.outbox if message.to == ["cal@example.org"]]
    assert "Road-safety morning" in booked.subject and "School gate" in booked.body
    add = booked.attachments[0][1]
    remove = cancelled.attachments[0][1]
    assert "METHOD:PUBLISH" in add and "METHOD:CANCEL" in remove and "STATUS:CANCELLED" in remove
    uid = next(line for line in add.splitlines() if line.startswith("UID:"))
    assert uid in remove.splitlines()
    assert "SUMMARY:Road-safety morning" in add
    # The stored email keeps the calendar file, and no working link.
    parsed = email_parser.message_from_bytes(booked.message().as_bytes())
    assert any(part.get_content_type() == "text/calendar" for part in parsed.walk())


def test_nobody_is_booked_twice_at_the_same_time():
    morning = make_opportunity(days=4, hours=3, title="Morning")
    overlapping = make_opportunity(days=4, hours=1, title="Overlapping")
    later = make_opportunity(days=6, title="Later")
    person, _application, client = volunteer("en")
    signups.sign_up(person, morning)
    response = client.post("/en/applicant/", {"action": "sign_up", "opportunity": overlapping.pk})
    assert "You already have a place at the same time." in text(client.get(response["Location"]))
    assert not SignUp.objects.filter(volunteer=person, opportunity=overlapping).exists()
    assert signups.sign_up(person, later).status == SignUpStatus.BOOKED


def test_a_freed_place_passes_over_someone_it_would_double_book():
    full = make_opportunity(days=3, capacity=1, title="Full")
    clashing = make_opportunity(days=3, capacity=5, title="Same time")
    holder, _a, _c = volunteer()
    busy, _b, _d = volunteer()
    free, _e, _f = volunteer()
    taken = signups.sign_up(holder, full)
    signups.sign_up(busy, full)  # waiting, first in line
    signups.sign_up(free, full)  # waiting, second
    signups.sign_up(busy, clashing)  # now booked at the same time
    signups.cancel(taken)
    assert SignUp.objects.get(volunteer=free, opportunity=full).status == SignUpStatus.BOOKED
    assert SignUp.objects.get(volunteer=busy, opportunity=full).status == SignUpStatus.WAITING


def test_only_accepted_volunteers_can_sign_up():
    opportunity = make_opportunity()
    person, application, client = volunteer("en", status="in_review")
    page = client.get("/en/applicant/")
    assert soup(page).select_one("#opportunities") is None
    client.post("/en/applicant/", {"action": "sign_up", "opportunity": opportunity.pk})
    assert not SignUp.objects.filter(volunteer=person).exists()
    with pytest.raises(signups.SignUpRefused):
        signups.sign_up(person, opportunity)


def test_a_started_opportunity_and_bad_input_are_refused_plainly():
    started = make_opportunity(days=-1, hours=48)
    person, _application, client = volunteer("en")
    response = client.post("/en/applicant/", {"action": "sign_up", "opportunity": started.pk})
    assert "This opportunity has already started." in text(client.get(response["Location"]))
    for bad in ("", "abc", "999999"):
        response = client.post("/en/applicant/", {"action": "sign_up", "opportunity": bad})
        assert response.status_code == 303
        assert "That opportunity is no longer open." in text(client.get(response["Location"]))
    # Someone else's sign-up cannot be cancelled from this page.
    other, _o, _c = volunteer("en")
    theirs = signups.sign_up(other, make_opportunity(days=9))
    client.post("/en/applicant/", {"action": "cancel_sign_up", "signup": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.status == SignUpStatus.BOOKED
    assert not SignUp.objects.filter(volunteer=person).exists()


def test_the_reminder_is_scheduled_for_the_day_before_and_sent_once(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    opportunity = make_opportunity(days=5)
    person, _application, _client = volunteer("ar", email="remind@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        signup = signups.sign_up(person, opportunity)
    task = DBTaskResult.objects.get(task_path="volunteer_signup.signups.send_reminder")
    assert abs(task.run_after - (opportunity.starts_at - timedelta(days=1))) < datetime.timedelta(seconds=1)

    mail.outbox.clear()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    signups.send_reminder.call(signup.pk)  # too early: the time has not come
    assert mail.outbox == []
    Opportunity.objects.filter(translation_key=opportunity.translation_key).update(
        starts_at=timezone.now() + timedelta(hours=20), ends_at=timezone.now() + timedelta(hours=23)
    )
    with django_capture_on_commit_callbacks(execute=True):
        signups.send_reminder.call(signup.pk)
        signups.send_reminder.call(signup.pk)
    reminders = [message for message in mail.outbox if message.to == ["remind@example.org"]]
    assert len(reminders) == 1
    assert "غداً" in reminders[0].subject  # in the volunteer's language


def test_no_reminder_for_a_place_given_up(django_capture_on_commit_callbacks):
    opportunity = make_opportunity(days=0, hours=1)
    Opportunity.objects.filter(translation_key=opportunity.translation_key).update(
        starts_at=timezone.now() + timedelta(hours=20), ends_at=timezone.now() + timedelta(hours=21)
    )
    person, _application, _client = volunteer("en", email="gaveup@example.org")
    signup = signups.sign_up(person, Opportunity.objects.get(pk=opportunity.pk))
    signups.cancel(signup)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signups.send_reminder.call(signup.pk)
    assert mail.outbox == []


# --- the coordinators' side -------------------------------------------------------------------


def test_coordinators_manage_opportunities_and_see_who_signed_up(login, staff):
    opportunity = make_opportunity(capacity=1)
    booked, booked_application, _c = volunteer("en")
    waiting, _w, _d = volunteer("en")
    VolunteerApplicationFactory._meta.model.objects.filter(pk=booked_application.pk).update(full_name="Huda Booked")
    signups.sign_up(booked, opportunity)
    signups.sign_up(waiting, opportunity)
    coordinator = login(staff["coordinator"])
    listing = coordinator.get("/admin/snippets/volunteer_signup/opportunity/")
    assert listing.status_code == 200
    assert "1 of 1 booked, 1 waiting" in text(listing)
    inspect = coordinator.get(f"/admin/snippets/volunteer_signup/opportunity/inspect/{opportunity.pk}/")
    assert inspect.status_code == 200 and "Huda Booked" in text(inspect)
    assert coordinator.get("/admin/snippets/volunteer_signup/opportunity/add/").status_code == 200
    for role in ("officer", "editor", "translator"):
        client = login(staff[role])
        assert client.get("/admin/snippets/volunteer_signup/opportunity/").status_code in (302, 403)
        inspect = client.get(f"/admin/snippets/volunteer_signup/opportunity/inspect/{opportunity.pk}/")
        assert "Huda Booked" not in inspect.content.decode()


def test_an_opportunity_must_end_after_it_starts(login, staff):
    opportunity = make_opportunity()
    opportunity.ends_at = opportunity.starts_at
    with pytest.raises(ValidationError):
        opportunity.full_clean()


def test_a_persons_data_request_covers_their_sign_ups_and_erasing_removes_them(login, staff):
    opportunity = make_opportunity()
    person, application, _client = volunteer("en", email="dsr@example.org")
    signup = signups.sign_up(person, opportunity)
    client = login(staff["superuser"])
    download = client.post("/admin/data-requests/", {"term": "dsr@example.org", "action": "export"})
    record = next(item for item in download.json()["records"] if item["reference"] == application.reference)
    assert record["related"]["volunteer"] == person.reference
    assert [item["opportunity"] for item in record["related"]["sign_ups"]] == [opportunity.title]
    client.post("/admin/data-requests/", {"term": "dsr@example.org", "action": "erase", "confirm": "yes"})
    assert not SignUp.objects.filter(pk=signup.pk).exists()
    assert not Volunteer.objects.filter(pk=person.pk).exists()


# --- attendance and hours ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_marks_attendance_and_the_hours_count_on_the_volunteers_page(login, staff, language):
    course = make_opportunity(days=1, hours=3, capacity=5, title="First-aid course", kind="training")
    came, _a, came_client = volunteer(language)
    late, _b, _c = volunteer(language)
    absent, _d, _e = volunteer(language)
    places = {person: signups.sign_up(person, course) for person in (came, late, absent)}
    url = f"/admin/opportunities/{course.pk}/attendance/"
    assert login(staff["coordinator"]).post(url, {f"s{places[came].pk}-attendance": "attended"}).status_code == 302
    places[came].refresh_from_db()
    assert places[came].attendance == ""  # not before the day it happens
    Opportunity.objects.filter(translation_key=course.translation_key).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now()
    )
    coordinator = login(staff["coordinator"])
    page = soup(coordinator.get(url))
    assert len(page.select("fieldset.sharaka-attendance__row")) == 3
    response = coordinator.post(
        url,
        {
            f"s{places[came].pk}-attendance": "attended",
            f"s{places[late].pk}-attendance": "late",
            f"s{places[late].pk}-hours": "1.5",
            f"s{places[absent].pk}-attendance": "no_show",
        },
    )
    assert response.status_code == 302
    for signup in places.values():
        signup.refresh_from_db()
    assert [places[p].attendance for p in (came, late, absent)] == ["attended", "late", "no_show"]
    assert places[came].counted_hours == 3 and places[late].counted_hours == Decimal("1.5")
    assert places[absent].counted_hours == 0
    assert places[came].attendance_marked_by == staff["coordinator"]

    body = text(came_client.get(f"/{language}/applicant/"))
    with translation.override(language):
        shown = gettext("Hours that count: <strong>%(hours)s</strong>") % {"hours": "3"}
    assert re.sub("<[^>]+>", "", shown) in body  # the course's three hours
    assert ("عربي: First-aid course" if language == "ar" else "First-aid course") in body
    assert totals(absent) == (0, [])


def test_bad_hours_are_refused_beside_the_row_and_nothing_is_saved(login, staff):
    course = make_opportunity(days=2, capacity=5)
    person, _a, _c = volunteer()
    signup = signups.sign_up(person, course)
    Opportunity.objects.filter(pk=course.pk).update(
        starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=2)
    )
    coordinator = login(staff["coordinator"])
    url = f"/admin/opportunities/{course.pk}/attendance/"
    for hours in ("abc", "30", "0"):
        response = coordinator.post(url, {f"s{signup.pk}-attendance": "attended", f"s{signup.pk}-hours": hours})
        assert response.status_code == 400
        signup.refresh_from_db()
        assert signup.attendance == ""


def test_only_coordinators_mark_attendance(login, staff):
    course = make_opportunity(days=2)
    person, _a, _c = volunteer()
    signup = signups.sign_up(person, course)
    for role in ("officer", "editor", "translator"):
        client = login(staff[role])
        assert client.get(f"/admin/opportunities/{course.pk}/attendance/").status_code in (302, 403)
        client.post(f"/admin/opportunities/{course.pk}/attendance/", {f"s{signup.pk}-attendance": "attended"})
        signup.refresh_from_db()
        assert signup.attendance == ""


# --- what the independent review found ------------------------------------------------------------


def test_a_newcomer_joins_the_queue_behind_those_waiting_and_a_raised_capacity_moves_them_up():
    opportunity = make_opportunity(capacity=1)
    first, _a, _b = volunteer()
    waiting, _c, _d = volunteer()
    late, _e, _f = volunteer()
    signups.sign_up(first, opportunity)
    assert signups.sign_up(waiting, opportunity).status == SignUpStatus.WAITING
    opportunity.capacity = 3
    opportunity.save()  # the coordinator raises the places: the person waiting gets one
    assert SignUp.objects.get(volunteer=waiting).status == SignUpStatus.BOOKED
    english = Opportunity.objects.get(translation_key=opportunity.translation_key, locale__language_code="en")
    assert english.capacity == 3  # the same in every language
    assert signups.sign_up(late, english).status == SignUpStatus.BOOKED


def test_times_saved_in_one_language_are_the_same_in_the_other():
    opportunity = make_opportunity()
    english = Opportunity.objects.get(translation_key=opportunity.translation_key, locale__language_code="en")
    english.starts_at += timedelta(hours=2)
    english.ends_at += timedelta(hours=2)
    english.is_public = False
    english.save()
    opportunity.refresh_from_db()
    assert (opportunity.starts_at, opportunity.ends_at, opportunity.is_public) == (
        english.starts_at,
        english.ends_at,
        False,
    )


def test_a_volunteer_no_longer_accepted_gives_up_their_places_to_those_waiting(staff):
    opportunity = make_opportunity(capacity=1)
    leaving, leaving_application, _c = volunteer()
    waiting, _w, _d = volunteer()
    signups.sign_up(leaving, opportunity)
    signups.sign_up(waiting, opportunity)
    leaving_application.move_to("withdrawn", user=staff["coordinator"], reason="Moved abroad")
    assert SignUp.objects.get(volunteer=leaving).status == SignUpStatus.CANCELLED
    assert SignUp.objects.get(volunteer=waiting).status == SignUpStatus.BOOKED


def test_a_deleted_volunteers_place_goes_to_the_next_person_waiting():
    opportunity = make_opportunity(capacity=1)
    erased, erased_application, _c = volunteer()
    waiting, _w, _d = volunteer()
    signups.sign_up(erased, opportunity)
    signups.sign_up(waiting, opportunity)
    erased_application.delete()  # erasure or retention: the volunteer goes with it
    assert SignUp.objects.get(volunteer=waiting).status == SignUpStatus.BOOKED


def test_a_started_opportunitys_place_cannot_be_given_up():
    opportunity = make_opportunity(days=1)
    person, _a, client = volunteer()
    signup = signups.sign_up(person, opportunity)
    Opportunity.objects.filter(pk=opportunity.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    response = client.post("/en/applicant/", {"action": "cancel_sign_up", "signup": signup.pk})
    assert "This opportunity has already started." in text(client.get(response["Location"]))
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.BOOKED


@pytest.mark.parametrize("value", ["²", "٣", "1" * 40, "-1"])
def test_odd_ids_are_refused_plainly(value):
    _person, _a, client = volunteer()
    for action, field in (("sign_up", "opportunity"), ("cancel_sign_up", "signup")):
        response = client.post("/en/applicant/", {"action": action, field: value})
        assert response.status_code == 303
        assert "That opportunity is no longer open." in text(client.get(response["Location"]))


def test_an_opportunity_people_hold_places_on_is_not_deleted(login, staff):
    opportunity = make_opportunity()
    person, _a, _c = volunteer()
    signups.sign_up(person, opportunity)
    coordinator = login(staff["coordinator"])
    coordinator.post(f"/admin/snippets/volunteer_signup/opportunity/delete/{opportunity.pk}/")
    assert Opportunity.objects.filter(pk=opportunity.pk).exists()
    assert SignUp.objects.filter(volunteer=person).exists()


def test_an_opportunity_written_in_one_language_only_is_offered_in_the_other():
    arabic_only = Opportunity.objects.create(
        locale=Locale.objects.get(language_code="ar"),
        title="تنظيم السير في سوق الجمعة",
        description="وصف.",
        place="السوق",
        starts_at=timezone.now() + timedelta(days=8),
        ends_at=timezone.now() + timedelta(days=8, hours=2),
        capacity=2,
    )
    _person, _a, client = volunteer("en")
    offered = soup(client.get("/en/applicant/")).select("#opportunities li.opportunity")
    assert [item.h3.get_text() for item in offered] == [arabic_only.title]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_list_shows_what_has_not_started_with_the_places_left(language):
    listed = make_opportunity(days=3, capacity=2, title="Listed")
    make_opportunity(days=4, title="Staff only", is_public=False)
    started = make_opportunity(days=1, title="Started")
    Opportunity.objects.filter(translation_key=started.translation_key).update(
        starts_at=timezone.now() - timedelta(hours=1)
    )
    person, _a, _c = volunteer()
    signups.sign_up(person, listed)
    block = UpcomingOpportunitiesBlock()
    with translation.override(language):
        html = block.render(block.to_python({"heading": "Soon", "limit": 5}), context={"page": None})
        places = ngettext("%(places)s place left", "%(places)s places left", 1) % {"places": 1}
    items = BeautifulSoup(html, "html.parser").select("li.opportunity")
    assert [item.h3.get_text() for item in items] == ["عربي: Listed" if language == "ar" else "Listed"]
    assert places in items[0].get_text()


def test_a_new_time_is_sent_to_everyone_with_a_place_with_a_calendar_file_that_moves_it(
    django_capture_on_commit_callbacks,
):
    opportunity = make_opportunity(days=5, capacity=1)
    booked, _a, _c = volunteer("en", email="booked@example.org")
    waiting, _w, _d = volunteer("en", email="waiting@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        first = signups.sign_up(booked, opportunity)
        signups.sign_up(waiting, opportunity)
    booking_file = next(m for m in mail.outbox if m.to == ["booked@example.org"]).attachments[0][1]
    mail.outbox.clear()
    opportunity.refresh_from_db()
    opportunity.starts_at += timedelta(hours=3)
    opportunity.ends_at += timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        opportunity.save()
    moved = [message for message in mail.outbox if message.to == ["booked@example.org"]]
    assert len(moved) == 1 and moved[0].subject.startswith("New time")
    update = moved[0].attachments[0][1]
    uid = next(line for line in booking_file.splitlines() if line.startswith("UID:"))
    assert uid in update.splitlines() and f"UID:signup-{first.pk}@" in uid

    def sequence(ics):
        return int(next(line for line in ics.splitlines() if line.startswith("SEQUENCE:")).split(":")[1])

    assert sequence(update) >= sequence(booking_file)
    assert "ORGANIZER:mailto:" in update
    assert not [message for message in mail.outbox if message.to == ["waiting@example.org"]]
    # Saving again without a new time sends nothing.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opportunity.save()
    assert mail.outbox == []


def test_a_coordinator_gives_up_a_volunteers_place_and_the_next_person_waiting_moves_up(
    login, staff, django_capture_on_commit_callbacks
):
    opportunity = make_opportunity(capacity=1)
    booked, _b, _c = volunteer("ar", email="phoned@example.org")
    waiting, _w, _d = volunteer("en", email="next@example.org")
    place = signups.sign_up(booked, opportunity)
    queued = signups.sign_up(waiting, opportunity)
    inspect_url = f"/admin/snippets/volunteer_signup/opportunity/inspect/{opportunity.pk}/"
    for role in ("officer", "editor", "translator"):
        login(staff[role]).post(f"/admin/sign-ups/{place.pk}/give-up/")
        place.refresh_from_db()
        assert place.status == SignUpStatus.BOOKED
    coordinator = login(staff["coordinator"])
    assert f"/admin/sign-ups/{place.pk}/give-up/" in coordinator.get(inspect_url).content.decode()
    assert coordinator.get(f"/admin/sign-ups/{place.pk}/give-up/").status_code == 405  # never by a link
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(f"/admin/sign-ups/{place.pk}/give-up/")
    assert response.status_code == 302 and response["Location"] == inspect_url
    place.refresh_from_db()
    queued.refresh_from_db()
    assert place.status == SignUpStatus.CANCELLED and queued.status == SignUpStatus.BOOKED
    assert {tuple(message.to) for message in mail.outbox} >= {("phoned@example.org",), ("next@example.org",)}
    entry = ModelLogEntry.objects.get(action="sharaka.signup.given_up")
    assert entry.user == staff["coordinator"] and "phoned" not in str(entry.data)


def test_a_started_opportunitys_place_is_not_given_up_from_the_admin(login, staff):
    opportunity = make_opportunity(capacity=1)
    person, _a, _c = volunteer("en")
    place = signups.sign_up(person, opportunity)
    Opportunity.objects.filter(pk=opportunity.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    coordinator = login(staff["coordinator"])
    inspect = coordinator.get(f"/admin/snippets/volunteer_signup/opportunity/inspect/{opportunity.pk}/")
    assert f"/admin/sign-ups/{place.pk}/give-up/" not in inspect.content.decode()
    coordinator.post(f"/admin/sign-ups/{place.pk}/give-up/")
    place.refresh_from_db()
    assert place.status == SignUpStatus.BOOKED


def test_the_volunteers_page_costs_the_same_queries_however_many_sign_ups_and_courses(staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person, _application, client = volunteer("en")
    someone = volunteer("ar")[0]

    def sign_up_for(count, start):
        for index in range(count):
            full = make_opportunity(days=start + index, capacity=1, title=f"Morning {start + index}")
            signups.sign_up(someone, full)
            signups.sign_up(person, full)  # waiting, number 1
            course = make_opportunity(days=1, hours=2, capacity=5, title=f"Course {start + index}", kind="training")
            signups.sign_up(person, course)
            past = timezone.now() - timedelta(days=3 + index)
            Opportunity.objects.filter(translation_key=course.translation_key).update(
                starts_at=past, ends_at=past + timedelta(hours=2)
            )
            SignUp.objects.filter(volunteer=person, opportunity=course).update(attendance="attended")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/applicant/").status_code == 200
        return len(captured)

    sign_up_for(1, 10)
    queries()  # the first request of a site makes its settings
    few = queries()
    sign_up_for(4, 20)
    assert queries() == few
    assert "On the waiting list: number 1" in text(client.get("/en/applicant/"))


def test_a_volunteer_a_coordinator_takes_off_the_waiting_list_is_emailed(
    login, staff, django_capture_on_commit_callbacks
):
    opportunity = make_opportunity(capacity=1)
    signups.sign_up(volunteer("en", email="first@example.org")[0], opportunity)
    queued = signups.sign_up(volunteer("en", email="queued@example.org")[0], opportunity)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        login(staff["coordinator"]).post(f"/admin/sign-ups/{queued.pk}/give-up/")
    [notice] = mail.outbox
    assert notice.to == ["queued@example.org"]
    assert "A coordinator has taken you off the waiting list, as you asked." in notice.body
    assert "calendar" not in notice.body and not notice.attachments


def test_the_opportunities_listing_counts_places_in_one_query_however_many_rows(login, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coordinator = login(staff["coordinator"])
    url = "/admin/snippets/volunteer_signup/opportunity/"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = coordinator.get(url)
        return len(captured), response

    for index in range(2):
        signups.sign_up(volunteer("en")[0], make_opportunity(days=index + 1, capacity=1, title=f"Walk {index}"))
    coordinator.get(url)
    few, _response = queries()
    for index in range(2, 8):
        opportunity = make_opportunity(days=index + 1, capacity=1, title=f"Walk {index}")
        signups.sign_up(volunteer("en")[0], opportunity)
        signups.sign_up(volunteer("ar")[0], opportunity)
    many, response = queries()
    assert many == few
    assert text(response).count("1 of 1 booked, 1 waiting") == 12  # six opportunities, in both languages


def test_the_opportunity_inspect_page_reads_as_staff_do(login, staff):
    from django.utils import formats

    opportunity = make_opportunity(is_public=True)
    page = login(staff["coordinator"]).get(f"/admin/snippets/volunteer_signup/opportunity/inspect/{opportunity.pk}/")
    body = text(page)
    with translation.override("en"):
        shown = formats.date_format(timezone.localtime(opportunity.starts_at), "DATETIME_FORMAT")
    assert shown in body  # in the staff member's time zone, not UTC
    assert "True" not in body and "Translation key" not in body and "None" not in body
