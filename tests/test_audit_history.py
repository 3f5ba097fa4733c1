"""Export and retention events in Wagtail's audit-log views.

Each event is logged against a real row (``ExportRecord``, ``RetentionRecord``)
because Wagtail's Site history report and the object history load the logged
object by id: an entry pointing at no row made the report answer 500 for
every role after the first export.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from tests.conftest import soup
from volunteer_signup.models import ExportRecord, RetentionRecord

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/"


def history_rows(response):
    assert response.status_code == 200
    return [" ".join(row.get_text(" ", strip=True).split()) for row in soup(response).select("tbody tr")]


@pytest.mark.parametrize("role", ["superuser", "coordinator", "officer", "editor"])
def test_site_history_opens_after_an_export(role, staff, login):
    login(staff["coordinator"]).get("/admin/volunteer_application/", {"export": "csv"}).getvalue()
    login(staff["officer"]).get("/admin/survey_response/", {"export": "xlsx"}).getvalue()
    assert ExportRecord.objects.count() == 2

    rows = history_rows(login(staff[role]).get(SITE_HISTORY))
    exports = [row for row in rows if "Exported" in row]
    # Who exported what is for supervisors: superusers see it, other roles do not.
    assert len(exports) == (2 if role == "superuser" else 0)
    if role == "superuser":
        assert any("CSV" in row and "Test_Coordinator" in row for row in exports)


def test_site_history_opens_after_a_retention_run(staff, login):
    call_command("purge_submissions", stdout=StringIO())
    assert RetentionRecord.objects.exists()
    assert ModelLogEntry.objects.filter(action="sharaka.submission.purge").count() == RetentionRecord.objects.count()

    response = login(staff["superuser"]).get(SITE_HISTORY)
    rows = history_rows(response)
    assert sum("Retention:" in row for row in rows) == RetentionRecord.objects.count()
    for role in ("coordinator", "officer"):
        history_rows(login(staff[role]).get(SITE_HISTORY))


def test_site_history_export_and_filters_work(staff, login):
    login(staff["coordinator"]).get("/admin/volunteer_application/", {"export": "csv"}).getvalue()
    client = login(staff["superuser"])
    for params in ({"action": "sharaka.submission.export"}, {"export": "csv"}, {"export": "xlsx"}):
        response = client.get(SITE_HISTORY, params)
        assert response.status_code == 200, params


def test_every_log_entry_points_at_a_loadable_row(staff, login):
    login(staff["coordinator"]).get("/admin/volunteer_application/", {"export": "csv"}).getvalue()
    call_command("purge_submissions", stdout=StringIO())
    for entry, instance in ModelLogEntry.objects.filter(
        action__in=["sharaka.submission.export", "sharaka.submission.purge"]
    ).with_instances():
        assert instance is not None, entry.action


def test_the_migration_points_old_entries_at_the_right_rows_and_keeps_every_entry(staff, login):
    """Entries written before this change (object_id "export"/"retention") become loadable."""
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from volunteer_signup.models import SurveyResponse, VolunteerApplication

    migration = importlib.import_module("volunteer_signup.migrations.0003_export_records")
    now = timezone.now()
    applications = ContentType.objects.get_for_model(VolunteerApplication)
    responses = ContentType.objects.get_for_model(SurveyResponse)
    # One purge run: both queues' "new" step at the same moment, one with a record, one without.
    kept = RetentionRecord.objects.create(
        model="volunteer_signup.SurveyResponse", status="new", action="anonymised", count=3, run_at=now
    )
    old = [
        ModelLogEntry.objects.create(
            content_type=applications,
            label="x",
            action="sharaka.submission.export",
            object_id="export",
            timestamp=now,
            user=staff["coordinator"],
            data={"format": "csv", "count": 4, "filters": {}},
        ),
        ModelLogEntry.objects.create(
            content_type=applications,
            label="x",
            action="sharaka.submission.purge",
            object_id="retention",
            timestamp=now,
            data={"status": "new", "deleted": 0, "anonymised": 2},
        ),
        ModelLogEntry.objects.create(
            content_type=responses,
            label="x",
            action="sharaka.submission.purge",
            object_id="retention",
            timestamp=now,
            data={"status": "new", "deleted": 0, "anonymised": 3},
        ),
    ]
    migration.point_events_at_rows(apps, None)

    export, applications_purge, responses_purge = (ModelLogEntry.objects.get(pk=entry.pk) for entry in old)
    record = ExportRecord.objects.get(pk=export.object_id)
    assert (record.content_type, record.user, record.export_format, record.count) == (
        applications,
        staff["coordinator"],
        "csv",
        4,
    )
    assert RetentionRecord.objects.get(pk=responses_purge.object_id) == kept
    created = RetentionRecord.objects.get(pk=applications_purge.object_id)
    assert (created.model, created.status, created.count) == ("volunteer_signup.VolunteerApplication", "new", 2)
    assert history_rows(login(staff["superuser"]).get(SITE_HISTORY))

    migration.point_events_back(apps, None)
    assert [ModelLogEntry.objects.get(pk=entry.pk).object_id for entry in old] == ["export", "retention", "retention"]
    assert ModelLogEntry.objects.get(pk=old[2].pk).content_type == responses
