"""Whose address a request comes from (core/client_address.py; issue 11, item 4).

Measured before: reached directly, a forged X-Forwarded-For per request got 24 posts
through the per-address limit; behind load balancer -> Varnish, the last entry was
Varnish, so every resident shared one limit. Here the same two set-ups: forged
headers sent straight to the app, and real chains through the trusted proxies.
"""

import pytest
from django.test import Client

from core.client_address import client_address, client_network
from submissions import antiabuse
from tests.factories import new_phone

BALANCER, VARNISH = "10.0.1.5", "10.0.2.7"
CHAIN = {"REMOTE_ADDR": VARNISH}  # the app only ever talks to Varnish


@pytest.fixture
def behind_proxies(settings):
    """load balancer (10.0.1.0/24) -> Varnish (10.0.2.0/24) -> app, as production runs."""
    settings.TRUSTED_PROXIES = ["10.0.1.0/24", "10.0.2.0/24"]


def ip_limit():
    return antiabuse.parse_rate(antiabuse.ip_rate())[0]


def test_reached_directly_the_connection_address_is_the_client_whatever_the_header_says(rf, settings):
    settings.TRUSTED_PROXIES = []
    request = rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "198.51.100.4"


def test_a_client_that_is_not_a_trusted_proxy_cannot_forge_its_address(rf, behind_proxies):
    request = rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="10.0.1.5, 1.2.3.4")
    assert client_address(request) == "198.51.100.4"


def test_through_the_chain_the_address_the_balancer_saw_is_the_client(rf, behind_proxies):
    # The balancer appends the client; Varnish appends the balancer.
    request = rf.get("/", HTTP_X_FORWARDED_FOR=f"203.0.113.9, {BALANCER}", **CHAIN)
    assert client_address(request) == "203.0.113.9"


def test_entries_the_client_put_in_front_are_ignored(rf, behind_proxies):
    forged = rf.get("/", HTTP_X_FORWARDED_FOR=f"9.9.9.9, 10.0.2.99, 203.0.113.9, {BALANCER}", **CHAIN)
    assert client_address(forged) == "203.0.113.9"


@pytest.mark.parametrize("chain", ["", "not-an-address", f"garbage, {BALANCER}"])
def test_a_missing_or_malformed_chain_stops_at_the_last_good_hop(rf, behind_proxies, chain):
    request = rf.get("/", HTTP_X_FORWARDED_FOR=chain, **CHAIN)
    assert client_address(request) in (VARNISH, BALANCER)


def test_ipv6_clients_and_proxies(rf, settings):
    settings.TRUSTED_PROXIES = ["fd00::/8"]
    request = rf.get("/", REMOTE_ADDR="fd00::2", HTTP_X_FORWARDED_FOR="2001:db8::7")
    assert client_address(request) == "2001:db8::7"


def test_a_forged_header_per_request_does_not_escape_the_limit(open_form, volunteer_pages, settings):
    """The probe's 24 posts, each with a new X-Forwarded-For, sent straight to the app."""
    settings.TRUSTED_PROXIES = []
    url = volunteer_pages["en"].url
    client = Client(REMOTE_ADDR="198.51.100.4")
    form = open_form(client, url)
    statuses = [
        client.post(url, form.data(), HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code for number in range(24)
    ]
    assert statuses.count(429) == 24 - ip_limit()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_behind_the_proxies_each_resident_has_their_own_limit(
    behind_proxies, open_form, valid_application, volunteer_pages, language
):
    url = volunteer_pages[language].url
    busy = Client(HTTP_X_FORWARDED_FOR=f"203.0.113.7, {BALANCER}", **CHAIN)
    form = open_form(busy, url)
    for _ in range(ip_limit()):
        busy.post(url, form.data())
    assert busy.post(url, form.data()).status_code == 429
    neighbour = Client(HTTP_X_FORWARDED_FOR=f"203.0.113.8, {BALANCER}", **CHAIN)
    neighbour_form = open_form(neighbour, url)
    assert neighbour.post(url, valid_application(neighbour_form, phone=new_phone())).status_code == 303


def test_a_mistyped_trusted_proxy_is_a_system_check_error(settings):
    from core.client_address import check_trusted_proxies

    settings.TRUSTED_PROXIES = ["10.0.1.0/24", "10.0.2.x"]
    errors = check_trusted_proxies()
    assert [error.id for error in errors] == ["core.E001"]
    assert "10.0.2.x" in errors[0].msg
    settings.TRUSTED_PROXIES = ["10.0.1.0/24", "fd00::/8"]
    assert check_trusted_proxies() == []


def test_ipv4_addresses_seen_through_ipv6_match_ipv4_networks(rf, behind_proxies):
    """A server listening on [::] sees the proxy as ::ffff:10.0.2.7."""
    request = rf.get("/", REMOTE_ADDR="::ffff:10.0.2.7", HTTP_X_FORWARDED_FOR=f"203.0.113.9, ::ffff:{BALANCER}")
    assert client_address(request) == "203.0.113.9"


@pytest.mark.parametrize(
    ("remote", "network"),
    [
        ("2001:db8:77:1::5", "2001:db8:77:1::"),
        ("2001:db8:77:1:ffff:ffff:ffff:ffff", "2001:db8:77:1::"),
        ("198.51.100.4", "198.51.100.4"),
        ("::ffff:198.51.100.4", "198.51.100.4"),
    ],
)
def test_lockouts_count_an_ipv6_client_by_its_subscribers_64(rf, settings, remote, network):
    settings.TRUSTED_PROXIES = []
    assert client_network(rf.get("/", REMOTE_ADDR=remote)) == network
