"""The address of the person behind a request, for rate limits, login lockouts and hashed logs.

A request that reaches the app from an address outside ``TRUSTED_PROXIES`` came
straight from the client: its ``X-Forwarded-For`` is whatever the client typed and
is ignored. A request from a trusted proxy (the load balancer, Varnish) carries
the chain of addresses each hop appended; read from the right, the first address
that is not a trusted proxy is the client. Everything to its left was sent by the
client and could be forged.

For load balancer -> Varnish -> app: ``TRUSTED_PROXIES`` lists the networks of
the load balancer and of Varnish. Varnish appends the balancer's address, the
balancer appends the client's, so the chain reads ``[forged..., client, balancer]``
and the walk stops at ``client``.

One IPv6 subscriber (a phone on a mobile network, a home) gets a whole /64 and can
pick any address in it, so limits and lockouts count IPv6 clients by their /64
(``client_network``): django-ratelimit does so itself (``RATELIMIT_IPV6_MASK``),
django-axes and the password-reset limit through ``client_network``.
"""

import ipaddress
import logging

from django.conf import settings
from django.core import checks

logger = logging.getLogger("sharaka.client_address")


def trusted_networks():
    return [ipaddress.ip_network(network, strict=False) for network in settings.TRUSTED_PROXIES]


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs=None, **kwargs):
    """A typo in TRUSTED_PROXIES would otherwise fail every request, or trust nobody."""
    errors = []
    for network in settings.TRUSTED_PROXIES:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            errors.append(
                checks.Error(
                    f"TRUSTED_PROXIES holds {network!r}, which is not an address or network.",
                    hint="Give addresses or networks such as 10.0.1.0/24, comma-separated.",
                    id="core.E001",
                )
            )
    return errors


def _address(text):
    """The address in ``text``; an IPv4 address seen through IPv6 (::ffff:10.0.0.2) as IPv4,
    as a server listening on [::] receives it, so it matches IPv4 networks."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def _is_trusted(address, networks):
    return any(address in network for network in networks)


def from_trusted_proxy(request):
    """Whether the request comes straight from one of our proxies (``TRUSTED_PROXIES``): only
    then are the headers a proxy sets for the app believed (request ids, page refreshes)."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    return remote is not None and _is_trusted(remote, trusted_networks())


def client_address(request):
    """The client's address as text (django-ratelimit's and django-axes' client address)."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return request.META.get("REMOTE_ADDR", "")
    networks = trusted_networks()
    if not _is_trusted(remote, networks):
        return str(remote)
    chain = request.META.get(settings.FORWARDED_FOR_HEADER, "")
    client = remote
    for entry in reversed([part for part in chain.split(",") if part.strip()]):
        address = _address(entry)
        if address is None:
            # A hop we trust wrote something that is not an address: stop at the last
            # good one rather than believe what lies further left.
            logger.warning("malformed entry in %s from a trusted proxy", settings.FORWARDED_FOR_HEADER)
            break
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)


IPV6_SUBSCRIBER_PREFIX = 64


def client_network(request):
    """The client's address, an IPv6 one as the first address of its /64 (django-axes' client
    address, and the password-reset limit's): guesses spread over one subscriber's /64 count
    as one client. Still a valid address, so it fits axes' address column."""
    address = _address(client_address(request))
    if address is None or address.version == 4:
        return str(address) if address is not None else request.META.get("REMOTE_ADDR", "")
    return str(ipaddress.ip_network(f"{address}/{IPV6_SUBSCRIBER_PREFIX}", strict=False).network_address)
