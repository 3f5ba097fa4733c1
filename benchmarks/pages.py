"""Public pages from the page cache and rendered, against a static file, with wrk.

Each URL is measured on two servers in turns (page cache on, and off), after a
warm-up, next to a static file served by whitenoise as the ceiling. The figures are
ratios of one run: this machine is shared, so the load average is printed with them.
Each figure is the median of ``ROUNDS`` short runs taken in turns, so that a few
seconds of another job on the machine spoil one run, not the figure.
"""

import os
import re
import subprocess
import urllib.request

DURATION = int(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
STATIC = ("static file (ceiling)", "/static/css/site.css")
PAGES = [
    ("home, Arabic", "/ar/"),
    ("home, English", "/en/"),
    ("campaign index, Arabic", "/ar/الحملات/"),
    ("campaign index, English", "/en/campaigns/"),
    ("campaign, Arabic", "/ar/الحملات/اعرف-العلامات/"),
    ("campaign, English", "/en/campaigns/know-the-signs/"),
    ("story, Arabic", None),
    ("story, English", None),
    ("volunteer form page, Arabic", "/ar/الحملات/برنامج-المتطوعين/"),
    ("volunteer form page, English", "/en/campaigns/volunteer-programme/"),
    ("survey page, English", "/en/campaigns/your-views-count/"),
]


def url(port, path):
    return f"http://127.0.0.1:{port}{urllib.request.quote(path)}"


def wrk(port, path, connections=CONNECTIONS, duration=DURATION, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    # The load generator make bench installs, on a loopback URL built here.
    output = subprocess.run([*command, url(port, path)], check=True, capture_output=True, text=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rate": rate,
        "p50": latency.get("50", "?"),
        "p99": latency.get("99", "?"),
        "errors": int(errors.group(1)) if errors else 0,
        "output": output,
    }


def median(runs):
    """The run of median rate, with the errors of all runs."""
    middle = sorted(runs, key=lambda run: run["rate"])[len(runs) // 2]
    return {**middle, "errors": sum(run["errors"] for run in runs)}


def story_paths(port):
    """The first story of each language, read from the story lists (slugs are the demo's)."""
    paths = {}
    for language, index in (("Arabic", "/ar/قصص-النجاح/"), ("English", "/en/success-stories/")):
        html = urllib.request.urlopen(url(port, index), timeout=30).read().decode()
        found = re.search(r'<a class="stretched-link" href="([^"]+)"', html)
        paths[language] = urllib.request.unquote(found.group(1)) if found else None
    return paths


def measure(cached_port, rendered_port):
    """[(label, path, cached figures, rendered figures)], the static file first."""
    stories = story_paths(cached_port)
    pages = [(label, path or stories[label.rsplit(", ", 1)[1]]) for label, path in PAGES]
    rows = []
    for label, path in [STATIC, *pages]:
        if path is None:
            continue
        for port in (cached_port, rendered_port):  # warm-up: the cache, renditions, per-process caches
            for _ in range(3):
                urllib.request.urlopen(url(port, path), timeout=30)
        runs = {"cached": [], "rendered": []}
        for _ in range(ROUNDS):
            runs["cached"].append(wrk(cached_port, path))
            runs["rendered"].append(wrk(rendered_port, path))
        cached, rendered = median(runs["cached"]), median(runs["rendered"])
        rows.append((label, path, cached, rendered))
        print(f"    {label}: {cached['rate']:.0f} req/s from the cache, {rendered['rate']:.0f} rendered", flush=True)
    return rows
