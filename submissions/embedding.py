"""Forms embedded in pages as StreamField blocks, and what happens when one is sent.

A page may carry several forms (a volunteer application, one or more
surveys). Each is a block; the POST goes to the page itself with the block's
id, and ``EmbeddedFormsMixin.serve`` hands it to ``handle_post``:

1. anti-abuse first: signed form token, honeypot, replay, minimum fill
   time, rate limit per IP address;
2. validation: on error the same page in the same language, 400, the
   answers kept and an error summary on that form only;
3. rate limit per phone/email, then the save in one transaction with a note
   that its emails are to be written (deferred_emails.py: a task writes them a
   moment later, and tasks send them);
4. 303 to the page with ``?sent=<block id>``: which record the confirmation
   shows comes from a signed cookie that ends with the browser (no session, no
   database write), so nothing personal is in the URL, and refreshing or going
   back cannot create a second record.

The page itself, with its empty forms, is the same for every visitor and is
served from the cache (core/page_cache.py): the form token comes later, from
``/forms/token/`` (views.py). A form sent without one (no JavaScript) is not
saved but shown again, answers kept, with a token and a request to confirm.

``EmbeddedForm`` subclasses (``applications.py``, ``surveys.py``) supply the
form, how to save it, and which emails to queue.
"""

import functools
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

from core.lazy import lazy_value

from . import antiabuse, deferred_emails

logger = logging.getLogger("sharaka.submissions")

SENT_COOKIE = "sharaka_sent"  # "__Host-sharaka_sent" where cookies are Secure (production)
SENT_SALT = "sharaka.submissions.sent"
SENT_REMEMBERED = 8  # blocks a browser's cookie remembers sending through

MESSAGES = {
    "confirm": _("Your answers are not sent yet. Check them, then press the send button again to confirm."),
    "token": _(
        "Your form was not sent because it had expired or could not be checked. Check your answers and send it again."
    ),
    "too_fast": _("Your form was sent very quickly. Check your answers and send it again."),
    "rate_limited": _(
        "Too many forms have been sent from your connection or with these contact details. "
        "Please try again later, or call us."
    ),
    "unavailable": _(
        "We could not save your answers just now, so nothing was sent. Please try again in a few minutes."
    ),
}


@dataclass
class FormState:
    """What one embedded form shows on this response."""

    form: object = None
    token: str = ""  # empty on a page for everyone: static/js/forms.js fetches one from token_url
    token_url: str = ""
    submission: object = None
    sent: bool = False
    message: str = ""  # why the form was not sent: an error
    notice: str = ""  # what to do next, not an error (confirm a form sent without a token)
    secret: str = ""  # on a confirmation: what the handler gave this browser alone (a personal link's token)
    extra: dict = field(default_factory=dict)

    @property
    def has_errors(self):
        return bool(self.message) or bool(self.form is not None and self.form.errors)


class EmbeddedForm:
    """One kind of form residents send through a block.

    A form block names its handler (``handler_class``); pages find their form
    blocks by that, in any StreamField and whatever the stream child is called.
    """

    kind = ""
    model = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        deferred_emails.register(cls)

    def get_form(self, value, page, request, data=None, prefix=None):
        raise NotImplementedError

    def save(self, form, value, page, request, idempotency_key):
        raise NotImplementedError

    def queue_emails(self, submission, page):
        """Create OutgoingEmail rows in the current transaction; return them. Called after
        the request, by deferred_emails.py, with the page the record was sent from (a
        plain ``Page``; None if it was deleted since)."""
        return []

    def is_open(self, value):
        return True

    def confirmation_secret(self, submission):
        """Something for the sender's eyes only, made when their confirmation is first shown
        and kept in their confirmation cookie (an applicant's personal link); "" for none."""
        return ""

    def state_extra(self, value, page, request):
        return {}

    def sent_extra(self, value, page, request, submission):
        """What a confirmation shows besides the record (``submission`` is None on the
        honeypot's confirmation); the form's own extras unless a handler says otherwise."""
        return self.state_extra(value, page, request)


def form_prefix(block_id):
    return f"f{block_id.replace('-', '')[:8]}"


@functools.cache
def _stream_field_names(model):
    return [field.name for field in model._meta.get_fields() if isinstance(field, StreamField)]


def form_blocks(page):
    """The page's form blocks: top-level children of any of its StreamFields whose block
    has a form handler. The block id is the form's identity, so a form keeps working when
    its stream child or field is renamed."""
    found = []
    for name in _stream_field_names(type(page)):
        stream = getattr(page, name, None)
        if not stream:
            continue
        # Only the form blocks are made from the stored JSON: the other blocks (and the
        # lookups of their choosers) are left to rendering, which the cache may spare.
        child_blocks = stream.stream_block.child_blocks
        for index, raw in enumerate(stream.raw_data):
            block = child_blocks.get(raw.get("type"))
            if raw.get("id") and getattr(block, "form_handler", None) is not None:
                found.append(stream[index])
    return found


def handler_for(child):
    """The ``EmbeddedForm`` of a stream child, or None for other blocks."""
    return getattr(child.block, "form_handler", None)


def token_url(handler, block_id):
    return f"{reverse('form_token')}?{urlencode({'form': handler.kind, 'block': block_id})}"


def fresh_state(handler, value, page, request, block_id):
    """An empty form as every visitor gets it (the page is cached): no token in it."""
    return FormState(
        form=handler.get_form(value, page, request, prefix=form_prefix(block_id)),
        token_url=token_url(handler, block_id),
        extra=handler.state_extra(value, page, request),
    )


def sent_cookie_name():
    """As the session's: the __Host- prefix where cookies are Secure, so no subdomain can set it."""
    return f"__Host-{SENT_COOKIE}" if settings.SESSION_COOKIE_SECURE else SENT_COOKIE


def _sent_entries(request):
    """{block id: {"kind", "pk"}} of what this browser sent, from its signed cookie."""
    try:
        entries = signing.loads(
            request.COOKIES.get(sent_cookie_name(), ""), salt=SENT_SALT, max_age=settings.SESSION_COOKIE_AGE
        )
    except signing.BadSignature:
        return {}
    return entries if isinstance(entries, dict) else {}


def _sent_entry(request, handler, block_id):
    """What this browser sent through the block; None if nothing."""
    entry = _sent_entries(request).get(block_id)
    return entry if isinstance(entry, dict) and entry.get("kind") == handler.kind else None


def form_states(request, page):
    """A state for every form block of the page, for a GET."""
    states = {}
    sent_ids = set(request.GET.getlist("sent"))
    for child in form_blocks(page):
        handler = handler_for(child)
        entry = _sent_entry(request, handler, child.id) if child.id in sent_ids else None
        if entry is not None:
            # The honeypot path stores no record: the bot sees a confirmation without one.
            submission = handler.model.objects.filter(pk=entry["pk"]).first() if entry.get("pk") else None
            secret = str(entry.get("secret") or "") if submission else ""
            if submission and not secret:
                secret = handler.confirmation_secret(submission)
                if secret:  # kept in the cookie by EmbeddedFormsMixin.serve: one per confirmation
                    request.__dict__.setdefault("_sharaka_new_secrets", {})[child.id] = secret
            states[child.id] = FormState(
                sent=True,
                submission=submission,
                secret=secret,
                extra=handler.sent_extra(child.value, page, request, submission),
            )
        else:
            states[child.id] = fresh_state(handler, child.value, page, request, child.id)
    return states


def _redirect_sent(page, request, block_id, handler, submission):
    """303 to the page's confirmation, remembering in this browser which record it shows.

    The cookie is signed (it cannot be made to show another record), HttpOnly, and ends
    with the browser; it holds a record's number and its form's kind, nothing personal,
    and, once the confirmation has been shown, what the handler gives only the sender
    (``confirmation_secret``: the token of an applicant's personal link), kept when the
    same form comes back (a double click).
    """
    sent = _sent_entries(request)
    previous = sent.pop(block_id, None) or {}
    entry = {"kind": handler.kind, "pk": submission.pk if submission else None}
    if submission and previous.get("pk") == submission.pk and previous.get("secret"):
        entry["secret"] = previous["secret"]
    sent[block_id] = entry
    # No #fragment: browsers skip autofocus when the URL has one, and the
    # confirmation must take focus (and so scroll into view).
    response = HttpResponseRedirect(f"{page.get_url(request)}?sent={block_id}", status=303)
    _set_sent_cookie(response, sent)
    return response


def _set_sent_cookie(response, sent):
    sent = dict(list(sent.items())[-SENT_REMEMBERED:])
    response.set_cookie(
        sent_cookie_name(),
        signing.dumps(sent, salt=SENT_SALT, compress=True),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _keep_new_secrets(request, response):
    """Remember in the confirmation cookie the secrets made for this confirmation, so a
    refresh shows the same personal link instead of making another."""
    new = getattr(request, "_sharaka_new_secrets", None)
    if not new:
        return
    sent = _sent_entries(request)
    for block_id, secret in new.items():
        if block_id in sent:
            sent[block_id]["secret"] = secret
    _set_sent_cookie(response, sent)


def render_page(request, page, block_id=None, state=None, status=200):
    context = page.get_context(request)
    if block_id is not None:
        context["form_states"][block_id] = state
        context["form_error"] = state.has_errors
        context["form_notice"] = bool(state.notice) and not state.has_errors
        context["form_error_state"] = state
        context["form_error_block"] = block_id
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    add_never_cache_headers(response)
    return response


def _bound_state(handler, value, page, request, block_id, token, message=""):
    form = handler.get_form(value, page, request, data=request.POST, prefix=form_prefix(block_id))
    if message:
        form.is_valid()  # keep what was typed, show the field errors too
    return FormState(
        form=form,
        token=token,
        token_url=token_url(handler, block_id),
        message=message,
        extra=handler.state_extra(value, page, request),
    )


def handle_post(request, page):
    """Process the POST of one embedded form (see the module docstring)."""
    block_id = request.POST.get("form_block", "")
    child = next((c for c in form_blocks(page) if c.id == block_id), None)
    if child is None:
        return render_page(request, page, status=400)
    handler = handler_for(child)
    kind, value = handler.kind, child.value

    def again(message_key, status, token_value, retry_after=None):
        antiabuse.log_event(message_key, kind, request)
        state = _bound_state(handler, value, page, request, block_id, token_value, MESSAGES[message_key])
        response = render_page(request, page, block_id, state, status=status)
        if retry_after:
            response["Retry-After"] = str(retry_after)
        return response

    if not handler.is_open(value):
        return render_page(request, page, status=400)
    if not request.POST.get(antiabuse.TOKEN_FIELD):
        # Sent before the page's script fetched a token (no JavaScript, or offline):
        # nothing is saved yet; the answers come back with a token, to send again.
        antiabuse.log_event("confirm", kind, request)
        state = _bound_state(handler, value, page, request, block_id, antiabuse.issue_filled_in_token(kind, block_id))
        state.notice = MESSAGES["confirm"]
        return render_page(request, page, block_id, state, status=200)
    try:
        token = antiabuse.read_token(kind, block_id, request.POST.get(antiabuse.TOKEN_FIELD))
    except antiabuse.TokenProblem:
        return again("token", 400, antiabuse.issue_filled_in_token(kind, block_id))
    token_value = request.POST[antiabuse.TOKEN_FIELD]

    if antiabuse.honeypot_filled(request.POST):
        # Looks like success to the bot; nothing is stored or sent.
        antiabuse.log_event("honeypot", kind, request)
        return _redirect_sent(page, request, block_id, handler, None)

    existing = handler.model.objects.filter(idempotency_key=token.nonce).first()
    if existing is not None:
        return _redirect_sent(page, request, block_id, handler, existing)

    if antiabuse.is_too_fast(token):
        return again("too_fast", 400, token_value)
    if antiabuse.ip_limited(request, kind):
        return again("rate_limited", 429, token_value, retry_after=antiabuse.ip_window())

    form = handler.get_form(value, page, request, data=request.POST, prefix=form_prefix(block_id))
    if not form.is_valid():
        state = FormState(
            form=form,
            token=token_value,
            token_url=token_url(handler, block_id),
            extra=handler.state_extra(value, page, request),
        )
        return render_page(request, page, block_id, state, status=400)
    if antiabuse.identifier_limited(request, kind, form.identifiers()):
        return again("rate_limited", 429, token_value, retry_after=antiabuse.identifier_window())

    try:
        with transaction.atomic():
            submission = handler.save(form, value, page, request, token.nonce)
            deferred_emails.later(handler.kind, submission)
    except IntegrityError:
        # The same form sent twice at once: the other request saved it.
        existing = handler.model.objects.filter(idempotency_key=token.nonce).first()
        if existing is None:
            logger.exception("integrity error saving a %s submission", kind)
            return again("unavailable", 503, token_value)
        submission = existing
    except DatabaseError:
        logger.exception("database error saving a %s submission", kind)
        return again("unavailable", 503, token_value)

    return _redirect_sent(page, request, block_id, handler, submission)


class EmbeddedFormsMixin:
    """For page types whose body may contain form blocks."""

    def serve(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        if request.method == "POST":
            return handle_post(request, self)
        response = super().serve(request, *args, **kwargs)
        if any(request.GET.getlist("sent")):
            # One visitor's confirmation, read from their cookie: never kept by anyone.
            add_never_cache_headers(response)
            patch_vary_headers(response, ("Cookie",))
            _keep_new_secrets(request, response)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Made on first use: a page whose content comes from the kept parts
        # (core/fragment_cache.py) never builds its empty forms.
        context["form_states"] = lazy_value(lambda: form_states(request, self))
        # A confirmation is one visitor's: search engines must not index it.
        context["form_sent"] = any(request.GET.getlist("sent")) and any(
            state.sent for state in context["form_states"].values()
        )
        return context
