"""The programme's impact as the home page shows it, counted from the records: hours that
count, volunteers with hours, training courses completed and volunteers trained, over a
period an editor chooses.

A figure is never computed from fewer than ``IMPACT_MINIMUM_PEOPLE`` volunteers: with
three volunteers in a month, "12 hours" tells a neighbour what one of them did. Below
that, only the editor's baseline (the history before the site) is shown, or nothing.
A page shows each count over one period only (``check_one_period_per_measure``): the
difference of two periods could be one person's. Hours go in whole tens.

The counts are a handful of aggregate queries whatever the programme's size, kept in
the cache for ``IMPACT_CACHE_SECONDS``; with the page cache in front, a figure is at
most the sum of the two behind the records.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from .hours import approved, attended, site_today
from .models import OpportunityKind
from .models.opportunity import opportunity_length

MEASURES = (
    ("hours", _("Volunteer hours that count")),
    ("volunteers", _("Volunteers with hours")),
    ("trainings", _("Training courses completed")),
    ("trained", _("Volunteers who completed a training course")),
)

PERIODS = (
    ("all", _("Everything recorded on the site")),
    ("year", _("This calendar year")),
    ("12", _("The last 12 months")),
    ("6", _("The last 6 months")),
)


@dataclass(frozen=True)
class Counts:
    hours: Decimal
    volunteers: int
    trainings: int
    trained: int

    def people_behind(self, measure):
        """How many volunteers a measure is computed from."""
        return self.trained if measure in ("trainings", "trained") else self.volunteers


def period_start(period, today=None):
    today = today or site_today()
    if period == "year":
        return date(today.year, 1, 1)
    if period in ("12", "6"):
        year, month = divmod(today.year * 12 + today.month - 1 - int(period), 12)
        return date(year, month + 1, min(today.day, 28))
    return None


def counts(period):
    """The four counts for a period ending today, from the cache when it has them."""
    today = site_today()
    key = f"impact:{period}:{today.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = _count(period_start(period, today), today)
        cache.set(key, found, settings.IMPACT_CACHE_SECONDS)
    return found


def _count(start, end):
    came = attended(start, end).order_by()
    reports = approved(start, end).order_by()
    hours = came.filter(hours__isnull=False).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    # Hours not given are the opportunity's length, to the quarter hour: counted per opportunity.
    by_length = came.filter(hours__isnull=True).values("opportunity__starts_at", "opportunity__ends_at")
    for row in by_length.annotate(people=Count("id")):
        length = opportunity_length(_Times(row["opportunity__starts_at"], row["opportunity__ends_at"]))
        hours += length * row["people"]
    hours += reports.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    people = set(came.values_list("volunteer_id", flat=True).distinct())
    people |= set(reports.values_list("volunteer_id", flat=True).distinct())
    courses = came.filter(opportunity__kind=OpportunityKind.TRAINING).aggregate(
        done=Count("id"), people=Count("volunteer_id", distinct=True)
    )
    return Counts(hours=hours, volunteers=len(people), trainings=courses["done"], trained=courses["people"])


@dataclass(frozen=True)
class _Times:
    starts_at: object
    ends_at: object


def figure(measure, period, baseline=0):
    """The number to show: the baseline plus the count when enough people are behind it;
    None when there is nothing to show. Hours are counted in whole tens, so the figure
    does not move with one volunteer's afternoon."""
    found = counts(period)
    live = 0
    if found.people_behind(measure) >= settings.IMPACT_MINIMUM_PEOPLE:
        live = int(getattr(found, measure))
        if measure == "hours":
            live -= live % 10
    total = (baseline or 0) + live
    return total or None


def check_one_period_per_measure(values):
    """The measures shown over more than one period among ``values`` (the figures of a
    page), for the page's validation."""
    periods = {}
    for value in values:
        periods.setdefault(value["measure"], set()).add(value["period"])
    return [measure for measure, chosen in periods.items() if len(chosen) > 1]
