"""Export and retention events in Wagtail's audit-log views.

Each event is logged against a real row (``ExportRecord``, ``RetentionRecord``)
because Wagtail's Site history report and the object history load the logged
object by id: an entry pointing at no row made the report answer 500 for
every role after the first export.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from submissions.models import ExportRecord, RetentionRecord
from tests.conftest import soup
from tests.factories import VolunteerApplicationFactory
from volunteer_signup.models import VolunteerApplication

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
    for status, rule in VolunteerApplication.status_flow.retention.items():  # one application past each period
        application = VolunteerApplicationFactory(status=status)
        VolunteerApplication.objects.filter(pk=application.pk).update(
            status_changed_at=timezone.now() - timedelta(days=rule.days + 1)
        )
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
