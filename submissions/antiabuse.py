"""Checks a public form passes before its answers are even validated.

No CAPTCHA: puzzles shut out people with disabilities (WCAG 3.3.8) and the
usual services load third-party scripts. Instead:

* a signed form token, fetched from ``/forms/token/`` when the visitor first
  touches the form (pages are cached and the same for everyone; without
  JavaScript the first send asks to confirm, with a token). It carries a random
  nonce (which makes a second POST of the same form recognisable, so refresh
  and back never create a second record) and the time it was issued (a form
  sent back within seconds was not filled in by a person). It is signed, so
  neither can be forged or replayed onto another form;
* a honeypot field people never see and bots fill in;
* rate limits per IP address and per phone/email, counted in the cache
  (Redis in production, shared by every app server).

Nothing here logs what the resident typed.
"""

import hashlib
import logging
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

# _split_rate and rate_re: how django-ratelimit itself reads a rate, so ours never disagrees.
from django_ratelimit.core import _split_rate, is_ratelimited, rate_re

from core.client_address import client_address

logger = logging.getLogger("sharaka.antiabuse")

TOKEN_FIELD = "form_token"  # noqa: S105 - a form field's name, not a secret
# A name no browser autofill recognises, so people's browsers never fill it in.
HONEYPOT_FIELD = "sharaka_hp_leave_blank"
TOKEN_MAX_AGE = 60 * 60 * 24  # a form left open overnight is sent again, not lost


def parse_rate(rate):
    """``(count, seconds)`` of a django-ratelimit rate such as ``"20/h"`` or ``"100/5m"``;
    ValueError when it is not one (submissions/checks.py refuses such a setting at start)."""
    match = rate_re.fullmatch(rate) if isinstance(rate, str) else None
    if match is None:
        raise ValueError(f"not a rate: {rate!r}")
    return _split_rate(rate)


def ip_rate():
    """Forms one client address may send (``SUBMISSION_IP_RATE``)."""
    return settings.SUBMISSION_IP_RATE


def ip_window():
    """Seconds to tell a client held back by the address limit to wait (Retry-After)."""
    return parse_rate(ip_rate())[1]


def identifier_rate():
    """Forms one phone number or email address may send (``SUBMISSION_IDENTIFIER_RATE``)."""
    return settings.SUBMISSION_IDENTIFIER_RATE


def identifier_window():
    return parse_rate(identifier_rate())[1]


@dataclass(frozen=True)
class FormToken:
    nonce: str
    block_id: str
    issued_at: float

    @property
    def age(self):
        return time.time() - self.issued_at


class TokenProblem(Exception):
    """The token is missing, forged, for another form, or too old."""


def _salt(kind):
    return f"sharaka.form-token.{kind}"


# How far back a token may date the moment its form was first shown (see issue_token).
MAX_SHOWN_FOR = 30 * 60


def issue_token(kind, block_id, shown_for=0.0):
    """A token for one form. ``shown_for``: seconds the page had been open when its script
    asked for the token (on the visitor's first touch of the form, or on sending), so a
    quick one-click answer to a page read for a while is not "too fast". Capped; a bot
    that claims more only reaches the rate limits and the honeypot sooner."""
    issued_at = time.time() - min(max(shown_for, 0.0), MAX_SHOWN_FOR)
    payload = {"n": secrets.token_urlsafe(16), "b": block_id, "t": issued_at}
    return signing.dumps(payload, salt=_salt(kind), compress=True)


def issue_filled_in_token(kind, block_id):
    """A token for a form that comes back with its answers (a confirmation step, a problem
    to mend): it was filled in already, so sending it again at once is not "too fast"."""
    return issue_token(kind, block_id, shown_for=settings.SUBMISSION_MIN_FILL_SECONDS)


def read_token(kind, block_id, value):
    try:
        payload = signing.loads(value or "", salt=_salt(kind), max_age=TOKEN_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise TokenProblem from error
    if not isinstance(payload, dict) or payload.get("b") != block_id or not payload.get("n"):
        raise TokenProblem
    return FormToken(nonce=str(payload["n"]), block_id=block_id, issued_at=float(payload.get("t", 0)))


def is_too_fast(token):
    return token.age < settings.SUBMISSION_MIN_FILL_SECONDS


def honeypot_filled(data):
    return bool(data.get(HONEYPOT_FIELD, "").strip())


def hashed(value):
    """A stable, non-reversible stand-in for an identifier in cache keys and logs."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:16]


def ip_limited(request, kind):
    return is_ratelimited(request, group=f"sharaka-{kind}-ip", key="ip", rate=ip_rate(), method="POST", increment=True)


def identifier_limited(request, kind, identifiers):
    """True when any of the phone numbers or emails has sent too many forms today."""
    limited = False
    for identifier in identifiers:
        if not identifier:
            continue
        key = hashed(identifier)
        if is_ratelimited(
            request,
            group=f"sharaka-{kind}-identifier",
            key=lambda _group, _request, key=key: key,
            rate=identifier_rate(),
            method="POST",
            increment=True,
        ):
            limited = True
    return limited


def log_event(event, kind, request):
    """Count abuse signals without personal data: event, form kind, hashed IP."""
    logger.info("%s form=%s client=%s", event, kind, hashed(client_address(request)))
