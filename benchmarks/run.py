"""Scale benchmark: the volunteer queue with 50,000 applications.

Measures, on a scratch database (a SQLite file, or PostgreSQL when
DATABASE_URL points at it, in a database of its own):

* the number of SQL queries of the queue listing with 50 and with 50,000
  applications (it must not depend on the number of rows);
* peak Python memory and time of the CSV and XLSX exports of 5,000 and of
  50,000 applications (CSV must stay flat: it streams);
* the public campaign index's query count with 7 and with 57 campaigns.

Run with `make bench`; figures go to stdout and benchmarks/results/latest.txt.
"""

import io
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
SCRATCH = Path(tempfile.mkdtemp(prefix="sharaka-bench-"))


def scratch_database_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{SCRATCH / 'bench.sqlite3'}"
    import psycopg

    parsed = urlparse(url)
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS sharaka_bench WITH (FORCE)")
        connection.execute("CREATE DATABASE sharaka_bench")
    return parsed._replace(path="/sharaka_bench").geturl()


os.environ["DATABASE_URL"] = scratch_database_url()
os.environ["MEDIA_ROOT"] = str(SCRATCH / "media")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from campaigns.models import CampaignIndexPage, CampaignPage, CampaignPageTopic, Topic  # noqa: E402
from volunteer_signup.models import Area, VolunteerApplication, VolunteerRole  # noqa: E402

LINES = []


def report(line=""):
    print(line, flush=True)
    LINES.append(line)


def queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, settings, locales)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return len(captured.captured_queries)


def add_applications(count):
    """Bulk-create fictitious applications (and their role links)."""
    rng = random.Random(count)
    arabic = Locale.objects.get(language_code="ar")
    areas = list(Area.objects.filter(locale=arabic))
    roles = list(VolunteerRole.objects.filter(locale=arabic))
    page = Page.objects.filter(slug="برنامج-المتطوعين").first()
    now = timezone.now()
    start = VolunteerApplication.objects.count()
    batch = []
    for number in range(start, start + count):
        batch.append(
            VolunteerApplication(
                reference=f"VOL-B{number:06d}",
                full_name=f"متطوع تجريبي {number}",
                phone=f"05{number:08d}",
                email=f"bench{number}@example.org",
                age_band="25_34",
                area=rng.choice(areas),
                languages=["ar"],
                availability=["weekends"],
                motivation='=HYPERLINK("x") ' + "أريد المساعدة في حيّنا. " * 5,
                consented_at=now,
                locale=arabic,
                source_page=page,
                status=rng.choice(["new", "in_review", "accepted", "declined"]),
                submitted_at=now,
                status_changed_at=now,
            )
        )
        if len(batch) == 5000:
            VolunteerApplication.objects.bulk_create(batch)
            batch = []
    VolunteerApplication.objects.bulk_create(batch)
    through = VolunteerApplication.roles.through
    without_roles = VolunteerApplication.objects.filter(reference__startswith="VOL-B", roles__isnull=True)
    links = [
        through(volunteerapplication_id=pk, volunteerrole_id=role.pk)
        for pk in without_roles.values_list("pk", flat=True).iterator()
        for role in rng.sample(roles, 2)
    ]
    through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)


def download(client, url):
    response = client.get(url)
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def export(client, export_format, url="/admin/volunteer_application/"):
    """(bytes, peak MiB, seconds) of downloading an export.

    Timed without tracemalloc (which slows Python down several times), then
    downloaded again under tracemalloc for the memory peak.
    """
    full_url = f"{url}?export={export_format}"
    started = time.perf_counter()
    size = download(client, full_url)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    download(client, full_url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return size, peak / 2**20, seconds


def add_campaigns(count, start=0):
    """Campaigns like the demo's: a hero image and two topics each."""
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    topics = list(Topic.objects.filter(locale__language_code="en")[:2])
    image = CampaignPage.objects.exclude(hero_image=None).first().hero_image
    for number in range(start, start + count):
        page = CampaignPage(
            title=f"Benchmark campaign {number}",
            slug=f"benchmark-campaign-{number}",
            summary="A campaign added by the benchmark.",
            start_date=timezone.localdate(),
            locale=index.locale,
            hero_image=image,
            hero_image_alt="A drawing",
        )
        page.topics = [CampaignPageTopic(topic=topic, locale=index.locale) for topic in topics]
        index.add_child(instance=page)
        page.save_revision().publish()


def main():
    report(f"Database: {connection.vendor} ({os.environ['DATABASE_URL'].split('@')[-1]})")
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    coordinator = User.objects.create_user("bench", "bench@example.org", "bench-password-123")
    coordinator.groups.add(Group.objects.get(name="Volunteer coordinators"))
    client = Client()
    client.force_login(coordinator)

    add_applications(50 - VolunteerApplication.objects.count())
    small = queries(client, "/admin/volunteer_application/")
    small_filtered = queries(client, "/admin/volunteer_application/?status=new")
    add_applications(5000 - VolunteerApplication.objects.count())
    csv_5k = export(client, "csv")
    xlsx_5k = export(client, "xlsx")

    started = time.perf_counter()
    add_applications(50_000 - VolunteerApplication.objects.count())
    report(f"Created {VolunteerApplication.objects.count():,} applications in {time.perf_counter() - started:.1f} s")
    large = queries(client, "/admin/volunteer_application/")
    large_filtered = queries(client, "/admin/volunteer_application/?status=new")
    started = time.perf_counter()
    client.get("/admin/volunteer_application/")
    listing_seconds = time.perf_counter() - started
    csv_50k = export(client, "csv")
    xlsx_50k = export(client, "xlsx")

    report()
    report("Queue listing, SQL queries per page view (50 rows shown per page):")
    report(f"  50 applications:     {small} (filtered by status: {small_filtered})")
    report(f"  50,000 applications: {large} (filtered by status: {large_filtered})")
    report(f"  listing time with 50,000: {listing_seconds:.2f} s")
    report()
    report("Exports (peak Python memory while producing the whole file):")
    for label, (size, peak, seconds) in [
        ("CSV,  5,000 rows ", csv_5k),
        ("CSV,  50,000 rows", csv_50k),
        ("XLSX, 5,000 rows ", xlsx_5k),
        ("XLSX, 50,000 rows", xlsx_50k),
    ]:
        report(f"  {label}: {size / 2**20:6.1f} MiB file, peak {peak:5.1f} MiB, {seconds:5.1f} s")

    public = Client()
    listed = CampaignPage.objects.filter(locale__language_code="en").count()
    before = queries(public, "/en/campaigns/")
    add_campaigns(12 - listed)
    full_page = queries(public, "/en/campaigns/")
    add_campaigns(50, start=12)
    after = queries(public, "/en/campaigns/")
    report()
    report(
        f"Public campaign index, SQL queries: {before} listing {listed} campaigns, "
        f"{full_page} listing 12 (a full page), {after} with 62 in all"
    )

    verdict = (
        large == small
        and large_filtered == small_filtered
        and csv_50k[1] < 2 * csv_5k[1] + 5
        and before == full_page == after
    )
    report()
    report("Result: " + ("query counts flat and CSV memory flat" if verdict else "NOT FLAT: see above"))
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.txt").write_text("\n".join(LINES) + "\n")
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
