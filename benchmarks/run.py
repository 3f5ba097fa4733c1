"""Scale benchmark: the volunteer queue with 100,000 applications.

Measures, on a scratch database (a SQLite file, or PostgreSQL when
DATABASE_URL points at it, in a database of its own):

* the number of SQL queries of the queue listing with 50 and with 100,000
  applications (it must not depend on the number of rows);
* time, file size and peak resident memory (the whole process's VmHWM, not
  only Python's allocations) of the CSV and XLSX exports of 100,000
  applications, each in a fresh child process as a server worker would be
  (targets: CSV <= 6 s, XLSX <= 15 s, RSS < 250 MB);
* the public campaign index's query count with 7 and with 57 campaigns.

The machine's load average is printed beside the figures (a shared machine
slows everything down). Run with `make bench`; figures go to stdout and
benchmarks/results/latest.txt. `benchmarks/run.py --profile csv|xlsx`, with
BENCH_DATABASE_URL naming a filled scratch database, profiles one export.
"""

import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
SCRATCH = Path(tempfile.mkdtemp(prefix="sharaka-bench-"))
APPLICATIONS = 100_000
TARGETS = {"csv": 6, "xlsx": 15}  # seconds
RSS_TARGET_MB = 250
CHILD = len(sys.argv) > 2 and sys.argv[1] in ("--export", "--profile")


def scratch_database_url():
    if CHILD:
        return os.environ["BENCH_DATABASE_URL"]
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
os.environ.setdefault("MEDIA_ROOT", str(SCRATCH / "media"))

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
BENCH_USER = "bench"


def report(line=""):
    print(line, flush=True)
    LINES.append(line)


def signed_in(user):
    """A test client signed in as ``user``, second factor included."""
    from tests.conftest import sign_in

    return sign_in(Client(), user)


def queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, settings, locales)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return len(captured.captured_queries)


def add_applications(count):
    """Bulk-create fictitious applications (and two role links each), 5,000 at a time."""
    if count <= 0:
        return
    rng = random.Random(count)
    arabic = Locale.objects.get(language_code="ar")
    areas = list(Area.objects.filter(locale=arabic))
    roles = list(VolunteerRole.objects.filter(locale=arabic))
    page = Page.objects.filter(slug="برنامج-المتطوعين").first()
    now = timezone.now()
    start = VolunteerApplication.objects.count()
    through = VolunteerApplication.roles.through
    motivation = '=HYPERLINK("x") ' + "أريد المساعدة في حيّنا. " * 5
    for first in range(start, start + count, 5000):
        batch = [
            VolunteerApplication(
                reference=f"VOL-B{number:06d}",
                full_name=f"متطوع تجريبي {number}",
                phone=f"+9715{number:08d}",  # stored form (E.164), as the form saves it
                email=f"bench{number}@example.org",
                age_band="25_34",
                area=rng.choice(areas),
                languages=["ar"],
                availability=["weekends"],
                motivation=motivation,
                consented_at=now,
                locale=arabic,
                source_page=page,
                status=rng.choice(["new", "in_review", "accepted", "declined"]),
                submitted_at=now,
                status_changed_at=now,
            )
            for number in range(first, min(first + 5000, start + count))
        ]
        created = VolunteerApplication.objects.bulk_create(batch)
        if created[0].pk is None:  # a back end that does not return keys
            created = VolunteerApplication.objects.filter(reference__in=[a.reference for a in batch])
        links = [
            through(volunteerapplication_id=application.pk, volunteerrole_id=role.pk)
            for application in created
            for role in rng.sample(roles, 2)
        ]
        through.objects.bulk_create(links)


def peak_rss_mb():
    """The process's peak resident memory so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def export_in_this_process(export_format, profile=False):
    """Download one export of the whole queue as the benchmark user; print the figures as JSON."""
    client = signed_in(User.objects.get(username=BENCH_USER))
    url = f"/admin/volunteer_application/?export={export_format}"
    client.get("/admin/volunteer_application/?status=new")  # a worker that has served a page before
    before = peak_rss_mb()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        chunks = response.streaming_content if response.streaming else [response.content]
        size = sum(len(chunk) for chunk in chunks)
        seconds = time.perf_counter() - started
    if profiler:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    figures = {
        "seconds": seconds,
        "bytes": size,
        "rss_before_mb": before,
        "rss_peak_mb": peak_rss_mb(),
        "queries": len(captured.captured_queries),
    }
    print(json.dumps(figures), flush=True)


def export(export_format):
    """The figures of one export, measured in a fresh child process."""
    environment = {**os.environ, "BENCH_DATABASE_URL": os.environ["DATABASE_URL"]}
    connection.close()  # a SQLite file is read by the child: nothing left uncommitted here
    result = subprocess.run(  # noqa: S603 - this interpreter and this script
        [sys.executable, __file__, "--export", export_format],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"the {export_format} export failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def load():
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


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
    coordinator = User.objects.create_user(BENCH_USER, "bench@example.org", "bench-password-123")
    coordinator.groups.add(Group.objects.get(name="Volunteer coordinators"))
    client = signed_in(coordinator)

    add_applications(50 - VolunteerApplication.objects.count())
    small = queries(client, "/admin/volunteer_application/")
    small_filtered = queries(client, "/admin/volunteer_application/?status=new")
    small_export = export("csv")

    started = time.perf_counter()
    add_applications(APPLICATIONS - VolunteerApplication.objects.count())
    report(f"Created {VolunteerApplication.objects.count():,} applications in {time.perf_counter() - started:.1f} s")
    large = queries(client, "/admin/volunteer_application/")
    large_filtered = queries(client, "/admin/volunteer_application/?status=new")
    started = time.perf_counter()
    client.get("/admin/volunteer_application/")
    listing_seconds = time.perf_counter() - started

    report()
    report("Queue listing, SQL queries per page view (50 rows shown per page):")
    report(f"  50 applications:      {small} (filtered by status: {small_filtered})")
    report(f"  {APPLICATIONS:,} applications: {large} (filtered by status: {large_filtered})")
    report(f"  listing time with {APPLICATIONS:,}: {listing_seconds:.2f} s")
    report()
    report(f"Exports of {APPLICATIONS:,} applications, each in a fresh process (peak RSS: the whole process):")
    exports = {}
    for export_format in ("csv", "xlsx"):
        before = load()
        exports[export_format] = figures = export(export_format)
        report(
            f"  {export_format.upper():4} {figures['seconds']:5.1f} s, {figures['bytes'] / 2**20:5.1f} MiB file, "
            f"peak RSS {figures['rss_peak_mb']:5.1f} MB (at rest {figures['rss_before_mb']:5.1f} MB), "
            f"{figures['queries']} queries; {before}"
        )
    report(f"  (the CSV of 50 applications: {small_export['queries']} queries)")

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

    flat = large == small and large_filtered == small_filtered and before == full_page == after
    fast = all(exports[name]["seconds"] <= limit for name, limit in TARGETS.items())
    lean = all(figures["rss_peak_mb"] < RSS_TARGET_MB for figures in exports.values())
    report()
    report(f"Machine: {os.cpu_count()} cores, {load()}")
    report(
        "Result: "
        + ("query counts flat" if flat else "QUERY COUNTS NOT FLAT")
        + ("; exports within time" if fast else "; EXPORTS TOO SLOW")
        + ("; exports within memory" if lean else "; EXPORT MEMORY TOO HIGH")
    )
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.txt").write_text("\n".join(LINES) + "\n")
    return 0 if flat and fast and lean else 1


if __name__ == "__main__":
    if CHILD:
        export_in_this_process(sys.argv[2], profile=sys.argv[1] == "--profile")
        sys.exit(0)
    sys.exit(main())
