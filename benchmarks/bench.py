"""`make bench`: every speed and weight goal of the site, measured side by side in one run.

On loopback only, production-like (benchmarks/production_site.py), bounded in time
(about ten minutes on the 2-core development machine):

1. pages: req/s, p50 and p99 with wrk for the home, campaign index, campaign, story
   and form pages in both languages, from the page cache and rendered (page cache off,
   the kept parts of pages warm),
   against a static file as the ceiling (SQLite demo, Redis cache);
2. the first view on a phone with an empty cache, in Chromium: bytes transferred and
   render-blocking requests; Lighthouse mobile performance on home and campaign pages;
3. volunteer applications at 16 concurrent on PostgreSQL (p50, p99, errors), then the
   worker writing their emails;
4. the queue at scale and its exports (benchmarks/run.py: 100,000 applications).

The machine is shared: only ratios within one run compare, so the load average is
printed before and after each part. The table goes to stdout and to
benchmarks/results/bench-latest.md.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

import first_view
import pages
import posts
import production_site as site

ROOT = site.ROOT
RESULTS = ROOT / "benchmarks" / "results"
PORTS = {"cached": 8771, "rendered": 8772, "posts": 8773}
POST_CONNECTIONS = 16
POST_SECONDS = int(os.environ.get("BENCH_POST_SECONDS", "10"))
FIRST_VIEW = ["/ar/", "/en/", "/ar/الحملات/اعرف-العلامات/", "/en/campaigns/know-the-signs/"]
TARGETS = {"cached": 90.0, "rendered campaign": 8.0, "first view KB": 120, "lighthouse": 100, "post p99": 150}


def postgres_database(name):
    """A scratch PostgreSQL database of its own, dropped and created again."""
    import psycopg

    url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return urlparse(url)._replace(path=f"/{name}").geturl()


def milliseconds(value):
    number = float(value.rstrip("musµ"))
    if value.endswith("us") or value.endswith("µs"):
        return number / 1000
    if value.endswith("ms"):
        return number
    return number * 1000  # seconds


def part_pages(lines):
    work = Path(tempfile.mkdtemp(prefix="sharaka-bench-pages-"))
    env = site.environment(work, f"sqlite:///{work}/db.sqlite3", redis_db=10)
    print("==> Pages: preparing a production-like site on SQLite", flush=True)
    site.prepare(work, env)
    servers = {
        "cached": site.serve(env, PORTS["cached"]),
        "rendered": site.serve({**env, "PAGE_CACHE_SECONDS": "0"}, PORTS["rendered"]),
    }
    try:
        before = site.load_average()
        rows = pages.measure(PORTS["cached"], PORTS["rendered"])
        after = site.load_average()
        print("==> First view in Chromium, and Lighthouse", flush=True)
        base = f"http://127.0.0.1:{PORTS['cached']}"
        weights = first_view.weigh(base, FIRST_VIEW)
        scores = {path: first_view.lighthouse(base, path) for path in FIRST_VIEW}
        lighthouse_load = site.load_average()
    finally:
        for server in servers.values():
            site.stop(server)
        shutil.rmtree(work, ignore_errors=True)
    ceiling = rows[0][2]["rate"]
    lines += [
        f"## Pages (wrk -t2 -c{pages.CONNECTIONS} -d{pages.DURATION}s, the median of {pages.ROUNDS} runs in turns; "
        "gunicorn 2 gthread workers; SQLite demo; Redis cache)",
        "",
        f"Load average (1/5/15 min) before: {before}; after: {after}.",
        "",
        "Rendered: the page cache off; the kept parts of pages and lookups warm (core/fragment_cache.py).",
        "",
        "| page | cached req/s | p50 | p99 | % of static | rendered req/s | p50 | p99 | % of static |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, _path, cached, rendered in rows:
        kept = f"{cached['rate']:.0f} | {cached['p50']} | {cached['p99']} | {100 * cached['rate'] / ceiling:.0f} %"
        made = (
            f"{rendered['rate']:.0f} | {rendered['p50']} | {rendered['p99']} | {100 * rendered['rate'] / ceiling:.1f} %"
        )
        errors = " (non-2xx answers!)" if cached["errors"] or rendered["errors"] else ""
        lines.append(f"| {label}{errors} | {kept} | {made} |")
    lines += [
        "",
        f"## First view on a phone, empty cache (Chromium; Lighthouse {first_view.LIGHTHOUSE_VERSION} mobile)",
        "",
        f"Load average after Lighthouse: {lighthouse_load}.",
        "",
        "| page | transferred | requests | render-blocking | Lighthouse performance | LCP |",
        "|---|---|---|---|---|---|",
    ]
    for path in FIRST_VIEW:
        size, requests, blocking = weights[path]
        score, lcp = scores[path]
        lines.append(f"| {path} | {size / 1024:.0f} KB | {requests} | {blocking} | {score} | {lcp} |")
    summary = {
        "cached": min(100 * cached["rate"] / ceiling for _label, _path, cached, _rendered in rows[1:]),
        "rendered campaign": min(
            100 * rendered["rate"] / ceiling for label, _p, _c, rendered in rows if label.startswith("campaign,")
        ),
        "first view": weights["/ar/"][0],
        "lighthouse": min(score for score, _lcp in scores.values()),
    }
    return summary


# After the applications: the worker's part, which the requests left to it (their emails,
# submissions/deferred_emails.py), timed as one worker does it, with nothing else running.
WRITE_EMAILS = """
import time
from django.utils import timezone
from submissions.deferred_emails import write_overdue
from submissions.models import PendingEmails
PendingEmails.objects.update(next_attempt_at=timezone.now())
started = time.monotonic()
written = write_overdue()
print(written, PendingEmails.objects.count(), round(time.monotonic() - started, 1))
"""


def write_emails(env):
    """(applications whose emails were written, left unwritten, seconds) by one worker."""
    command = [sys.executable, "manage.py", "shell", "-c", WRITE_EMAILS]
    output = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603
    written, left, seconds = output.split()[-3:]
    return int(written), int(left), float(seconds)


def part_posts(lines):
    work = Path(tempfile.mkdtemp(prefix="sharaka-bench-posts-"))
    env = site.environment(
        work,
        postgres_database("sharaka_bench_posts"),
        redis_db=11,
        TRUSTED_PROXIES="127.0.0.1/32",
    )
    print("==> Volunteer applications: preparing a production-like site on PostgreSQL", flush=True)
    site.prepare(work, env)
    server = site.serve(env, PORTS["posts"])
    base = f"http://127.0.0.1:{PORTS['posts']}"
    path = dict(pages.PAGES)["volunteer form page, English"]
    try:
        script = posts.prepare(base, path, work, count=400 * POST_SECONDS)
        before = site.load_average()
        result = pages.wrk(PORTS["posts"], path, connections=POST_CONNECTIONS, duration=POST_SECONDS, script=script)
        after = site.load_average()
        print("==> Their emails, written by one worker afterwards", flush=True)
        written, left, seconds = write_emails(env)
    finally:
        site.stop(server)
        shutil.rmtree(work, ignore_errors=True)
    lines += [
        "",
        f"## Volunteer applications, {POST_CONNECTIONS} concurrent, PostgreSQL "
        f"(wrk -c{POST_CONNECTIONS} -d{POST_SECONDS}s; gunicorn 2 gthread workers)",
        "",
        f"Load average before: {before}; after: {after}.",
        "",
        "Each request saves the application and a task to write its emails; no worker runs while they",
        "arrive. Then one worker writes them all (the last column; none may be left).",
        "",
        "| applications/s | p50 | p99 | sent | not answered 303 | their emails written by one worker |",
        "|---|---|---|---|---|---|",
        f"| {result['rate']:.0f} | {result['p50']} | {result['p99']} | {posts.count_rows(result['output'])} "
        f"| {result['errors']} | {written} in {seconds:.1f} s ({written / max(seconds, 0.1):.0f}/s), {left} left |",
    ]
    return {"post p99": milliseconds(result["p99"]), "post errors": result["errors"] + left}


def part_exports(lines):
    """benchmarks/run.py on SQLite and on PostgreSQL; its own lines, as it wrote them."""
    databases = {
        "SQLite": "",
        "PostgreSQL": os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"),
    }
    met = True
    for name, url in databases.items():
        print(f"==> The queue and its exports at scale on {name} (benchmarks/run.py)", flush=True)
        env = {**os.environ, "DATABASE_URL": url}
        run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py")], cwd=ROOT, env=env, check=False)  # noqa: S603
        met = met and run.returncode == 0
        lines += ["", f"## The queue and its exports, {name} (benchmarks/run.py)", "", "```"]
        lines += (RESULTS / "latest.txt").read_text(encoding="utf-8").splitlines()
        lines += ["```"]
    return {"exports met": met}


def main():
    missing = [tool for tool in ("wrk", "redis-cli", "node") if shutil.which(tool) is None]
    if missing or not Path(first_view.CHROMIUM).exists():
        raise SystemExit(f"missing: {', '.join(missing) or 'chromium'} (make bench installs them)")
    started = time.monotonic()
    lines = [
        f"# make bench, {time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} CPUs, loopback",
        "",
    ]
    summary = part_pages(lines)
    summary.update(part_posts(lines))
    summary.update(part_exports(lines))
    lines += [
        "",
        "## Against the targets (issue 12)",
        "",
        "| goal | target | measured |",
        "|---|---|---|",
        f"| every cached page, % of static | ≥ {TARGETS['cached']:.0f} % | {summary['cached']:.0f} % (lowest) |",
        f"| campaign page rendered, % of static | ≥ {TARGETS['rendered campaign']:.0f} % "
        f"| {summary['rendered campaign']:.1f} % |",
        f"| /ar/ first view | ≤ {TARGETS['first view KB']} KB | {summary['first view'] / 1024:.0f} KB |",
        f"| Lighthouse mobile performance | {TARGETS['lighthouse']} | {summary['lighthouse']} (lowest) |",
        f"| volunteer POST p99, 16 concurrent | ≤ {TARGETS['post p99']} ms | {summary['post p99']:.0f} ms "
        f"({summary['post errors']} not answered 303 or without their emails) |",
        f"| exports of 100,000: CSV ≤ 6 s, XLSX ≤ 15 s, RSS < 250 MB, flat queries | both databases "
        f"| {'met' if summary['exports met'] else 'not met: see the figures above'} |",
        "",
        f"Ran in {(time.monotonic() - started) / 60:.1f} minutes.",
    ]
    table = "\n".join(lines)
    print("\n" + table)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench-latest.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
