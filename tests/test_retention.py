"""``manage.py purge_submissions``: what is past its retention period is deleted or anonymised.

Periods come from each queue's ``StatusFlow.retention`` (days after the last status change, per
status), and a system check fails when a status has none. A dry run changes nothing and reports
counts; a real run deletes declined and withdrawn applications and spam responses, anonymises the
rest (personal fields emptied, notes and emails gone, statistics kept), keeps counts in
``RetentionRecord`` and writes the run to the audit log; a second run does nothing; one record
failing does not stop the others; old sent emails are deleted.
"""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, ModelLogEntry

from submissions.models import OutgoingEmail, RetentionRecord, SubmissionNote
from surveys.models import TEXT_TYPES, Survey, SurveyResponse
from volunteer_signup.models import Area, VolunteerApplication, VolunteerRole

pytestmark = pytest.mark.django_db

APPLICATION = "volunteer_signup.VolunteerApplication"
RESPONSE = "surveys.SurveyResponse"
PERSONAL = ("full_name", "phone", "email", "skills", "motivation")


def rules(model_label):
    return apps.get_model(model_label).status_flow.retention


def period(model_label, status):
    return rules(model_label)[status].days


def purge(*args):
    out = StringIO()
    call_command("purge_submissions", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def nothing_else_due(db, now, roles_and_areas, experience_survey):
    """Roles, areas and a survey for the records a test makes; anything else is recent, so only they are due."""
    VolunteerApplication.objects.update(status_changed_at=now)
    SurveyResponse.objects.update(status_changed_at=now)
    OutgoingEmail.objects.update(created_at=now)


@pytest.fixture
def coordinator(staff):
    return staff["coordinator"]


def make_application(status, days_ago, *, now, note_author=None, n=0):
    english = Locale.objects.get(language_code="en")
    application = VolunteerApplication.objects.create(
        full_name=f"Retention Person {status} {n}",
        phone=f"05411{n:05d}",
        email=f"retention.{status}.{n}@example.org",
        age_band="35_44",
        area=Area.objects.filter(locale=english).first(),
        languages=["ar", "en"],
        availability=["weekends"],
        skills="Retention skills",
        motivation="Retention motivation",
        consented_at=now - timedelta(days=days_ago),
        locale=english,
        status=status,
    )
    application.roles.set(VolunteerRole.objects.filter(locale=english)[:2])
    VolunteerApplication.objects.filter(pk=application.pk).update(
        status_changed_at=now - timedelta(days=days_ago), submitted_at=now - timedelta(days=days_ago + 5)
    )
    SubmissionNote.objects.create(submission=application, author=note_author, text="Called; she works nights.")
    OutgoingEmail.objects.create(
        kind=OutgoingEmail.Kind.CONFIRMATION,
        to=application.email,
        subject=f"Your volunteer application {application.reference}",
        body="...",
        submission=application,
    )
    application.refresh_from_db()
    return application


def survey_with_text_and_choices():
    for survey in Survey.objects.prefetch_related("fields"):
        types = {field.field_type for field in survey.fields.all()}
        if types & TEXT_TYPES and types - TEXT_TYPES:
            return survey
    raise AssertionError("no survey with text and choice questions")


def make_response(status, days_ago, *, now):
    survey = survey_with_text_and_choices()
    answers = {}
    for field in survey.fields.all():
        if field.field_type in TEXT_TYPES:
            answers[field.clean_name] = "My neighbour Ahmed at 0501234567 was rude"
        elif field.field_type == "rating":
            answers[field.clean_name] = 4
        elif field.field_type == "yesno":
            answers[field.clean_name] = "yes"
        elif field.field_type in ("radio", "dropdown"):
            answers[field.clean_name] = field.choice_pairs[1][0]
        elif field.field_type == "checkboxes":
            answers[field.clean_name] = [field.choice_pairs[0][0], field.choice_pairs[2][0]]
    response = SurveyResponse.objects.create(
        survey=survey,
        answers=answers,
        contact="resident@example.org",
        contact_consent=True,
        locale=survey.locale,
        status=status,
    )
    SurveyResponse.objects.filter(pk=response.pk).update(status_changed_at=now - timedelta(days=days_ago))
    response.refresh_from_db()
    return response


def make_old_email(status, days_ago, *, now, to="old@example.org"):
    email = OutgoingEmail.objects.create(
        kind=OutgoingEmail.Kind.STAFF, to=to, subject="New volunteer application: VOL-OLD", body="...", status=status
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=now - timedelta(days=days_ago))
    return email


@pytest.fixture
def due_records(nothing_else_due, now, coordinator):
    """One application per status just past its period, one just inside it; responses; old emails."""
    past, inside = {}, {}
    for n, status in enumerate(rules(APPLICATION)):
        days = period(APPLICATION, status)
        past[status] = make_application(status, days + 1, now=now, note_author=coordinator, n=n)
        inside[status] = make_application(status, days - 1, now=now, note_author=coordinator, n=n + 50)
    responses = {
        "closed": make_response("closed", period(RESPONSE, "closed") + 1, now=now),
        "spam": make_response("spam", period(RESPONSE, "spam") + 1, now=now),
        "closed_recent": make_response("closed", period(RESPONSE, "closed") - 1, now=now),
        "spam_recent": make_response("spam", period(RESPONSE, "spam") - 1, now=now),
    }
    keep_days = settings.SUBMISSION_EMAIL_RETENTION_DAYS
    emails = {
        "old_sent": make_old_email(OutgoingEmail.Status.SENT, keep_days + 1, now=now),
        "recent_sent": make_old_email(OutgoingEmail.Status.SENT, keep_days - 1, now=now),
        "old_failed": make_old_email(OutgoingEmail.Status.FAILED, keep_days * 3 + 1, now=now),
        "recent_failed": make_old_email(OutgoingEmail.Status.FAILED, keep_days * 3 - 1, now=now),
        "old_pending": make_old_email(OutgoingEmail.Status.PENDING, keep_days * 3 + 1, now=now),
    }
    return {"past": past, "inside": inside, "responses": responses, "emails": emails}


def snapshot():
    return {
        "applications": sorted(VolunteerApplication.objects.values_list("pk", "full_name", "phone", "anonymised_at")),
        "responses": sorted(SurveyResponse.objects.values_list("pk", "contact", "anonymised_at")),
        "notes": SubmissionNote.objects.count(),
        "emails": sorted(OutgoingEmail.objects.values_list("pk", flat=True)),
        "records": RetentionRecord.objects.count(),
        "purge_logs": ModelLogEntry.objects.filter(action="sharaka.submission.purge").count(),
    }


def test_dry_run_changes_nothing_and_reports_counts(due_records):
    before = snapshot()
    output = purge("--dry-run")
    assert snapshot() == before
    assert f"{APPLICATION} declined: 1 to delete (dry run)" in output
    assert f"{APPLICATION} withdrawn: 1 to delete (dry run)" in output
    assert f"{APPLICATION} accepted: 1 to anonymise (dry run)" in output
    assert f"{RESPONSE} spam: 1 to delete (dry run)" in output
    assert f"{RESPONSE} closed: 1 to anonymise (dry run)" in output
    # 6 applications + 2 responses + 2 old emails
    assert "Done: 10 records due." in output


KEPT = ("status", "reference", "locale_id", "area_id", "age_band", "languages", "availability", "submitted_at")


def kept_values(application):
    values = {field: getattr(application, field) for field in KEPT}
    values["roles"] = sorted(application.roles.values_list("pk", flat=True))
    return values


def assert_anonymised(pk, before):
    application = VolunteerApplication.objects.get(pk=pk)
    for field in PERSONAL:
        assert getattr(application, field) == "", f"{field} was not emptied"
    assert application.anonymised_at is not None
    assert kept_values(application) == before, "what statistics need is kept"
    assert before["area_id"] is not None and len(before["roles"]) == 2
    assert not SubmissionNote.objects.filter(object_id=pk, content_type__model="volunteerapplication").exists()
    assert not OutgoingEmail.objects.for_object(application).exists()


def test_purge_deletes_declined_and_withdrawn_and_anonymises_the_rest(due_records):
    past, inside = due_records["past"], due_records["inside"]
    before = {status: kept_values(application) for status, application in past.items()}
    output = purge()
    for status, application in past.items():
        action = rules(APPLICATION)[status].action
        if action == "delete":
            assert not VolunteerApplication.objects.filter(pk=application.pk).exists(), status
            assert not SubmissionNote.objects.filter(
                object_id=application.pk, content_type__model="volunteerapplication"
            ).exists()
            assert not OutgoingEmail.objects.for_object(application).exists()
        else:
            assert_anonymised(application.pk, before[status])
    assert {s for s, rule in rules(APPLICATION).items() if rule.action == "delete"} == {
        "declined",
        "withdrawn",
    }
    # inside their period: untouched, with their notes and emails
    for status, application in inside.items():
        kept = VolunteerApplication.objects.get(pk=application.pk)
        assert kept.full_name == application.full_name and kept.phone == application.phone, status
        assert kept.anonymised_at is None
        assert SubmissionNote.objects.filter(object_id=kept.pk, content_type__model="volunteerapplication").exists()
        assert OutgoingEmail.objects.for_object(kept).exists()
    assert f"{APPLICATION} declined: 1 deleted" in output
    assert f"{APPLICATION} new: 1 anonymised" in output


def test_purge_anonymises_survey_responses_keeping_choices_and_deletes_spam(due_records):
    responses = due_records["responses"]
    closed = responses["closed"]
    text_keys = {f.clean_name for f in closed.survey.fields.all() if f.field_type in TEXT_TYPES}
    choice_answers = {k: v for k, v in closed.answers.items() if k not in text_keys}
    assert text_keys & set(closed.answers) and choice_answers
    purge()
    closed.refresh_from_db()
    assert closed.anonymised_at is not None
    assert closed.contact == "" and closed.contact_consent is False
    assert closed.search_text == ""
    assert not set(closed.answers) & text_keys
    assert closed.answers == choice_answers
    assert closed.status == "closed" and closed.survey_id == responses["closed"].survey_id
    assert not SurveyResponse.objects.filter(pk=responses["spam"].pk).exists()
    recent = SurveyResponse.objects.get(pk=responses["closed_recent"].pk)
    assert recent.anonymised_at is None and recent.contact == "resident@example.org"
    assert set(recent.answers) & text_keys
    assert SurveyResponse.objects.filter(pk=responses["spam_recent"].pk).exists()


def test_purge_keeps_counts_and_writes_the_audit_log(due_records, now):
    purge()
    records = {(r.model, r.status, r.action, r.count) for r in RetentionRecord.objects.filter(run_at__gte=now)}
    expected = set()
    for status, rule in rules(APPLICATION).items():
        action = rule.action
        expected.add((APPLICATION, status, "deleted" if action == "delete" else "anonymised", 1))
    expected.add((RESPONSE, "closed", "anonymised", 1))
    expected.add((RESPONSE, "spam", "deleted", 1))
    assert records == expected
    logs = ModelLogEntry.objects.filter(action="sharaka.submission.purge", timestamp__gte=now)
    assert logs.count() == len(expected)
    declined = logs.get(data__status="declined")
    assert declined.data["deleted"] == 1 and declined.data["anonymised"] == 0
    accepted = logs.get(data__status="accepted")
    assert accepted.data["anonymised"] == 1 and accepted.data["deleted"] == 0
    # the log says what was done, not to whom
    for entry in logs:
        assert "Retention Person" not in str(entry.data) and "@example.org" not in str(entry.data)
        assert "Retention Person" not in entry.label


def test_second_run_does_nothing(due_records):
    purge()
    after_first = snapshot()
    anonymised_at = dict(
        VolunteerApplication.objects.filter(anonymised_at__isnull=False).values_list("pk", "anonymised_at")
    )
    output = purge()
    assert snapshot() == after_first
    assert (
        dict(VolunteerApplication.objects.filter(anonymised_at__isnull=False).values_list("pk", "anonymised_at"))
        == anonymised_at
    )
    assert "Done: 0 records processed." in output


def test_an_error_on_one_record_does_not_stop_the_others(nothing_else_due, now, coordinator):
    days = period(APPLICATION, "new")
    apps = [make_application("new", days + 1, now=now, note_author=coordinator, n=n) for n in range(3)]
    broken = apps[1]
    before = {application.pk: kept_values(application) for application in apps}
    original = VolunteerApplication.anonymise

    def anonymise(self):
        if self.pk == broken.pk:
            raise RuntimeError("disk full")
        return original(self)

    with mock.patch.object(VolunteerApplication, "anonymise", anonymise):
        output = purge()
    for application in (apps[0], apps[2]):
        assert_anonymised(application.pk, before[application.pk])
    kept = VolunteerApplication.objects.get(pk=broken.pk)
    assert kept.anonymised_at is None and kept.full_name == broken.full_name
    assert SubmissionNote.objects.filter(object_id=broken.pk, content_type__model="volunteerapplication").exists()
    record = RetentionRecord.objects.get(model=APPLICATION, status="new", run_at__gte=now)
    assert record.count == 2
    assert f"{APPLICATION} new: 2 anonymised" in output
    # the next run finishes the job
    purge()
    kept.refresh_from_db()
    assert kept.anonymised_at is not None and kept.full_name == ""


def test_an_error_deleting_one_record_does_not_stop_the_others(nothing_else_due, now, coordinator):
    days = period(APPLICATION, "withdrawn")
    apps = [make_application("withdrawn", days + 1, now=now, note_author=coordinator, n=n) for n in range(3)]
    broken = apps[0]
    original = VolunteerApplication.delete

    def delete(self, *args, **kwargs):
        if self.pk == broken.pk:
            raise RuntimeError("locked")
        return original(self, *args, **kwargs)

    with mock.patch.object(VolunteerApplication, "delete", delete):
        purge()
    remaining = set(VolunteerApplication.objects.filter(pk__in=[a.pk for a in apps]).values_list("pk", flat=True))
    assert remaining == {broken.pk}
    # the failed delete is rolled back whole: its emails are still there for the next run
    assert OutgoingEmail.objects.for_object(broken).exists()
    assert RetentionRecord.objects.get(model=APPLICATION, status="withdrawn", run_at__gte=now).count == 2


def test_old_sent_and_failed_emails_are_deleted(due_records):
    emails = due_records["emails"]
    output = purge()
    remaining = set(OutgoingEmail.objects.values_list("pk", flat=True))
    assert emails["old_sent"].pk not in remaining
    assert emails["old_failed"].pk not in remaining
    assert emails["recent_sent"].pk in remaining
    assert emails["recent_failed"].pk in remaining
    assert emails["old_pending"].pk in remaining, "an unsent email is never purged as old"
    assert "outbox: 2 old emails deleted" in output


# --- every status has a rule --------------------------------------------------------------------


def test_every_status_of_every_queue_has_a_retention_rule():
    from submissions.checks import check_retention

    assert check_retention() == []


def test_a_status_without_a_rule_fails_the_system_check(monkeypatch):
    """Adding a status and forgetting its retention would keep residents' data forever."""
    import dataclasses

    from submissions.checks import check_retention

    flow = VolunteerApplication.status_flow
    without = {status: rule for status, rule in flow.retention.items() if status != "waitlisted"}
    monkeypatch.setattr(VolunteerApplication, "status_flow", dataclasses.replace(flow, retention=without))
    errors = check_retention()
    assert [error.id for error in errors] == ["submissions.E001"]
    assert "'waitlisted'" in errors[0].msg and "VolunteerApplication" in errors[0].msg


def test_a_rule_with_no_days_or_an_unknown_action_fails_the_system_check(monkeypatch):
    import dataclasses

    from submissions.checks import check_retention
    from submissions.models import Retention

    flow = SurveyResponse.status_flow
    broken = {**flow.retention, "spam": Retention(0, "shred")}
    monkeypatch.setattr(SurveyResponse, "status_flow", dataclasses.replace(flow, retention=broken))
    assert [error.id for error in check_retention()] == ["submissions.E002"]
