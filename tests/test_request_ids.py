"""Every response and log line carries the request's id; LOG_FORMAT=json writes JSON lines
(issue 13, item 3)."""

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.utils.module_loading import import_string

from config.logging import logging_settings

pytestmark = [pytest.mark.django_db, pytest.mark.whole_site, pytest.mark.usefixtures("_shared_content")]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sharaka_log():
    """What the ``sharaka`` loggers write to the console handler settings configured."""
    handler = logging.getLogger("sharaka").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield handler, stream
    handler.setStream(previous)


def test_each_response_has_its_own_request_id():
    first, second = Client().get("/en/"), Client().get("/ar/")
    assert re.fullmatch(r"[0-9a-f]{32}", second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [("lb-7f3a9c2e-0001", True), ("abc\ninjected line", False), ("x" * 500, False), ("short", False)],
)
def test_a_proxys_request_id_is_kept_only_when_it_looks_like_one(settings, sent, kept):
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]  # the test client's address: our proxy here
    answered = Client().get("/ar/", HTTP_X_REQUEST_ID=sent)["X-Request-ID"]
    assert (answered == sent) is kept
    assert re.fullmatch(r"[A-Za-z0-9._:-]{8,128}", answered)


def test_a_request_id_from_anyone_but_our_proxies_is_replaced(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    answered = Client().get("/ar/", HTTP_X_REQUEST_ID="lb-7f3a9c2e-0001")["X-Request-ID"]
    assert answered != "lb-7f3a9c2e-0001"


def test_log_lines_of_a_request_carry_its_id(sharaka_log, volunteer_pages, open_form):
    _handler, stream = sharaka_log
    client = Client()
    url = volunteer_pages["en"].url
    form = open_form(client, url)
    response = client.post(url, {**form.hidden, "sharaka_hp_leave_blank": "a bot"})  # logged as "honeypot"
    line = next(line for line in stream.getvalue().splitlines() if "honeypot" in line)
    assert f"[{response['X-Request-ID']}]" in line
    assert "Layla" not in line and "@" not in line  # no personal data: the form and a hashed address


def test_json_log_lines_carry_the_request_id(sharaka_log, volunteer_pages, open_form):
    handler, stream = sharaka_log
    formatter = handler.formatter
    spec = dict(logging_settings("json")["formatters"]["json"])  # as logging's dictConfig builds it
    handler.setFormatter(import_string(spec.pop("()"))(**spec))
    try:
        client = Client()
        url = volunteer_pages["ar"].url
        form = open_form(client, url)
        response = client.post(url, {**form.hidden, "sharaka_hp_leave_blank": "a bot"})
    finally:
        handler.setFormatter(formatter)
    record = json.loads(next(line for line in stream.getvalue().splitlines() if "honeypot" in line))
    assert record["request_id"] == response["X-Request-ID"]
    assert record["level"] == "INFO" and record["logger"] == "sharaka.antiabuse"
    assert record["message"].startswith("honeypot form=volunteer client=")


def test_log_format_json_makes_every_line_json():
    """The setting as an operator sets it: a command's warning is one JSON object."""
    script = "import logging; logging.getLogger('sharaka.check').warning('تنبيه: %s', 'ok')"
    result = subprocess.run(  # noqa: S603 - this interpreter and our manage.py
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "LOG_FORMAT": "json"},
        capture_output=True,
        text=True,
        check=True,
    )
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert record["message"] == "تنبيه: ok"
    assert record["request_id"] == "none" and record["level"] == "WARNING" and "time" in record


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ValueError, match="plain or json"):
        logging_settings("xml")


def test_json_lines_leave_out_the_full_address_of_a_request(sharaka_log):
    """Django attaches the request to its own records (a 404): its query string can hold a
    search or answers; the JSON line keeps Django's message, which names the path only."""
    handler, stream = sharaka_log
    formatter = handler.formatter
    spec = dict(logging_settings("json")["formatters"]["json"])
    handler.setFormatter(import_string(spec.pop("()"))(**spec))
    try:
        assert Client().get("/en/no-such-page/?q=my+son+uses+drugs&email=a%40b.c").status_code == 404
    finally:
        handler.setFormatter(formatter)
    line = next(line for line in stream.getvalue().splitlines() if "no-such-page" in line)
    record = json.loads(line)
    assert record["message"] == "Not Found: /en/no-such-page/"
    assert "drugs" not in line and "a%40b.c" not in line and "request" not in record
