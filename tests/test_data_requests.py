"""A person's data, end to end (issue 11, item 6): find everything held about one phone or
email in every queue, download it as one file, erase it everywhere, and leave an audit
entry that says what was erased and by whom, without the data."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import ModelLogEntry

from core.phones import phones_in_text
from submissions.models import OutgoingEmail, SubmissionNote
from surveys.models import SurveyResponse
from tests.conftest import GROUPS, make_user, soup
from tests.factories import OutgoingEmailFactory, SurveyResponseFactory, VolunteerApplicationFactory
from volunteer_signup.models import VolunteerApplication

pytestmark = pytest.mark.django_db

URL = "/admin/data-requests/"
PHONE, EMAIL = "+971501234567", "layla.haddad@example.org"


@pytest.fixture
def held(staff, experience_survey):
    """Two applications with Layla's phone (one with her email), her survey responses, an
    email to her in the outbox about nothing any more, and somebody else's application."""
    coordinator = staff["coordinator"]
    first = VolunteerApplicationFactory(phone=PHONE, email=EMAIL, full_name="Layla Haddad")
    first.add_note("Called her back about training.", user=coordinator)
    first.move_to("in_review", user=coordinator)
    first.move_to("declined", user=coordinator, reason="Lives outside the areas we cover.")
    OutgoingEmailFactory(about=first, to=EMAIL, body="Dear Layla, your reference is …")
    second = VolunteerApplicationFactory(phone=PHONE, email="", full_name="L. Haddad")
    survey = experience_survey["en"]
    by_contact = SurveyResponseFactory(survey=survey, contact=EMAIL, contact_consent=True)
    text_key = next(q.clean_name for q in survey.questions() if q.field_type == "multiline")
    # Somebody else's response that mentions her address: not hers to take or erase.
    in_answer = SurveyResponseFactory(survey=survey, answers={text_key: f"Layla at {EMAIL.upper()} helped us"})
    OutgoingEmailFactory(about=None, content_type=None, object_id=None, to=EMAIL.upper(), body="An older reply.")
    other = VolunteerApplicationFactory(phone="+971509999999", email="someone@example.org")
    return {"applications": [first, second], "responses": [by_contact], "mention": in_answer, "other": other}


def post(client, **data):
    return client.post(URL, data)


def test_only_staff_holding_the_permission_may_open_it(login, staff):
    for role in ("coordinator", "officer", "editor"):
        response = login(staff[role]).get(URL)
        # Wagtail answers a refused admin page with the dashboard and a message.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert login(staff["superuser"]).get(URL).status_code == 200
    officer = make_user("dpo", GROUPS["officer"])
    group = Group.objects.create(name="Data protection")
    group.permissions.add(Permission.objects.get(codename="handle_data_requests"))
    officer.groups.add(group)
    assert login(officer).get(URL).status_code == 200


@pytest.mark.parametrize("term", ["050 123 4567", "+971 50 123 4567", "٠٥٠١٢٣٤٥٦٧"])
def test_a_phone_number_in_any_spelling_finds_the_applications(login, staff, held, term):
    page = soup(post(login(staff["superuser"]), term=term, action="find"))
    references = {a.get_text(strip=True) for a in page.select("section[aria-labelledby='found-heading'] li a")}
    assert references == {application.reference for application in held["applications"]}


def test_an_email_finds_applications_responses_and_other_emails(login, staff, held):
    response = post(login(staff["superuser"]), term=EMAIL.upper(), action="find")
    assert response.status_code == 200
    assert response.wsgi_request.path == URL and not response.wsgi_request.GET  # nothing personal in a URL
    text = soup(response).select_one("section[aria-labelledby='found-heading']").get_text(" ", strip=True)
    assert held["applications"][0].reference in text
    assert held["applications"][1].reference not in text  # no email on it
    for survey_response in held["responses"]:
        assert survey_response.reference in text
    assert "Mentioned in other people's answers" in text and held["mention"].reference in text
    assert "1 other email to this address in the outbox." in text
    assert held["other"].reference not in text
    # The look-up itself is logged: references, never the person.
    entry = ModelLogEntry.objects.get(action="sharaka.data_request.find")
    assert held["applications"][0].reference in entry.data["references"]
    assert EMAIL not in json.dumps(entry.data).lower()


def test_a_lookup_that_is_neither_phone_nor_email_is_refused_plainly(login, staff):
    response = post(login(staff["superuser"]), term="Layla", action="find")
    assert response.status_code == 400
    assert "Enter a phone number or an email address." in response.content.decode()


def test_everything_found_downloads_as_one_file_and_the_download_is_logged(login, staff, held):
    response = post(login(staff["superuser"]), term=EMAIL, action="export")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    data = json.loads(response.content)
    assert data["looked_up"] == EMAIL
    first = next(r for r in data["records"] if r["reference"] == held["applications"][0].reference)
    assert first["fields"]["full_name"] == "Layla Haddad"
    assert [note["text"] for note in first["notes"]] == ["Called her back about training."]
    assert any(email["body"].startswith("Dear Layla") for email in first["emails"])
    # The notices of her two status changes are hers too; the file holds no working link.
    notices = [email for email in first["emails"] if email["kind"] == "Notice of news to the resident"]
    assert len(notices) == 2 and all("[[personal-link]]" in email["body"] for email in notices)
    assert any(entry["details"].get("reason") for entry in first["history"] if entry["details"])
    assert {r["reference"] for r in data["records"]} >= {r.reference for r in held["responses"]}
    # The other person's response is named for staff to review, and nothing of it is in the file.
    assert held["mention"].reference not in {r["reference"] for r in data["records"]}
    assert data["mentioned_in"] == [{"queue": "survey response", "reference": held["mention"].reference}]
    assert "helped us" not in response.content.decode()
    assert [email["body"] for email in data["other_emails"]] == ["An older reply."]
    assert ModelLogEntry.objects.filter(action="sharaka.data_request.export", user=staff["superuser"]).exists()


def test_erasing_asks_first_then_removes_everything_and_logs_counts_only(login, staff, held):
    client = login(staff["superuser"])
    confirm = soup(post(client, term=EMAIL, action="erase"))
    assert confirm.select_one("[role=alert]")
    assert VolunteerApplication.objects.filter(pk=held["applications"][0].pk).exists()

    first = held["applications"][0]
    response = post(client, term=EMAIL, action="erase", confirm="yes")
    assert response.status_code == 200
    assert not VolunteerApplication.objects.filter(pk=first.pk).exists()
    assert not SurveyResponse.objects.filter(pk__in=[r.pk for r in held["responses"]]).exists()
    # Somebody else's response stays, without her address.
    mention = SurveyResponse.objects.get(pk=held["mention"].pk)
    assert list(mention.answers.values()) == ["Layla at [***] helped us"]
    assert EMAIL not in mention.search_text
    assert not OutgoingEmail.objects.filter(to__iexact=EMAIL).exists()
    assert not SubmissionNote.objects.filter(object_id=first.pk).exists()
    reasons = [
        (entry.data or {}).get("reason")
        for entry in ModelLogEntry.objects.filter(object_id=str(first.pk), action="sharaka.submission.status")
    ]
    assert reasons and not any(reasons)
    # The application with only her phone stays: it was not found by the email.
    assert VolunteerApplication.objects.filter(pk=held["applications"][1].pk).exists()
    assert VolunteerApplication.objects.filter(pk=held["other"].pk).exists()

    entry = ModelLogEntry.objects.get(action="sharaka.data_request.erase")
    assert entry.user == staff["superuser"]
    assert entry.data["counts"]["emails"] == 4  # two status notices, the confirmation, the older reply
    assert entry.data["counts"]["mentions removed"] == 1
    logged = json.dumps(entry.data) + entry.label
    assert EMAIL not in logged.lower() and "Layla" not in logged and PHONE not in logged


def test_deleting_a_record_any_way_takes_its_emails_notes_and_reasons(staff):
    application = VolunteerApplicationFactory(phone=PHONE)
    application.add_note("A note about her.", user=staff["coordinator"])
    application.move_to("in_review", user=staff["coordinator"])
    application.move_to("declined", user=staff["coordinator"], reason="Too young.")
    OutgoingEmailFactory(about=application)
    pk = application.pk
    application.delete()
    assert not OutgoingEmail.objects.filter(object_id=pk).exists()
    assert not SubmissionNote.objects.filter(object_id=pk).exists()
    reasons = [(e.data or {}).get("reason") for e in ModelLogEntry.objects.filter(object_id=str(pk))]
    assert "Too young." not in reasons


def test_every_queue_says_where_it_keeps_phones_and_emails():
    from submissions.data_requests import queue_models

    for model in queue_models():
        assert model.held_about(phone=PHONE, email=EMAIL).count() == 0


def test_an_email_finds_only_that_exact_address_in_answers(experience_survey):
    """The find text is stemmed and stripped of punctuation; "li@gmail.com" must not find Ali."""
    survey = experience_survey["en"]
    text_key = next(q.clean_name for q in survey.questions() if q.field_type == "multiline")
    ali = SurveyResponseFactory(survey=survey, contact="ali@gmail.com", contact_consent=True)
    in_text = SurveyResponseFactory(survey=survey, answers={text_key: "Ali writes from ali@gmail.com too"})
    exact = SurveyResponseFactory(survey=survey, answers={text_key: "Mine is Li@Gmail.com."})
    found = {response.pk for response in SurveyResponse.mentioning(email="li@gmail.com")}
    assert found == {exact.pk}
    assert set(SurveyResponse.held_about(email="ali@gmail.com").values_list("pk", flat=True)) == {ali.pk}
    assert ali.pk not in found and in_text.pk not in found


@pytest.mark.parametrize("written", ["اتصلوا بي على ٠٥٠ ١٢٣ ٤٥٦٧ مساءً", "call me: +971-50-123-4567", "050.123.4567"])
def test_a_phone_number_written_in_a_free_text_answer_is_found_in_any_spelling(experience_survey, written):
    survey = experience_survey["en"]
    text_key = next(q.clean_name for q in survey.questions() if q.field_type == "multiline")
    mine = SurveyResponseFactory(survey=survey, answers={text_key: written})
    SurveyResponseFactory(survey=survey, answers={text_key: "call me: 050 999 9999"})
    SurveyResponseFactory(survey=survey, answers={text_key: "ref 97150123456712"})  # the digits, not a number
    assert SurveyResponse.mentioning(phone=PHONE) == [mine]
    assert not SurveyResponse.held_about(phone=PHONE).exists()  # a mention, not her own record
    # Erasing removes that spelling of the number, and only it.
    assert mine.redact(phone=PHONE)
    mine.refresh_from_db()
    assert PHONE not in phones_in_text(next(iter(mine.answers.values())))
    assert "[***]" in next(iter(mine.answers.values()))


def test_responses_saved_before_numbers_were_indexed_are_found_after_the_migration(experience_survey):
    from importlib import import_module

    from django.apps import apps

    survey = experience_survey["en"]
    text_key = next(q.clean_name for q in survey.questions() if q.field_type == "multiline")
    older = SurveyResponseFactory(survey=survey, answers={text_key: "رقمي 0501234567"})
    SurveyResponse.objects.filter(pk=older.pk).update(search_text="رقمي 0501234567")  # as saved before
    assert SurveyResponse.mentioning(phone=PHONE) == []
    import_module("surveys.migrations.0003_find_phones_in_answers").add_phones(apps, None)
    assert SurveyResponse.mentioning(phone=PHONE) == [older]
