"""The hours that count and the training courses completed: one rule for the volunteer's
page, certificates, reports and the home page's figures.

Hours count when a coordinator marked the volunteer as having come to an opportunity
(attended or late), or approved hours the volunteer reported for work done outside one.
A period is a pair of dates, both included, in the site's time zone: an opportunity
counts in the period it started in.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from .models import Attendance, OpportunityKind, SignUp, SignUpStatus

CAME = (Attendance.ATTENDED, Attendance.LATE)


def attended(start=None, end=None):
    """Sign-ups marked as come, with their opportunity, started within [start, end]."""
    rows = SignUp.objects.filter(status=SignUpStatus.BOOKED, attendance__in=CAME).select_related("opportunity")
    if start is not None:
        rows = rows.filter(opportunity__starts_at__gte=_day_start(start))
    if end is not None:
        rows = rows.filter(opportunity__starts_at__lt=_day_start(end, days=1))
    return rows


def totals(volunteer, start=None, end=None):
    """(hours that count, training courses completed) of a volunteer within [start, end]."""
    came = list(attended(start, end).filter(volunteer=volunteer).order_by("opportunity__starts_at"))
    hours = sum((signup.counted_hours for signup in came), Decimal(0))
    trainings = [signup.opportunity for signup in came if signup.opportunity.kind == OpportunityKind.TRAINING]
    return hours, trainings


def _day_start(day, days=0):
    return timezone.make_aware(datetime.combine(day + timedelta(days=days), time.min))
