"""What an applicant can see and do on their own page: the timeline of their application,
what happens next and by when, withdrawing (and taking it back for a while).

The page is opened by a personal link (``models/volunteer.py``); ``views.py`` serves it.
Everything an applicant does is logged against the application with ``by: applicant``,
so coordinators see it in the record's history, and changes its status through the same
``move_to`` as theirs, which emails the applicant a notice (``signals.py``).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from submissions.models import TransitionError, status_changed

from . import hours
from .models import ApplicantLink, ApplicationStatus, VolunteerApplication

S = ApplicationStatus
BY_APPLICANT = {"by": "applicant"}
COOKIE = "sharaka_applicant"  # "__Host-sharaka_applicant" where cookies are Secure
COOKIE_SALT = "sharaka.volunteer_signup.applicant"
DETAILS_ACTION = "sharaka.applicant.details"

NEXT_STEPS = {
    S.NEW: _("A volunteer coordinator will start reading your application by %(date)s."),
    S.IN_REVIEW: _("A coordinator is reading your application. We will tell you our decision by %(date)s."),
    S.ACCEPTED: _(
        "Welcome to the volunteers. A coordinator will call you to arrange the foundation course "
        "before your first task."
    ),
    S.WAITLISTED: _(
        "There is no place for you just now in the roles or area you chose. We keep your application "
        "and will call you when a place opens."
    ),
    S.DECLINED: _(
        "We cannot offer you a place this time. You are welcome to apply again, for example for another role."
    ),
    S.WITHDRAWN: _("You withdrew this application. You are welcome to apply again at any time."),
}
ACTIVE = _("Sign up below for the opportunities that suit you, and record here the hours you do outside them.")
LATE = _("This is taking longer than we said, and we are sorry. You can call us to ask where your application is.")


def cookie_name():
    return f"__Host-{COOKIE}" if settings.SESSION_COOKIE_SECURE else COOKIE


def open_link(response, link):
    """Remember in this browser (a signed, HttpOnly cookie that ends with the browser) which
    link it opened."""
    link.last_opened_at = timezone.now()
    link.save(update_fields=["last_opened_at"])
    # Ends with the browser (no max_age): on a shared computer the next person does not find
    # the page open. The link itself works again until it expires.
    response.set_signed_cookie(
        cookie_name(),
        str(link.pk),
        salt=COOKIE_SALT,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def close_link(response):
    response.delete_cookie(cookie_name(), samesite="Lax")


def current_link(request):
    """The active link this browser opened, with its application; None when there is none,
    or it has expired or been revoked since (or its application is gone)."""
    try:
        link_id = request.get_signed_cookie(cookie_name(), salt=COOKIE_SALT)
    except (KeyError, signing.BadSignature):
        return None
    if not link_id.isdigit():
        return None
    link = ApplicantLink.objects.active().select_related("application__locale").filter(pk=link_id).first()
    if link is None or link.application.anonymised_at is not None:
        return None
    return link


@dataclass
class Event:
    when: datetime
    text: str
    current: bool = False


def timeline(application):
    """What has happened to the application, oldest first: received, each status it
    entered, the applicant's own changes. Staff reasons and notes are not shown."""
    labels = dict(ApplicationStatus.choices)
    events = [Event(application.submitted_at, _("We received your application."))]
    entries = ModelLogEntry.objects.for_instance(application).filter(
        action__in=("sharaka.submission.status", DETAILS_ACTION)
    )
    for entry in entries.order_by("timestamp", "pk"):
        data = entry.data or {}
        if entry.action == DETAILS_ACTION:
            events.append(Event(entry.timestamp, _("You updated your contact details or availability.")))
        elif data.get("by") == "applicant" and data.get("new") == S.WITHDRAWN:
            events.append(Event(entry.timestamp, _("You withdrew your application.")))
        elif data.get("by") == "applicant":
            events.append(Event(entry.timestamp, _("You took back your withdrawal.")))
        else:
            events.append(Event(entry.timestamp, _("Status: %(status)s") % {"status": labels.get(data.get("new"), "")}))
    events[-1].current = True
    return events


def next_step(application):
    """(what happens next, whether we are late) in the active language."""
    due = application.due_by
    if due is not None and due < timezone.now():
        return LATE, True
    text = NEXT_STEPS[application.status]
    if application.status == S.ACCEPTED and application.volunteer_id and hours.totals(application.volunteer)[0]:
        text = ACTIVE  # past the foundation course: they have hours already
    return (text % {"date": _date(due)} if due else text), False


def _date(moment):
    return date_format(timezone.localtime(moment), "j F Y")


def can_withdraw(application):
    return application.status_flow.can_move(application.status, S.WITHDRAWN)


def withdraw(application, reason):
    application.move_to(S.WITHDRAWN, user=None, reason=reason, details=BY_APPLICANT)


def _withdrawal_entry(application):
    """The log entry of the application's last status change, if it was the applicant withdrawing."""
    entry = (
        ModelLogEntry.objects.for_instance(application)
        .filter(action="sharaka.submission.status")
        .order_by("-timestamp", "-pk")
        .first()
    )
    data = (entry.data or {}) if entry else {}
    if data.get("by") == "applicant" and data.get("new") == S.WITHDRAWN and data.get("old"):
        return entry
    return None


def undo_deadline(application):
    """Until when the applicant may take back their withdrawal, or None if they may not."""
    if application.status != S.WITHDRAWN or _withdrawal_entry(application) is None:
        return None
    deadline = application.status_changed_at + timedelta(days=settings.APPLICANT_UNDO_WITHDRAWAL_DAYS)
    return deadline if deadline > timezone.now() else None


def undo_withdrawal(application):
    """Put the application back in the status it was withdrawn from.

    Not a move of the status flow (nothing leaves "withdrawn" there): only the applicant
    can do it, only within ``APPLICANT_UNDO_WITHDRAWAL_DAYS``, and it is logged as theirs.
    """
    with transaction.atomic():
        locked = VolunteerApplication.objects.select_for_update().get(pk=application.pk)
        entry = _withdrawal_entry(locked)
        if undo_deadline(locked) is None or entry is None:
            raise TransitionError(_("This withdrawal can no longer be taken back."), code="not_allowed")
        application.status = entry.data["old"]
        application.status_changed_at = timezone.now()
        application.save(update_fields=["status", "status_changed_at"])
        log(
            application,
            "sharaka.submission.status",
            user=None,
            data={"old": S.WITHDRAWN, "new": application.status, "reason": "", **BY_APPLICANT},
        )
        status_changed.send(
            VolunteerApplication, submission=application, old=S.WITHDRAWN, new=application.status, user=None
        )


def log_details_changed(application):
    log(application, DETAILS_ACTION, user=None, data=BY_APPLICANT)
