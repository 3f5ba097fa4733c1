"""Staff sign-in under attack (issue 11, item 2).

Measured before: 30 wrong passwords for the coordinator, then the right one logged
in, with no delay and no lockout; reset emails could be requested without limit.
Now a username is paused from one address after AXES_FAILURE_LIMIT wrong passwords,
for a cool-off that ends by itself; reset emails are limited per address and per
client; the log says who failed from where, never with the password.
"""

import datetime
import logging

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from tests.conftest import GROUPS, PASSWORD, make_user, soup

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
WRONG = "not-the-password-123"


@pytest.fixture
def coordinator_account(db):
    return make_user("coord_signin", GROUPS["coordinator"])


def visitor(address="198.51.100.4", language="en"):
    return Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language)


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def signed_in(client):
    """Past the password: the admin opens, or asks for the second factor next."""
    response = client.get("/admin/")
    return response.status_code == 200 or response["Location"].startswith("/admin/two-factor/")


def fail(client, username, times):
    return [sign_in(client, username, WRONG).status_code for _ in range(times)]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_repeated_wrong_passwords_pause_sign_in_even_with_the_right_one(coordinator_account, language):
    client = visitor(language=language)
    statuses = fail(client, coordinator_account.username, settings.AXES_FAILURE_LIMIT)
    assert statuses[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)  # the form again, with its error
    assert statuses[-1] == 429
    response = sign_in(client, coordinator_account.username, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    page = soup(response)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    with translation.override(language):
        heading = gettext("Sign-in paused")
        pause = ngettext(
            "Too many wrong passwords. For your account's safety, signing in to this account from your network "
            "is paused for %(minutes)s minute.",
            "Too many wrong passwords. For your account's safety, signing in to this account from your network "
            "is paused for %(minutes)s minutes.",
            minutes,
        ) % {"minutes": minutes}
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == heading
    assert page.select_one("[role=alert]").get_text(" ", strip=True) == pause
    assert page.select_one(f'a[href="{RESET}"]')
    # Nothing about the account is echoed back.
    assert coordinator_account.username not in response.content.decode()


def test_the_pause_ends_by_itself_after_the_cool_off(coordinator_account):
    client = visitor()
    fail(client, coordinator_account.username, settings.AXES_FAILURE_LIMIT)
    later = timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=5)
    with time_machine.travel(later):
        response = sign_in(client, coordinator_account.username, PASSWORD)
        assert response.status_code == 302
        assert signed_in(client)


def test_wrong_passwords_from_elsewhere_do_not_lock_a_colleague_out(coordinator_account):
    attacker = visitor("203.0.113.66")
    fail(attacker, coordinator_account.username, settings.AXES_FAILURE_LIMIT + 5)
    colleague = visitor("198.51.100.20")
    assert sign_in(colleague, coordinator_account.username, PASSWORD).status_code == 302
    assert signed_in(colleague)


def test_a_success_before_the_limit_starts_the_count_again(coordinator_account):
    client = visitor()
    fail(client, coordinator_account.username, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, coordinator_account.username, PASSWORD).status_code == 302
    client.post("/admin/logout/")
    assert fail(client, coordinator_account.username, settings.AXES_FAILURE_LIMIT - 1)[-1] == 200
    assert sign_in(client, coordinator_account.username, PASSWORD).status_code == 302


def test_guesses_spread_over_one_ipv6_subscribers_addresses_count_as_one_client(coordinator_account):
    """One subscriber has a whole /64 and may use a new address for every guess."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(visitor(f"2001:db8:77:1::{n + 1:x}"), coordinator_account.username, WRONG)
    assert sign_in(visitor("2001:db8:77:1::ffff"), coordinator_account.username, PASSWORD).status_code == 429
    neighbour = visitor("2001:db8:77:2::1")  # the next /64: another subscriber
    assert sign_in(neighbour, coordinator_account.username, PASSWORD).status_code == 302


def test_residents_behind_the_same_proxies_are_counted_apart(coordinator_account, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    attacker = Client(REMOTE_ADDR="10.0.2.7", HTTP_X_FORWARDED_FOR="203.0.113.66, 10.0.1.5")
    fail(attacker, coordinator_account.username, settings.AXES_FAILURE_LIMIT)
    assert sign_in(attacker, coordinator_account.username, PASSWORD).status_code == 429
    colleague = Client(REMOTE_ADDR="10.0.2.7", HTTP_X_FORWARDED_FOR="198.51.100.20, 10.0.1.5")
    assert sign_in(colleague, coordinator_account.username, PASSWORD).status_code == 302


def test_failures_and_lockouts_are_logged_without_the_password(coordinator_account, caplog):
    client = visitor("203.0.113.66")
    with caplog.at_level(logging.INFO, logger="axes"):
        fail(client, coordinator_account.username, settings.AXES_FAILURE_LIMIT)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert coordinator_account.username in text
    assert "203.0.113.66" in text
    assert "after repeated login failures" in text  # the lockout itself
    assert WRONG not in text and PASSWORD not in text


# --- password reset ---------------------------------------------------------------------


def request_reset(client, email):
    return client.post(RESET, {"email": email})


def test_reset_emails_to_one_address_are_limited_and_the_answer_does_not_change(coordinator_account):
    per_address = int(settings.PASSWORD_RESET_RATES["address"].split("/")[0])
    answers = [request_reset(visitor(f"198.51.100.{n}"), coordinator_account.email) for n in range(per_address + 3)]
    assert len(mail.outbox) == per_address
    assert {answer.status_code for answer in answers} == {302}
    assert {answer["Location"] for answer in answers} == {"/admin/password_reset/done/"}


def test_reset_requests_from_one_client_are_limited(db):
    per_client = int(settings.PASSWORD_RESET_RATES["client"].split("/")[0])
    users = [make_user(f"reset_{n}") for n in range(per_client + 2)]
    client = visitor("203.0.113.66")
    for user in users:
        assert request_reset(client, user.email).status_code == 302
    assert len(mail.outbox) == per_client


def test_an_unknown_address_gets_the_same_answer_and_no_email(db):
    response = request_reset(visitor(), "nobody@staff.example")
    assert response.status_code == 302 and response["Location"] == "/admin/password_reset/done/"
    assert mail.outbox == []


def test_a_limited_reset_is_logged_without_the_address(coordinator_account, caplog):
    per_address = int(settings.PASSWORD_RESET_RATES["address"].split("/")[0])
    with caplog.at_level(logging.WARNING, logger="sharaka.sign_in"):
        for _ in range(per_address + 1):
            request_reset(visitor(), coordinator_account.email)
    messages = [record.getMessage() for record in caplog.records if record.name == "sharaka.sign_in"]
    assert len(messages) == 1 and "limit reached" in messages[0]
    assert coordinator_account.email not in messages[0]
