"""The hours that count and the training courses completed: one rule for the volunteer's
page, certificates, reports and the home page's figures.

Hours count when a coordinator marked the volunteer as having come to an opportunity
(attended or late), or approved hours the volunteer reported for work done outside one
(``ReportedHours``). A period is a pair of dates, both included, in the site's time
zone (``TIME_ZONE``, whatever a staff member's own preference): an opportunity counts on
the day it started there, a report on the day of the work.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from submissions.notifications import queue_notice
from submissions.tasks import enqueue

from . import signups
from .models import Attendance, OpportunityKind, ReportedHours, ReportStatus, SignUp, SignUpStatus

CAME = (Attendance.ATTENDED, Attendance.LATE)

#: How long after the work a volunteer may still report it: long enough for a busy month,
#: short enough for a coordinator to check it with whoever was there.
REPORT_WITHIN_DAYS = 90


def attended(start=None, end=None):
    """Sign-ups marked as come, with their opportunity, started within [start, end]."""
    rows = SignUp.objects.filter(status=SignUpStatus.BOOKED, attendance__in=CAME).select_related("opportunity")
    if start is not None:
        rows = rows.filter(opportunity__starts_at__gte=_day_start(start))
    if end is not None:
        rows = rows.filter(opportunity__starts_at__lt=_day_start(end, days=1))
    return rows


def approved(start=None, end=None):
    """Approved reported hours for work done within [start, end]."""
    rows = ReportedHours.objects.filter(status=ReportStatus.APPROVED)
    if start is not None:
        rows = rows.filter(worked_on__gte=start)
    if end is not None:
        rows = rows.filter(worked_on__lte=end)
    return rows


def totals(volunteer, start=None, end=None):
    """(hours that count, training courses completed) of a volunteer within [start, end]."""
    came = list(attended(start, end).filter(volunteer=volunteer).order_by("opportunity__starts_at"))
    hours = sum((signup.counted_hours for signup in came), Decimal(0))
    hours += sum(approved(start, end).filter(volunteer=volunteer).values_list("hours", flat=True), Decimal(0))
    trainings = [signup.opportunity for signup in came if signup.opportunity.kind == OpportunityKind.TRAINING]
    return hours, trainings


def recorded_on(volunteer, day):
    """Hours already recorded for a volunteer's day: those that count (attendance, approved
    reports) and reports still waiting for a coordinator."""
    waiting = ReportedHours.objects.filter(volunteer=volunteer, worked_on=day, status=ReportStatus.PENDING)
    return totals(volunteer, day, day)[0] + sum(waiting.values_list("hours", flat=True), Decimal(0))


@dataclass(frozen=True)
class Entry:
    """Hours that count, as reports group them: who, when, as what, where, at which
    opportunity (None for reported work), and whether it completed a training course."""

    volunteer_id: int
    day: date
    hours: Decimal
    role_id: int | None
    area_id: int | None
    opportunity_id: int | None
    training: bool


def entries(start=None, end=None):
    """Every entry of hours that count within [start, end], from two queries."""
    found = [
        Entry(
            signup.volunteer_id,
            site_day(signup.opportunity.starts_at),
            signup.counted_hours,
            signup.opportunity.role_id,
            signup.opportunity.area_id,
            signup.opportunity_id,
            signup.opportunity.kind == OpportunityKind.TRAINING,
        )
        for signup in attended(start, end)
    ]
    for row in approved(start, end).values("volunteer_id", "worked_on", "hours", "role_id", "area_id"):
        found.append(
            Entry(row["volunteer_id"], row["worked_on"], row["hours"], row["role_id"], row["area_id"], None, False)
        )
    return found


def report(volunteer, *, worked_on, hours, description, role=None, area=None):
    """A volunteer's report of work done outside an opportunity, waiting for a coordinator."""
    return ReportedHours.objects.create(
        volunteer=volunteer, worked_on=worked_on, hours=hours, description=description, role=role, area=area
    )


def decide(report, *, approve, user, reason=""):
    """Approve or decline a waiting report (a declined one says why), log it and tell the
    volunteer. Returns False, changing nothing, when it was decided meanwhile."""
    with transaction.atomic():
        changed = ReportedHours.objects.filter(pk=report.pk, status=ReportStatus.PENDING).update(
            status=ReportStatus.APPROVED if approve else ReportStatus.DECLINED,
            reason="" if approve else reason,
            decided_at=timezone.now(),
            decided_by=user,
        )
        if not changed:
            return False
        report.refresh_from_db()
        log(report, "sharaka.hours.approved" if approve else "sharaka.hours.declined", user=user)
        application = signups.accepted_application(report.volunteer)
        if application is not None and application.email and not application.anonymised_at:
            email = queue_notice(
                application,
                to=application.email,
                template="volunteer_signup/emails/hours_decided",
                extra={"report": report},
            )
            transaction.on_commit(lambda: enqueue([email.pk]))
    return True


def site_day(moment):
    """The date of ``moment`` in the site's time zone."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def site_today():
    return timezone.localdate(timezone=timezone.get_default_timezone())


def _day_start(day, days=0):
    start = datetime.combine(day + timedelta(days=days), time.min)
    return timezone.make_aware(start, timezone.get_default_timezone())
