"""Real-browser journeys: Chromium (Debian's) driven by Playwright.

A session fixture prepares a separate database (a SQLite file, or a fresh
PostgreSQL database when DATABASE_URL points at PostgreSQL), migrates it,
loads the demo content and staff accounts, and serves the site with
``runserver`` on a free port. The browser sees exactly what a visitor of
``make run`` sees; tests check the outcome through the pages (and the admin)
rather than through the ORM.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "browser-test-password-123"
RECOVERY_CODES = 40
STAFF = {
    "coordinator": "Volunteer coordinators",
    "officer": "Feedback officers",
    "answerer": "Answerers",
    "editor": "Editors",
    # Wagtail's own publishing group: approves what editors submit for moderation.
    "moderator": "Moderators",
    # For tests/browser/test_sign_in_browser.py: a coordinator yet to set up the second
    # factor, and one whose sign-in gets locked.
    "newcoord": "Volunteer coordinators",
    "lockedcoord": "Volunteer coordinators",
}
NOT_ENROLLED = {"newcoord"}

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(tmp_dir):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parsed = urlparse(url)
        name = "sharaka_browser_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
        admin_url = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {name}")
        return parsed._replace(path=f"/{name}").geturl()
    return f"sqlite:///{tmp_dir / 'browser.sqlite3'}"


def _shared_cache():
    """Redis for the test server's cache when one answers on 127.0.0.1:6379, with keys of
    this run only (config/settings/browser_tests.py); else the server's in-process cache."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return {}
    prefix = f"sharaka-browser-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}-{time.time_ns()}"
    return {"BROWSER_TEST_REDIS_URL": "redis://127.0.0.1:6379/0", "BROWSER_TEST_CACHE_PREFIX": prefix}


def manage(site_server, *args):
    """Run a management command as another process of the site would (same database and cache)."""
    return _manage(site_server["env"], *args)


def _manage(env, *args, **kwargs):
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs
    )


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """Base URL of a server with the demo content and staff accounts."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: apt-get install -y chromium fonts-noto-core")
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    tmp_dir = tmp_path_factory.mktemp("browser-site")
    env = {
        **os.environ,
        **_shared_cache(),
        "DJANGO_SETTINGS_MODULE": "config.settings.browser_tests",
        "DATABASE_URL": _database_url(tmp_dir),
        "MEDIA_ROOT": str(tmp_dir / "media"),
        "SHARAKA_EMAIL_DIR": str(tmp_dir / "emails"),
    }
    port = _free_port()
    _manage(env, "migrate", "--noinput")
    _manage(env, "set_site_address", "127.0.0.1", str(port))
    _manage(env, "load_demo_content")
    accounts = json.dumps(
        {
            name: [group, [] if name in NOT_ENROLLED else [recovery_code(name, n) for n in range(RECOVERY_CODES)]]
            for name, group in STAFF.items()
        }
    )
    _manage(
        env,
        "shell",
        "-c",
        "import json\n"
        "from django.contrib.auth.models import Group, User\n"
        "from django_otp.plugins.otp_static.models import StaticDevice\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        f"for name, (group, codes) in json.loads({accounts!r}).items():\n"
        f"    user = User.objects.create_user(name, name + '@staff.example', {PASSWORD!r})\n"
        # Wagtail's account form requires both names (tests change the admin language there).
        "    user.first_name, user.last_name = name.title(), 'Tester'\n"
        "    user.save()\n"
        "    user.groups.add(Group.objects.get(name=group))\n"
        "    if codes:\n"
        "        TOTPDevice.objects.create(user=user, name='authenticator')\n"
        "        device = StaticDevice.objects.create(user=user, name='recovery')\n"
        "        for code in codes:\n"
        "            device.token_set.create(token=code)\n",
    )
    log = open(tmp_dir / "server.log", "w")  # closed at teardown
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/robots.txt", timeout=2)  # noqa: S310 - local server
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail("the test server stopped: " + (tmp_dir / "server.log").read_text()[-2000:])
            time.sleep(0.5)
    else:
        pytest.fail("the test server did not start")
    yield {"url": url, "emails": tmp_dir / "emails", "log": tmp_dir / "server.log", "env": env}
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def base_url(site_server):
    return site_server["url"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def csp_violations(target):
    """What the Content-Security-Policy blocked on ``target`` (a page, or every page of a
    context), as Chromium reports it in the console. There must be none."""
    found = []

    def record(message):
        if "Content Security Policy" in message.text:
            found.append(message.text)

    target.on("console", record)
    return found


@pytest.fixture
def page(context, base_url):
    """A page that records every request to another host and every CSP violation (there must be none)."""
    page = context.new_page()
    page.foreign_requests = []
    blocked = csp_violations(page)

    def record(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("http://", "https://")) and host != "127.0.0.1":
            page.foreign_requests.append(request.url)

    page.on("request", record)
    yield page
    assert page.foreign_requests == [], f"requests to other hosts: {page.foreign_requests}"
    assert blocked == [], f"blocked by the Content-Security-Policy: {blocked}"


@pytest.fixture
def arabic_context(browser):
    context = browser.new_context(locale="ar")
    blocked = csp_violations(context)
    yield context
    context.close()
    assert blocked == [], f"blocked by the Content-Security-Policy: {blocked}"


def run_axe(page):
    """axe-core violations for the WCAG 2.0–2.2 A/AA rules, as readable strings."""
    # Evaluated through DevTools, not added as an inline <script>, which the CSP refuses.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations",
        AXE_TAGS,
    )
    return [f"{v['id']}: {v['help']} -> {[node['target'] for node in v['nodes']][:5]}" for v in violations]


@pytest.fixture
def axe():
    return run_axe


@pytest.fixture
def screenshot():
    """Save full-page screenshots at phone and desktop widths under artifacts/."""

    def _shoot(page, name):
        ARTIFACTS.mkdir(exist_ok=True)
        original = page.viewport_size
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size(original)

    return _shoot


def recovery_code(username, number):
    """The browser-test accounts' recovery codes: they sign in past the second factor with them
    (a fresh one each time: a code works once). tests/browser/test_sign_in_browser.py uses the app."""
    return f"{username[:8]}{number:04d}"


_codes_used = {}


def admin_login(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    if "/admin/two-factor/verify/" in page.url:
        _codes_used[username] = _codes_used.get(username, -1) + 1
        page.fill("#id_code", recovery_code(username, _codes_used[username]))
        page.click("main button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
