"""The site degrades instead of falling over (issue 13, items 1 and 3).

Each failure is real, not mocked: Redis is a closed port (connections refused) or a
listener that accepts and never answers (a hung Redis); the database is a closed port
for a server started on it. With Redis gone, pages are served and forms accepted, rate
limits let requests through and say so in ``/readyz``; with the database gone, pages
answer a 503 in the reader's language and ``/readyz`` takes the instance out of service
while ``/healthz`` keeps it alive.
"""

import datetime
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from benchmarks.stack import free_port, wait_for_port
from core import health, page_cache
from submissions import worker
from volunteer_signup.models import VolunteerApplication

pytestmark = [pytest.mark.django_db, pytest.mark.whole_site, pytest.mark.usefixtures("_shared_content")]


class SilentListener:
    """A server that accepts connections and never answers: a hung Redis."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.accepted = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                accepted, _address = self.sock.accept()
            except OSError:
                return
            self.accepted.append(accepted)

    def close(self):
        for accepted in self.accepted:
            accepted.close()
        self.sock.close()


@pytest.fixture
def silent_listener():
    listener = SilentListener()
    yield listener
    listener.close()


def redis_at(settings, port):
    """The production cache configuration, pointed at ``port``, with the page cache on."""
    settings.REDIS_TIMEOUT = 0.2
    settings.CACHE_RETRY_SECONDS = 30  # nothing in a test is retried once the breaker opens
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "sharaka-test-degraded-" + os.environ.get("PYTEST_XDIST_WORKER", "main"),
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    page_cache.forget_local()


def readyz(client=None):
    response = (client or Client()).get("/readyz")
    return response.status_code, json.loads(response.content)


# --- Redis refused or hung ----------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_with_redis_refusing_connections_pages_are_served_and_forms_accepted(
    settings, caplog, sample_site, open_form, valid_application, language
):
    redis_at(settings, free_port())
    caplog.set_level(logging.WARNING, logger="sharaka.cache")
    client = Client()
    for url in (sample_site["home"][language].url, sample_site["campaigns"]["know-the-signs"][language].url):
        response = client.get(url)
        assert response.status_code == 200
    url = sample_site["volunteer_pages"][language].url
    before = VolunteerApplication.objects.count()
    form = open_form(client, url)
    assert client.post(url, valid_application(form)).status_code == 303  # the rate limit let it through
    assert VolunteerApplication.objects.count() == before + 1
    outage = [record for record in caplog.records if "is unavailable" in record.getMessage()]
    assert len(outage) == 1, "the outage is logged once, not at every cache call"
    assert "rate limits are not counted" in outage[0].getMessage()


def test_no_page_is_kept_while_the_cache_keeps_nothing(settings, sample_site):
    """A page rendered during an outage is not kept in the app server's memory either: a
    change published meanwhile shows at once."""
    redis_at(settings, free_port())
    home = sample_site["home"]["en"]
    client = Client()
    assert client.get(home.url).status_code == 200
    home.hero_heading = "Changed during the outage"
    home.save_revision().publish()
    assert "Changed during the outage" in client.get(home.url).content.decode()


def test_a_hung_redis_costs_one_timeout_then_is_left_alone(settings, sample_site, silent_listener):
    redis_at(settings, silent_listener.port)
    client = Client()
    for language in ("ar", "en", "ar", "en", "ar"):
        assert client.get(sample_site["home"][language].url).status_code == 200
    # One connection tried (and timed out) for five pages, each of which asks the cache
    # several times: the breaker kept the rest away from the hung server.
    assert len(silent_listener.accepted) == 1


def test_readyz_stays_ready_but_says_degraded_when_redis_is_down(settings):
    redis_at(settings, free_port())
    status, report = readyz()
    assert status == 200  # a Redis outage must not pull every instance out of service
    assert report["status"] == "degraded"
    assert report["database"] == {"state": "ok"}
    assert report["cache"]["state"] == "down" and report["cache"]["error"] == "ConnectionError"
    assert report["rate_limits"] == "not counted (the cache is down)"


def test_readyz_against_a_hung_redis_answers_within_the_timeout(settings, silent_listener):
    redis_at(settings, silent_listener.port)
    status, report = readyz()
    assert (status, report["cache"]["state"], report["cache"]["error"]) == (200, "down", "TimeoutError")


def test_readyz_is_ready_with_a_working_redis(settings):
    redis_at(settings, 6379)
    status, report = readyz()
    assert (status, report["status"], report["cache"], report["rate_limits"]) == (
        200,
        "ready",
        {"state": "ok"},
        "counted",
    )
    assert report["storage"] == {"state": "ok"}
    assert report["worker"] == {"state": "not used"}  # the tests run tasks at once


def recovered(client):
    """The breaker's wait is over and the next call reaches Redis; the hooks (threads) run."""
    client.breaker.retry_at = 0
    assert cache.get("anything") is None
    for thread in threading.enumerate():
        if thread.name == "cache-recovered":
            thread.join(5)


def test_when_redis_answers_again_a_publish_it_missed_ends_the_kept_pages(settings):
    """A publish during the outage could not bump the generation in Redis; the process
    that missed it bumps it as soon as Redis answers again."""
    redis_at(settings, 6379)
    before = page_cache.generation()
    client = cache._cache
    client.breaker.failed(ConnectionError("down"))  # the outage: the breaker is open
    page_cache.bump()  # a publish meanwhile: its bump cannot reach Redis
    recovered(client)
    page_cache.forget_local()
    assert page_cache.generation() != before


def test_when_redis_answers_again_with_nothing_missed_the_kept_pages_stay(settings):
    redis_at(settings, 6379)
    before = page_cache.generation()
    client = cache._cache
    client.breaker.failed(ConnectionError("down"))
    recovered(client)
    page_cache.forget_local()
    assert page_cache.generation() == before


def test_the_threads_of_a_worker_share_one_breaker(settings, silent_listener):
    """Django keeps a cache client per thread; a gunicorn worker runs several threads: once
    one of them has waited for a hung Redis, the others do not."""
    redis_at(settings, silent_listener.port)
    breakers = []

    def look():
        cache.get("anything")
        breakers.append(cache._cache.breaker)

    first = threading.Thread(target=look)
    first.start()
    first.join()
    others = [threading.Thread(target=look) for _ in range(3)]
    for thread in others:
        thread.start()
    for thread in others:
        thread.join()
    assert len({id(breaker) for breaker in breakers}) == 1
    assert len(silent_listener.accepted) == 1


def test_a_publish_bumps_the_generation_once(settings, sample_site, django_capture_on_commit_callbacks):
    """A publish saves the page, its revision and more: one bump when it commits, not one each
    (and one ban of every Varnish, not several)."""
    redis_at(settings, 6379)
    before = page_cache.generation()
    home = sample_site["home"]["en"]
    home.hero_heading = "Published once"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        home.save_revision().publish()
    assert [callback.__name__ for callback in callbacks].count("bump") > 1  # asked for by each save
    page_cache.forget_local()
    assert page_cache.generation() == before + 1


# --- probes ---------------------------------------------------------------------------


def test_healthz_answers_without_touching_anything(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client(HTTP_HOST="10.1.2.3").get("/healthz")  # a probe uses the address, not the host name
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "alive"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_reports_a_worker_that_has_stopped(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WORKER_STALE_SECONDS = 60
    DBTaskResult.objects.create(
        task_path="submissions.tasks.deliver",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
        priority=0,
        queue_name="default",
    )
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=10))
    status, report = readyz()
    assert status == 200
    assert report["status"] == "degraded"
    assert report["worker"]["state"] == "late" and report["worker"]["waiting_seconds"] >= 600


# --- the database refused or restarted: a real server ---------------------------------

ROOT = Path(__file__).resolve().parent.parent


def serve(database_url, log_path, *options):
    """gunicorn as production runs it (gunicorn.conf.py, 1 worker) on ``database_url``."""
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    log = open(log_path, "a")
    command += ["--workers", "1", *options]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603 - ours
    wait_for_port(port, server, log_path)
    return server, port, log


def fetch(port, path, data=None):
    """(status, headers, body) of a request to the server, whatever the status."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def server_on(tmp_path):
    started = []

    def start(database_url, *options):
        server, port, log = serve(database_url, tmp_path / "gunicorn.log", *options)
        started.append((server, log))
        return port

    yield start
    for server, log in started:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.mark.parametrize(
    ("language", "heading"), [("ar", "الموقع غير متاح للحظات"), ("en", "The site is unavailable for a moment")]
)
def test_with_the_database_down_pages_answer_503_in_the_readers_language(server_on, language, heading):
    port = server_on(f"postgres://postgres@127.0.0.1:{free_port()}/test")
    for path, data in ((f"/{language}/", None), (f"/{language}/campaigns/", b"full_name=x")):
        status, headers, body = fetch(port, path, data)
        assert status == 503
        assert heading in body and f'lang="{language}"' in body
        assert headers["Retry-After"] == "30" and "no-store" in headers["Cache-Control"]
    assert fetch(port, "/healthz")[0] == 200  # alive: an orchestrator must not restart it
    status, _headers, body = fetch(port, "/readyz")
    assert status == 503  # not ready: the load balancer sends visitors elsewhere
    assert json.loads(body)["database"] == {"state": "down", "error": "OperationalError"}


def test_after_a_database_restart_the_first_request_succeeds(server_on):
    """Persistent connections are checked before reuse (CONN_HEALTH_CHECKS): a connection
    the database dropped (a restart) is replaced, not used for a failing request."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("SQLite has no server to restart; make test runs this on PostgreSQL")
    import psycopg

    admin_url = urlparse(url)._replace(path="/postgres").geturl()
    name = "sharaka_restart_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
        # One thread: the next request is served on the connection the database dropped.
        port = server_on(urlparse(url)._replace(path=f"/{name}").geturl(), "--threads", "1")
        assert fetch(port, "/readyz")[0] == 200  # the worker now keeps a connection open
        dropped = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchone()[0]
        assert dropped == 1
        status, _headers, body = fetch(port, "/readyz")
        assert (status, json.loads(body)["database"]) == (200, {"state": "ok"})


def test_readyz_knows_whether_a_worker_is_alive(settings):
    """A worker beats at every round; without a beat for WORKER_STALE_SECONDS it is late,
    even with nothing waiting (a stopped worker on a quiet day)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WORKER_STALE_SECONDS = 60
    cache.delete(health.HEARTBEAT_KEY)
    status, report = readyz()
    assert (status, report["status"], report["worker"]["state"]) == (200, "degraded", "late")
    assert report["worker"]["heartbeat_seconds_ago"] == "never"
    worker.StayingWorker(interval=0, maintenance_seconds=3600, sleep=lambda seconds: None).round()
    status, report = readyz()
    assert (report["status"], report["worker"]["state"]) == ("ready", "ok")
    assert report["worker"]["heartbeat_seconds_ago"] <= 1
    cache.set(health.HEARTBEAT_KEY, time.time() - 120, timeout=None)  # the last beat, two minutes ago
    assert readyz()[1]["worker"]["state"] == "late"
