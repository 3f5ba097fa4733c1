"""A backup can be restored onto an empty machine, and a restore that is not complete is
caught (issue 13, item 5): the real commands, on the database the suite runs on (SQLite,
and PostgreSQL in make test's second pass), with the demo content, its images and an
application.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "reference='VOL-B00001'"
STAFF_PASSWORD = "a-long-staff-password-4821"
ADD_STAFF_AND_AN_APPLICATION = """
from django.contrib.auth.models import User
from wagtail.models import Locale
from volunteer_signup.models import VolunteerApplication
User.objects.create_user("coordinator", "coordinator@police.example", PASSWORD, is_staff=True)
VolunteerApplication.objects.create(
    reference="VOL-B00001", full_name="Layla Haddad", phone="+971501234567", age_band="25_34",
    motivation="Weekends at schools.", consented_at="2026-12-06T10:00:00Z", locale=Locale.objects.first(),
)
""".replace("PASSWORD", repr(STAFF_PASSWORD))


class Site:
    """A site on its own database and media folder, driven through manage.py."""

    def __init__(self, tmp_path):
        self.tmp = tmp_path
        self.media = tmp_path / "media"
        url = os.environ.get("DATABASE_URL", "")
        self.postgres = url.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            parsed = urlparse(url)
            self.name = "sharaka_backup_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
            self.admin_url = parsed._replace(path="/postgres").geturl()
            self.url = parsed._replace(path=f"/{self.name}").geturl()
        else:
            self.url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": self.url,
            "MEDIA_ROOT": str(self.media),
            "RESTORE_CHECK_PASSWORD": STAFF_PASSWORD,
        }
        self.empty()

    def empty(self):
        """An empty machine: no database content, no uploads."""
        shutil.rmtree(self.media, ignore_errors=True)
        if self.postgres:
            import psycopg

            with psycopg.connect(self.admin_url, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
                admin.execute(f"CREATE DATABASE {self.name}")
        else:
            (self.tmp / "site.sqlite3").unlink(missing_ok=True)

    def manage(self, *args, check=True):
        command = [sys.executable, "manage.py", *args]
        return subprocess.run(command, cwd=ROOT, env=self.env, check=check, capture_output=True, text=True)  # noqa: S603

    def shell(self, script):
        return self.manage("shell", "-c", script)


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    """A site with content, its backup, and the same site restored onto an empty machine."""
    site = Site(tmp_path_factory.mktemp("backup"))
    site.manage("migrate", "--noinput")
    site.manage("load_demo_content")
    site.shell(ADD_STAFF_AND_AN_APPLICATION)
    site.manage("backup", str(site.tmp / "backups"))
    (folder,) = (site.tmp / "backups").iterdir()
    files_before = sorted(path.relative_to(site.media) for path in site.media.rglob("*") if path.is_file())
    site.empty()
    restored = site.manage("restore", str(folder), "--yes", "--staff-username", "coordinator", check=False)
    return site, folder, files_before, restored


def test_a_backup_restored_onto_an_empty_machine_is_complete(backed_up):
    site, folder, files_before, restored = backed_up
    assert restored.returncode == 0, restored.stderr
    assert "Complete: every table, every file, both home pages." in restored.stdout
    assert files_before  # the demo's images
    files_after = {path.relative_to(site.media) for path in site.media.rglob("*") if path.is_file()}
    assert set(files_before) <= files_after  # and the renditions the check's pages made
    found = site.shell(
        f"from volunteer_signup.models import VolunteerApplication as A; print(A.objects.filter({REFERENCE}).count())"
    )
    assert found.stdout.strip().splitlines()[-1] == "1"


def test_a_missing_row_or_file_is_reported(backed_up):
    site, folder, _files, _restored = backed_up
    count = "from volunteer_signup.models import VolunteerApplication as A; print(A.objects.count())"
    before = int(site.shell(count).stdout.strip().splitlines()[-1])
    site.shell(f"from volunteer_signup.models import VolunteerApplication as A; A.objects.filter({REFERENCE}).delete()")
    image = next(path for path in (site.media / "original_images").iterdir())
    image.unlink()
    checked = site.manage("check_restore", str(folder), check=False)
    assert checked.returncode != 0
    assert f"table volunteer_signup_volunteerapplication: {before - 1} rows, the backup has {before}" in checked.stderr
    assert f"file default/{image.relative_to(site.media)}: missing" in checked.stderr


def test_a_staff_member_who_cannot_sign_in_is_reported(backed_up):
    site, folder, _files, _restored = backed_up
    site.env["RESTORE_CHECK_PASSWORD"] = "not-the-password"
    try:
        checked = site.manage("check_restore", str(folder), "--staff-username", "coordinator", check=False)
    finally:
        site.env["RESTORE_CHECK_PASSWORD"] = STAFF_PASSWORD
    assert checked.returncode != 0 and "staff member 'coordinator' cannot sign in" in checked.stderr


def test_restore_asks_to_be_sure(backed_up):
    site, folder, _files, _restored = backed_up
    refused = site.manage("restore", str(folder), check=False)
    assert refused.returncode != 0 and "add --yes if you mean it" in refused.stderr
