"""No export download is cut off by gunicorn's worker timeout (issue 12).

gunicorn.conf.py runs threaded workers: the worker keeps telling gunicorn's arbiter it is
alive while a thread sends a response, so ``timeout`` never cuts a long download. The test
serves the site with that file, but a 2-second ``--timeout``, on loopback, and downloads a
CSV and an XLSX export (each larger than the sockets' buffers) through a client with a
small receive window that stops reading for 4 seconds after the first bytes, as a slow
connection would: the whole file arrives. The same download from a sync worker is cut
off, which shows the test would catch a configuration that lets an export be killed.
"""

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 2
PAUSE = TIMEOUT + 2  # the arbiter checks its workers about once a second
ROWS = 3000
URL = "/admin/volunteer_application/?export="

PREPARE = f"""
import secrets
from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.models import Locale
from volunteer_signup.models import VolunteerApplication

locale = Locale.objects.first()
VolunteerApplication.objects.bulk_create(
    VolunteerApplication(
        reference=f"VOL-G{{number:06d}}",
        full_name=f"Applicant {{number}}",
        phone="+971501234567",
        age_band="25_34",
        motivation=secrets.token_urlsafe(2250),  # 3,000 characters that compress badly: a large XLSX too
        consented_at="2026-12-06T10:00:00Z",
        locale=locale,
    )
    for number in range({ROWS})
)
user = User.objects.create_superuser("exporter", "exporter@example.org", "exporter-password-123")
device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
client = Client()
client.force_login(user)
session = client.session
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.save()
print(session.session_key)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp_path / 'gunicorn.sqlite3'}"
    import psycopg

    parsed = urlparse(url)
    name = "sharaka_gunicorn_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return parsed._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The environment of a migrated database with ``ROWS`` applications, and a signed-in session's key."""
    tmp_path = tmp_path_factory.mktemp("gunicorn")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(tmp_path),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }

    def manage(*args):
        command = [sys.executable, "manage.py", *args]
        return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)  # noqa: S603

    manage("migrate", "--noinput")
    session_key = manage("shell", "-c", PREPARE).stdout.strip().splitlines()[-1]
    return {"env": env, "session": session_key, "log": tmp_path / "gunicorn.log"}


def serve(site, *options):
    """gunicorn with gunicorn.conf.py on a free loopback port (``options`` override it)."""
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "--timeout", str(TIMEOUT), *options]
    log = open(site["log"], "a")
    server = subprocess.Popen(command, cwd=ROOT, env=site["env"], stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    for _ in range(60):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port, log
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn did not start: " + site["log"].read_text()[-2000:])


def slow_download(port, path, session_key):
    """(headers, body, seconds) of a GET that reads 16 KB, waits ``PAUSE`` seconds, then reads the rest."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a small window: the server waits on us
        sock.settimeout(60)
        sock.connect(("127.0.0.1", port))
        request = f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nCookie: sessionid={session_key}\r\n\r\n"
        started = time.monotonic()
        sock.sendall(request.encode())
        received = bytearray()
        while len(received) < 16384 and (chunk := sock.recv(4096)):
            received += chunk
        time.sleep(PAUSE)
        while chunk := sock.recv(65536):
            received += chunk
        seconds = time.monotonic() - started
    head, _, body = bytes(received).partition(b"\r\n\r\n")
    return head.decode("latin-1"), body, seconds


def csv_rows(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig", errors="replace"))))


@pytest.fixture
def threaded(site):
    server, port, log = serve(site)
    yield port
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_a_csv_export_longer_than_the_timeout_arrives_whole(site, threaded):
    head, body, seconds = slow_download(threaded, URL + "csv", site["session"])
    assert head.split("\r\n")[0].endswith(" 200 OK"), head
    assert seconds > PAUSE > TIMEOUT
    rows = csv_rows(body)
    assert len(rows) == ROWS + 1
    assert {row[0] for row in rows[1:]} == {f"VOL-G{number:06d}" for number in range(ROWS)}
    assert all(len(row) == len(rows[0]) for row in rows)


def test_an_xlsx_export_longer_than_the_timeout_arrives_whole(site, threaded):
    head, body, seconds = slow_download(threaded, URL + "xlsx", site["session"])
    assert head.split("\r\n")[0].endswith(" 200 OK"), head
    assert seconds > PAUSE > TIMEOUT
    length = next(int(line.split(":")[1]) for line in head.splitlines() if line.lower().startswith("content-length"))
    assert len(body) == length > 5_000_000  # more than the socket buffers hold
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
    assert sum(1 for _row in sheet.iter_rows(values_only=True)) == ROWS + 1


def test_a_sync_worker_would_cut_the_same_download_off(site):
    server, port, log = serve(site, "--worker-class", "sync", "--threads", "1")
    try:
        _head, body, _seconds = slow_download(port, URL + "csv", site["session"])
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert len(csv_rows(body)) < ROWS + 1
    assert "WORKER TIMEOUT" in site["log"].read_text()


def test_two_instances_on_one_host_both_serve(site):
    """gunicorn's control socket is one path per user by default: a second instance on the
    host failed to take it. gunicorn.conf.py turns it off unless one is named."""
    first, first_port, first_log = serve(site)
    second, second_port, second_log = serve(site)
    try:
        for port in (first_port, second_port):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
                assert response.status == 200
    finally:
        for server, log in ((first, first_log), (second, second_log)):
            server.terminate()
            server.wait(timeout=30)
            log.close()
    assert "control" not in site["log"].read_text().lower()
