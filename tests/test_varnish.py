"""A real Varnish in front of two app instances sharing one database and one Redis
(issue 13, item 4), with deploy/varnish/sharaka.vcl as an operator would run it.

Anonymous pages are kept despite harmless cookies and never for a staff session; a page
published through one instance is fresh through Varnish at once and on the other instance
within the page cache's second; a change to something every page shows (a site setting)
ends every kept page; applications sent at the same time through Varnish to both
instances are each stored once, with their own reference.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from benchmarks.pages import PAGES
from benchmarks.posts import application_body

ROOT = Path(__file__).resolve().parent.parent
VCL_DIR = ROOT / "deploy" / "varnish"
REDIS_DB = 13
APPLICATIONS = 12

SETTINGS = """import os

from config.settings.test import *  # noqa: F403

# As production: pages kept in the shared Redis, so both instances see one generation.
PAGE_CACHE_SECONDS = 300
CACHES = {
    "default": {
        "BACKEND": "core.cache.FailOpenRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "sharaka-varnish-test",
    }
}
"""

BACKENDS = """
probe ready {{ .url = "/readyz"; .interval = 0.5s; .timeout = 2s; .window = 2; .threshold = 1; }}
backend app1 {{ .host = "127.0.0.1"; .port = "{one}"; .probe = ready; }}
backend app2 {{ .host = "127.0.0.1"; .port = "{two}"; .probe = ready; }}
sub vcl_init {{
    new app_servers = directors.round_robin();
    app_servers.add_backend(app1);
    app_servers.add_backend(app2);
}}
acl purgers {{ "127.0.0.1"; }}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, log):
    for _ in range(120):
        if process.poll() is not None:
            raise RuntimeError(f"exited: {Path(log).read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"did not start: {Path(log).read_text()[-3000:]}")


def database_url(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp_path / 'varnish.sqlite3'}"
    import psycopg

    parsed = urlparse(url)
    name = "sharaka_varnish_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return parsed._replace(path=f"/{name}").geturl()


class Stack:
    """Two gunicorn instances and Varnish, on loopback."""

    def __init__(self, tmp_path):
        self.tmp = tmp_path
        self.processes = []
        self.varnish_port = free_port()
        (tmp_path / "stack_settings.py").write_text(SETTINGS)
        self.env = {
            **os.environ,
            "PYTHONPATH": f"{tmp_path}:{ROOT}",
            "DJANGO_SETTINGS_MODULE": "stack_settings",
            "DATABASE_URL": database_url(tmp_path),
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "VARNISH_URLS": f"http://127.0.0.1:{self.varnish_port}",
            "MEDIA_ROOT": str(tmp_path / "media"),
            # Varnish, on loopback, is our proxy: its page refreshes and request ids are believed.
            "TRUSTED_PROXIES": "127.0.0.1/32",
            # Every application comes from the test's one address.
            "SUBMISSION_IP_RATE": "1000/h",
        }
        flush = ["redis-cli", "-n", str(REDIS_DB), "FLUSHDB"]  # this test's own Redis database
        subprocess.run(flush, check=True, capture_output=True)  # noqa: S603
        self.manage("migrate", "--noinput")
        self.manage("load_demo_content")

    def manage(self, *args):
        command = [sys.executable, "manage.py", *args]
        return subprocess.run(command, cwd=ROOT, env=self.env, check=True, capture_output=True, text=True)  # noqa: S603

    def start(self, command, port, name):
        log = self.tmp / f"{name}.log"
        with open(log, "w") as output:
            process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
        self.processes.append(process)
        wait_for_port(port, process, log)

    def up(self):
        self.app_ports = [free_port(), free_port()]
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        for number, port in enumerate(self.app_ports, start=1):
            command = [gunicorn, "config.wsgi", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
            self.start([*command, "--workers", "1"], port, f"app{number}")
        (self.tmp / "backends.vcl").write_text(BACKENDS.format(one=self.app_ports[0], two=self.app_ports[1]))
        varnishd = [
            shutil.which("varnishd"),
            "-F",
            "-j",
            "none",  # no privilege separation: a test's folder is private to its user
            "-n",
            str(self.tmp / "varnish"),
            "-a",
            f"127.0.0.1:{self.varnish_port}",
            "-p",
            f"vcl_path={self.tmp}:{VCL_DIR}",
            "-f",
            str(VCL_DIR / "sharaka.vcl"),
            "-s",
            "malloc,32m",
        ]
        self.start(varnishd, self.varnish_port, "varnish")
        for _ in range(40):  # until both backends are healthy
            if self.get("/ar/", through_varnish=True)[0] == 200:
                break
            time.sleep(0.25)
        time.sleep(1.5)

    def down(self):
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)

    def url(self, path, through_varnish=True, instance=0):
        port = self.varnish_port if through_varnish else self.app_ports[instance]
        return f"http://127.0.0.1:{port}{urllib.parse.quote(path, safe='/?=&%')}"

    def get(self, path, through_varnish=True, instance=0, cookie=None):
        headers = {"Cookie": cookie} if cookie else {}
        request = urllib.request.Request(self.url(path, through_varnish, instance), headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if shutil.which("varnishd") is None:
        pytest.fail("varnishd is not installed: scripts/system-packages.sh installs it (Debian's varnish)")
    stack = Stack(tmp_path_factory.mktemp("varnish"))
    try:
        stack.up()
        yield stack
    finally:
        stack.down()


def cache_state(stack, path, cookie=None):
    return stack.get(path, cookie=cookie)[1]["X-Varnish-Cache"]


def test_anonymous_pages_are_kept_whatever_harmless_cookies_come_with_them(stack):
    stack.get("/ar/")
    assert cache_state(stack, "/ar/") == "hit"
    assert cache_state(stack, "/ar/", cookie="django_language=en; _ga=GA1.2.3") == "hit"


def test_staff_sessions_forms_and_queries_go_to_the_app_servers(stack):
    stack.get("/en/")
    assert cache_state(stack, "/en/", cookie="sessionid=abc123") == "pass"
    # production's names (config/settings/production.py): __Host- cookies
    assert cache_state(stack, "/en/", cookie="_ga=1; __Host-sessionid=abc123") == "pass"
    assert cache_state(stack, "/en/", cookie="__Host-sharaka_sent=x") == "pass"
    assert cache_state(stack, "/en/search/?q=drugs") == "pass"
    assert stack.get("/admin/login/")[1]["X-Varnish-Cache"] == "pass"


def publish_home_heading(stack, heading):
    script = (
        "from home.models import HomePage; "
        "page = HomePage.objects.get(locale__language_code='en'); "
        f"page.hero_heading = {heading!r}; page.save_revision().publish()"
    )
    stack.manage("shell", "-c", script)


def test_a_page_published_is_fresh_through_varnish_at_once_and_on_the_other_instance(stack):
    stack.get("/en/")
    stack.get("/en/")
    assert cache_state(stack, "/en/") == "hit"
    assert stack.get("/en/", through_varnish=False, instance=1)[1]["X-Page-Cache"] in ("hit", "miss")
    publish_home_heading(stack, "Fresh after publishing")
    for _ in range(4):  # round robin: both instances answer
        assert "Fresh after publishing" in stack.get("/en/")[2]
    deadline = time.monotonic() + 1.5  # each instance reads the generation at most once a second
    while "Fresh after publishing" not in stack.get("/en/", through_varnish=False, instance=1)[2]:
        assert time.monotonic() < deadline, "the other instance still serves the old page"
        time.sleep(0.1)


def test_a_setting_every_page_shows_ends_every_kept_page(stack):
    pages = ["/ar/", "/en/"]
    for path in pages:
        stack.get(path)
        assert cache_state(stack, path) == "hit"
    stack.manage(
        "shell",
        "-c",
        "from core.models import SiteSettings; s = SiteSettings.objects.first(); "
        "s.emergency_number = '999 000'; s.save()",
    )
    for path in pages:
        status, headers, body = stack.get(path)
        assert "999 000" in body and headers["X-Varnish-Cache"] == "miss"


def test_applications_sent_at_once_to_both_instances_are_each_stored_once(stack):
    found = dict(PAGES)["volunteer form page, Arabic"]  # the demo's volunteer programme
    base = stack.url("", through_varnish=True).rstrip("/")
    html = stack.get(found)[2]
    template, token_url = application_body(html)
    bodies = []
    for number in range(APPLICATIONS):
        with urllib.request.urlopen(f"{base}{token_url}&shown=60000", timeout=30) as response:  # noqa: S310
            token = urllib.parse.quote(json.loads(response.read())["token"], safe="")
        phone = urllib.parse.quote(f"+97158{2000000 + number:07d}")
        bodies.append(
            template.replace("__TOKEN__", token)
            .replace("__PHONE__", phone)
            .replace("__EMAIL__", f"varnish{number}%40example.org")
        )
    answers = [None] * APPLICATIONS

    def send(number):
        request = urllib.request.Request(  # noqa: S310 - loopback
            stack.url(found),
            data=bodies[number].encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": base},
            method="POST",
        )
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=60) as response:
                answers[number] = (response.status, response.headers.get("X-Varnish-Cache"))
        except urllib.error.HTTPError as error:
            answers[number] = (error.code, error.headers.get("X-Varnish-Cache"))

    threads = [threading.Thread(target=send, args=(number,)) for number in range(APPLICATIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [(303, "pass")] * APPLICATIONS
    stored = json.loads(
        stack.manage(
            "shell",
            "-c",
            "import json; from volunteer_signup.models import VolunteerApplication as A; "
            "rows = A.objects.filter(email__startswith='varnish'); "
            "print(json.dumps([rows.count(), rows.values('reference').distinct().count(), "
            "rows.values('phone').distinct().count()]))",
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert stored == [APPLICATIONS, APPLICATIONS, APPLICATIONS]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_the_probes_are_not_answered_to_the_public(stack):
    """/readyz says whether rate limits are counted: for the load balancer, not for visitors."""
    assert stack.get("/readyz")[0] == 404 and stack.get("/healthz")[0] == 404
    assert stack.get("/readyz", through_varnish=False)[0] == 200


def test_each_answer_from_varnish_has_its_own_request_id(stack):
    stack.get("/ar/")
    first, second = stack.get("/ar/")[1], stack.get("/ar/")[1]
    assert first["X-Varnish-Cache"] == second["X-Varnish-Cache"] == "hit"
    assert first["X-Request-ID"] != second["X-Request-ID"]
