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
import threading
import time
import urllib.parse
import urllib.request

import pytest

from benchmarks.pages import PAGES
from benchmarks.posts import application_body
from benchmarks.stack import Stack, free_port, post

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


def on_postgresql():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not on_postgresql():
        pytest.skip("two app servers share a database server: make test's PostgreSQL pass runs this")
    if shutil.which("varnishd") is None:
        pytest.fail("varnishd is not installed: scripts/system-packages.sh installs it (Debian's varnish)")
    tmp = tmp_path_factory.mktemp("varnish")
    stack = Stack(
        tmp,
        SETTINGS,
        database="sharaka_varnish",
        redis_db=13,
        # Varnish, on loopback, is our proxy: its page refreshes and request ids are believed.
        TRUSTED_PROXIES="127.0.0.1/32",
        # Every application comes from the test's one address.
        SUBMISSION_IP_RATE="1000/h",
    )
    stack.varnish_port = free_port()  # the app instances are told where it will be
    stack.env["VARNISH_URLS"] = f"http://127.0.0.1:{stack.varnish_port}"
    try:
        stack.start_apps(2)
        stack.start_varnish()
        yield stack
    finally:
        stack.stop()


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
    # An applicant's page and their certificate's download need their cookie, even without a CSRF one.
    assert cache_state(stack, "/en/applicant/", cookie="__Host-sharaka_applicant=x") == "pass"
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
        status, headers = post(stack.url(found), bodies[number], base)
        answers[number] = (status, headers.get("X-Varnish-Cache"))

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


def test_the_probes_are_not_answered_to_the_public(stack):
    """/readyz says whether rate limits are counted: for the load balancer, not for visitors."""
    assert stack.get("/readyz")[0] == 404 and stack.get("/healthz")[0] == 404
    assert stack.get("/readyz", through_varnish=False)[0] == 200


def test_each_answer_from_varnish_has_its_own_request_id(stack):
    stack.get("/ar/")
    first, second = stack.get("/ar/")[1], stack.get("/ar/")[1]
    assert first["X-Varnish-Cache"] == second["X-Varnish-Cache"] == "hit"
    assert first["X-Request-ID"] != second["X-Request-ID"]
