"""Anti-abuse on the public volunteer form: honeypot, signed form token, minimum fill time, rate
limits per IP address and per phone/email, and CSRF.

Each refusal keeps what the resident typed (the form comes back with a message in the page's
language) and saves nothing; a bot that fills the honeypot is told "sent" and nothing is stored or
emailed.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from submissions import antiabuse
from submissions.checks import check_rates
from submissions.embedding import MESSAGES
from submissions.models import OutgoingEmail
from tests.conftest import soup
from tests.factories import new_phone
from volunteer_signup.models import VolunteerApplication

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]


def message(key, language):
    with translation.override(language):
        return str(MESSAGES[key])


def counts():
    return VolunteerApplication.objects.count(), OutgoingEmail.objects.count()


def refused_with_form_again(response, language, key, status, prefix, name_typed):
    """The form is shown again in the page language, with the message and the typed name."""
    assert response.status_code == status
    page = soup(response)
    assert page.html["lang"] == language
    summary = page.select_one(".error-summary")
    assert summary is not None and summary["role"] == "alert"
    assert message(key, language) in summary.get_text()
    with translation.override(language):
        assert page.title.get_text().startswith(gettext("Error:"))
    form = page.select_one("section.embedded-form form")
    assert form is not None
    assert form.select_one(f'[name="{prefix}-full_name"]')["value"] == name_typed
    assert page.select_one(".confirmation-panel") is None
    return form


# --- honeypot ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_filled_honeypot_looks_sent_but_nothing_is_saved_or_emailed(
    client, open_form, valid_application, volunteer_pages, staff, language, django_capture_on_commit_callbacks
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    before = counts()
    data = valid_application(form, phone=new_phone())
    data[antiabuse.HONEYPOT_FIELD] = "+971 4 123 4567"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 303
    assert f"sent={form.hidden['form_block']}" in response["Location"]
    assert counts() == before
    assert mail.outbox == []
    # the bot sees a thank-you page, with no reference
    page = soup(client.get(response["Location"]))
    panel = page.select_one(".confirmation-panel")
    assert panel is not None
    assert "VOL-" not in panel.get_text()


# --- the signed form token ---------------------------------------------------------------------


def tampered(token):
    head, signature = token.rsplit(":", 1)
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    return f"{head}:{flipped}"


def forged_payload(token):
    """Another nonce under the old signature (someone tries to replay with a fresh key)."""
    _payload, timestamp, signature = token.split(":")
    from django.core import signing

    payload = signing.b64_encode(b'{"n":"forged-nonce","b":"x"}').decode()
    return f"{payload}:{timestamp}:{signature}"


TOKEN_CASES = {
    "garbage": lambda form: "not-a-token",
    "tampered": lambda form: tampered(form.hidden["form_token"]),
    "forged payload": lambda form: forged_payload(form.hidden["form_token"]),
    "other block": lambda form: antiabuse.issue_token("volunteer", "7c0d3a5e-0000-4000-8000-000000000000"),
    "other kind": lambda form: antiabuse.issue_token("survey", form.hidden["form_block"]),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", ["missing", "empty"])
def test_a_form_sent_without_a_token_asks_to_confirm_and_then_goes_through(
    client, open_form, valid_application, volunteer_pages, language, case, settings, django_capture_on_commit_callbacks
):
    """Sent before the page's script fetched a token (no JavaScript): nothing is saved; the
    answers come back with a token and a request to confirm, and sending again at once works
    (the form was filled in: the minimum fill time does not apply again)."""
    settings.SUBMISSION_MIN_FILL_SECONDS = 3
    url = volunteer_pages[language].url
    form = open_form(client, url)
    data = valid_application(form, full_name="Tamer Aziz", phone=new_phone())
    if case == "missing":
        del data[antiabuse.TOKEN_FIELD]
    else:
        data[antiabuse.TOKEN_FIELD] = ""
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 200
    page = soup(response)
    # Not an error: a notice that takes focus, in the page's language, and the answers kept.
    notice = page.select_one("main .form-notice")
    assert notice is not None and notice["role"] == "status" and notice.has_attr("data-focus-on-load")
    assert message("confirm", language) in notice.get_text()
    assert page.select_one(".error-summary") is None
    with translation.override(language):
        assert not page.title.get_text().startswith(gettext("Error:"))
    html_form = page.select_one("section.embedded-form form")
    assert html_form.select_one(f'[name="{form.prefix}-full_name"]')["value"] == "Tamer Aziz"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    assert counts() == before
    assert mail.outbox == []
    data[antiabuse.TOKEN_FIELD] = html_form.select_one(f'input[name="{antiabuse.TOKEN_FIELD}"]')["value"]
    assert client.post(url, data).status_code == 303
    assert counts()[0] == before[0] + 1


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", list(TOKEN_CASES))
def test_bad_form_token_is_refused_with_the_form_again(
    client, open_form, valid_application, volunteer_pages, language, case, django_capture_on_commit_callbacks
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    data = valid_application(form, full_name="Tamer Aziz", phone=new_phone())
    token = TOKEN_CASES[case](form)
    if token is None:
        del data[antiabuse.TOKEN_FIELD]
    else:
        data[antiabuse.TOKEN_FIELD] = token
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    html_form = refused_with_form_again(response, language, "token", 400, form.prefix, "Tamer Aziz")
    assert counts() == before
    assert mail.outbox == []
    # the form comes back with a fresh, valid token: sending it again works
    fresh = html_form.select_one(f'input[name="{antiabuse.TOKEN_FIELD}"]')["value"]
    assert fresh and fresh != token
    data[antiabuse.TOKEN_FIELD] = fresh
    assert client.post(url, data).status_code == 303
    assert counts()[0] == before[0] + 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_survey_pages_token_cannot_be_used_on_the_volunteer_form(
    client, open_form, valid_application, volunteer_pages, survey_pages, language
):
    survey_form = open_form(client, survey_pages[language].url)
    url = volunteer_pages[language].url
    form = open_form(client, url)
    data = valid_application(form, full_name="Tamer Aziz", phone=new_phone())
    data[antiabuse.TOKEN_FIELD] = survey_form.hidden[antiabuse.TOKEN_FIELD]
    before = counts()
    response = client.post(url, data)
    refused_with_form_again(response, language, "token", 400, form.prefix, "Tamer Aziz")
    assert counts() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_token_older_than_24_hours_is_refused(client, open_form, valid_application, volunteer_pages, language):
    url = volunteer_pages[language].url
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        form = open_form(client, url)
    data = valid_application(form, full_name="Tamer Aziz", phone=new_phone())
    before = counts()
    with time_machine.travel(start + timedelta(hours=24, minutes=1), tick=False):
        response = client.post(url, data)
    refused_with_form_again(response, language, "token", 400, form.prefix, "Tamer Aziz")
    assert counts() == before
    # a form left open overnight (under 24 h) still goes through
    with time_machine.travel(start + timedelta(hours=23, minutes=59), tick=False):
        assert client.post(url, data).status_code == 303
    assert counts()[0] == before[0] + 1


# --- minimum fill time ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_sent_faster_than_the_minimum_fill_time_is_refused_then_accepted(
    client, open_form, valid_application, volunteer_pages, settings, language, django_capture_on_commit_callbacks
):
    settings.SUBMISSION_MIN_FILL_SECONDS = 3
    url = volunteer_pages[language].url
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        form = open_form(client, url)
        data = valid_application(form, full_name="Tamer Aziz", phone=new_phone())
        before = counts()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
    html_form = refused_with_form_again(response, language, "too_fast", 400, form.prefix, "Tamer Aziz")
    assert counts() == before
    assert mail.outbox == []
    # the re-rendered form carries the same token, so waiting and sending again works
    assert html_form.select_one(f'input[name="{antiabuse.TOKEN_FIELD}"]')["value"] == data[antiabuse.TOKEN_FIELD]
    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        assert client.post(url, data).status_code == 303
    assert counts()[0] == before[0] + 1


# --- rate limits --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_ip_rate_limit_gives_429_with_retry_after_while_other_addresses_still_work(
    open_form, valid_application, volunteer_pages, language, caplog
):
    caplog.set_level("INFO")
    url = volunteer_pages[language].url
    with time_machine.travel(timezone.now(), tick=False):
        busy = Client(REMOTE_ADDR="203.0.113.7")
        form = open_form(busy, url)
        for _ in range(antiabuse_ip_limit()):
            response = busy.post(url, form.data())  # empty answers: still counted
            assert response.status_code == 400
        before = counts()
        data = valid_application(form, full_name="Tamer Aziz", phone=new_phone())
        limited = busy.post(url, data)
        refused_with_form_again(limited, language, "rate_limited", 429, form.prefix, "Tamer Aziz")
        assert int(limited["Retry-After"]) > 0
        assert counts() == before
        # the refusal is logged with a hashed address, not the address or the answers
        assert "rate_limited" in caplog.text
        assert "203.0.113.7" not in caplog.text and "Tamer" not in caplog.text
        # a spoofed X-Forwarded-For does not give a new allowance
        spoofed = busy.post(url, data, HTTP_X_FORWARDED_FOR="198.51.100.99")
        assert spoofed.status_code == 429
        # someone else, elsewhere
        other = Client(REMOTE_ADDR="198.51.100.20")
        other_form = open_form(other, url)
        assert other.post(url, valid_application(other_form, phone=new_phone())).status_code == 303
    assert counts()[0] == before[0] + 1


def antiabuse_ip_limit():
    count, _seconds = antiabuse.parse_rate(antiabuse.ip_rate())
    return int(count)


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_phone_from_different_addresses_is_limited_after_five_a_day(
    open_form, valid_application, volunteer_pages, language
):
    url = volunteer_pages[language].url
    phone = new_phone()
    with time_machine.travel(timezone.now(), tick=False):
        for n in range(5):
            visitor = Client(REMOTE_ADDR=f"192.0.2.{n + 10}")
            form = open_form(visitor, url)
            response = visitor.post(url, valid_application(form, phone=phone, email=f"person{n}@example.org"))
            assert response.status_code == 303
        before = counts()
        sixth = Client(REMOTE_ADDR="192.0.2.50")
        form = open_form(sixth, url)
        data = valid_application(form, full_name="Tamer Aziz", phone=phone, email="person6@example.org")
        response = sixth.post(url, data)
        refused_with_form_again(response, language, "rate_limited", 429, form.prefix, "Tamer Aziz")
        assert response["Retry-After"]
        assert counts() == before
        # the same typed in Arabic-Indic digits is the same person
        arabic_digits = phone.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        data = valid_application(form, phone=arabic_digits, email="person7@example.org")
        assert sixth.post(url, data).status_code == 429
        # another phone from that address is fine
        data = valid_application(form, phone=new_phone(), email="person8@example.org")
        assert sixth.post(url, data).status_code == 303


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_email_from_different_addresses_is_limited_after_five_a_day(
    open_form, valid_application, volunteer_pages, language
):
    url = volunteer_pages[language].url
    with time_machine.travel(timezone.now(), tick=False):
        for n in range(5):
            visitor = Client(REMOTE_ADDR=f"192.0.2.{n + 100}")
            form = open_form(visitor, url)
            email = "Same.Person@Example.org" if n % 2 else "same.person@example.org"
            assert visitor.post(url, valid_application(form, phone=new_phone(), email=email)).status_code == 303
        sixth = Client(REMOTE_ADDR="192.0.2.200")
        form = open_form(sixth, url)
        before = counts()
        data = valid_application(form, phone=new_phone(), email="SAME.PERSON@example.org")
        assert sixth.post(url, data).status_code == 429
        assert counts() == before


# --- where a POST comes from (no CSRF cookie: public pages are cached) -------------------------

CROSS_SITE = {
    "foreign origin": {"HTTP_ORIGIN": "https://evil.example"},
    "cross-site fetch": {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
    "same-site subdomain": {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://other.testserver"},
    "origin of another scheme": {"HTTP_ORIGIN": "https://testserver"},
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", list(CROSS_SITE))
def test_a_form_sent_from_another_site_is_a_403_in_the_page_language_and_nothing_is_saved(
    open_form, valid_application, volunteer_pages, language, case, django_capture_on_commit_callbacks
):
    url = volunteer_pages[language].url
    browser = Client(enforce_csrf_checks=True)
    form = open_form(browser, url)
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(url, valid_application(form, phone=new_phone()), **CROSS_SITE[case])
    assert response.status_code == 403
    page = soup(response)
    assert page.html["lang"] == language
    assert page.html["dir"] == ("rtl" if language == "ar" else "ltr")
    with translation.override(language):
        heading = gettext("Your form could not be sent")
    assert page.h1.get_text().strip() == heading
    assert "Traceback" not in response.content.decode()
    assert "CSRF" not in page.get_text()
    assert counts() == before
    assert mail.outbox == []


@pytest.mark.parametrize(
    "headers",
    [
        {},  # an older browser, or not a browser (which could send the same directly)
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "http://testserver"},
    ],
)
def test_a_form_sent_from_this_site_needs_no_csrf_cookie(open_form, valid_application, volunteer_pages, headers):
    url = volunteer_pages["ar"].url
    browser = Client(enforce_csrf_checks=True)
    form = open_form(browser, url)
    assert "csrftoken" not in browser.cookies
    assert browser.post(url, valid_application(form, phone=new_phone()), **headers).status_code == 303


def test_the_admin_still_needs_its_csrf_token(login, staff):
    browser = login(staff["editor"], enforce_csrf_checks=True)
    response = browser.post("/admin/account/", {"form_block": "x"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 403


def test_the_address_limit_is_a_setting(settings, open_form, volunteer_pages):
    """SUBMISSION_IP_RATE, as an operator sets it: the limit and the wait it announces."""
    settings.SUBMISSION_IP_RATE = "2/5m"
    url = volunteer_pages["ar"].url
    with time_machine.travel(timezone.now(), tick=False):
        client = Client(REMOTE_ADDR="203.0.113.8")
        form = open_form(client, url)
        assert [client.post(url, form.data()).status_code for _ in range(3)] == [400, 400, 429]
        assert client.post(url, form.data())["Retry-After"] == "300"


@pytest.mark.parametrize("rate", ["twenty an hour", "20/week", "0/h", ""])
def test_a_rate_limit_that_cannot_be_read_stops_the_start(settings, rate):
    settings.SUBMISSION_IDENTIFIER_RATE = rate
    assert [error.id for error in check_rates()] == ["submissions.E010"]


def test_rate_limits_read_as_django_ratelimit_reads_them():
    assert antiabuse.parse_rate("20/h") == (20, 3600)
    assert antiabuse.parse_rate("100/5m") == (100, 300)
    assert check_rates() == []
