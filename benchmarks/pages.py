"""Page-serving benchmark: public pages from the page cache and rendered, against a static file.

Production-like, on loopback only: production settings (DEBUG off, the cache in Redis),
gunicorn with 2 sync workers, collected static files, the bilingual demo on SQLite. Two
servers on two ports, one with the page cache on and one with it off
(``PAGE_CACHE_SECONDS=0``); each URL is measured with ``wrk`` (Debian's package) on
both, in turns, after a warm-up, next to a static file (whitenoise) as the ceiling.
The figures are ratios of one run: this machine is shared, so the load average is
printed with them. Run with ``make bench-pages``; the table goes to stdout and to
``benchmarks/results/pages-latest.txt``.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DURATION = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
PORTS = {"cached": 8771, "rendered": 8772}
SETTINGS = """from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False  # plain HTTP on loopback; TLS ends at the load balancer
"""
PAGES = [
    ("static file (ceiling)", "/static/css/site.css"),
    ("home, Arabic", "/ar/"),
    ("home, English", "/en/"),
    ("campaign index, Arabic", "/ar/الحملات/"),
    ("campaign, English", "/en/campaigns/know-the-signs/"),
    ("story index, English", "/en/success-stories/"),
    ("volunteer form page, Arabic", "/ar/الحملات/برنامج-المتطوعين/"),
    ("volunteer form page, English", "/en/campaigns/volunteer-programme/"),
    ("survey page, English", "/en/campaigns/your-views-count/"),
]


def load_average():
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def environment(work, cache_seconds):
    return {
        **os.environ,
        "PYTHONPATH": f"{work}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "SECRET_KEY": "page-bench-not-a-real-secret-key-0123456789abcdef-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{work}/db.sqlite3",
        "REDIS_URL": "redis://127.0.0.1:6379/10",
        "TRUSTED_PROXIES": "10.0.0.0/8",
        "STAFF_EMAIL_DOMAINS": "police.example",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "STATIC_ROOT": f"{work}/static",
        "MEDIA_ROOT": f"{work}/media",
        "PAGE_CACHE_SECONDS": str(cache_seconds),
    }


def manage(env, *args):
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our manage.py


def serve(env, port):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "error"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own server on loopback
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn on {port} did not start")


def wrk(port, path):
    url = f"http://127.0.0.1:{port}{urllib.request.quote(path)}"
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url]
    # The load generator make bench-pages installed, on a loopback URL built here.
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rate": rate, "p50": latency.get("50", "?"), "p99": latency.get("99", "?"), "errors": errors}


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk (make bench-pages installs it)")
    work = Path(tempfile.mkdtemp(prefix="sharaka-pages-"))
    (work / "bench_settings.py").write_text(SETTINGS)
    env = environment(work, 300)
    print("==> Preparing a production-like site (migrate, demo, collectstatic)", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    manage(env, "collectstatic", "--noinput")
    flush = ["redis-cli", "-n", "10", "FLUSHDB"]  # the benchmark's own Redis database
    subprocess.run(flush, check=False, stdout=subprocess.DEVNULL)  # noqa: S603
    servers = {
        "cached": serve(env, PORTS["cached"]),
        "rendered": serve(environment(work, 0), PORTS["rendered"]),
    }
    try:
        before = load_average()
        rows = []
        for label, path in PAGES:
            for port in PORTS.values():  # warm-up: the cache, renditions, per-process caches
                for _ in range(3):
                    urllib.request.urlopen(f"http://127.0.0.1:{port}{urllib.request.quote(path)}", timeout=30)
            cached = wrk(PORTS["cached"], path)
            rendered = wrk(PORTS["rendered"], path)
            rows.append((label, cached, rendered))
            print(
                f"    {label}: {cached['rate']:.0f} req/s from the cache, {rendered['rate']:.0f} rendered", flush=True
            )
        after = load_average()
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(timeout=20)
    ceiling = rows[0][1]["rate"]
    lines = [
        f"Page-serving benchmark, {time.strftime('%Y-%m-%d %H:%M %Z')}: wrk -t2 -c{CONNECTIONS} -d{DURATION}s, "
        "gunicorn 2 sync workers, production settings, SQLite demo, Redis cache, loopback.",
        f"Load average (1/5/15 min) before: {before}; after: {after}. CPUs: {os.cpu_count()}.",
        "",
        "| page | from the cache req/s | p50 | p99 | % of static | rendered req/s | p50 | p99 | % of static |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, cached, rendered in rows:
        kept = f"{cached['rate']:.0f} | {cached['p50']} | {cached['p99']} | {100 * cached['rate'] / ceiling:.0f} %"
        share = 100 * rendered["rate"] / ceiling
        made = f"{rendered['rate']:.0f} | {rendered['p50']} | {rendered['p99']} | {share:.1f} %"
        lines.append(f"| {label} | {kept} | {made} |")
    failures = [label for label, cached, rendered in rows if cached["errors"] or rendered["errors"]]
    if failures:
        lines.append(f"\nNon-2xx answers on: {', '.join(failures)} (the figures for those are not pages).")
    table = "\n".join(lines)
    print("\n" + table)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "pages-latest.txt").write_text(table + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
