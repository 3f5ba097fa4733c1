"""What readers' votes add up to: per page, the share who found it helpful, how many
answered, and how that moves week by week. Counts only; votes name no one."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from .models import HelpfulVote


@dataclass
class Share:
    votes: int
    helpful: int

    @property
    def percent(self):
        """The share of "yes", in whole per cent; None without votes."""
        return round(self.helpful * 100 / self.votes) if self.votes else None


def _counted(votes):
    found = votes.aggregate(votes=Count("pk"), helpful=Count("pk", filter=Q(helpful=True)))
    return Share(found["votes"], found["helpful"])


def for_page(page, days=90, now=None):
    """(the last ``days``, the ``days`` before) for one page in its language."""
    now = now or timezone.now()
    votes = HelpfulVote.objects.filter(page_id=page.pk)
    recent = _counted(votes.filter(created_at__gt=now - timedelta(days=days)))
    before = _counted(
        votes.filter(created_at__gt=now - timedelta(days=2 * days), created_at__lte=now - timedelta(days=days))
    )
    return recent, before


def by_page(days=90, now=None):
    """{page id: Share} of every page with votes in the last ``days``, one query."""
    now = now or timezone.now()
    rows = (
        HelpfulVote.objects.filter(created_at__gt=now - timedelta(days=days))
        .values("page_id")
        .annotate(votes=Count("pk"), helpful=Count("pk", filter=Q(helpful=True)))
    )
    return {row["page_id"]: Share(row["votes"], row["helpful"]) for row in rows}


def weekly(page, weeks=12, now=None):
    """[(first day of the week, Share)] for the last ``weeks`` weeks, oldest first, weeks
    without votes included (so the trend reads as time passing)."""
    now = now or timezone.now()
    today = timezone.localdate(now, timezone.get_default_timezone())
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=weeks - 1)
    rows = (
        HelpfulVote.objects.filter(page_id=page.pk, created_at__date__gte=first)
        .annotate(week=TruncWeek("created_at", tzinfo=timezone.get_default_timezone()))
        .values("week")
        .annotate(votes=Count("pk"), helpful=Count("pk", filter=Q(helpful=True)))
    )
    found = {row["week"].date() if hasattr(row["week"], "date") else row["week"]: row for row in rows}
    result = []
    for index in range(weeks):
        week = first + timedelta(weeks=index)
        row = found.get(week)
        result.append((week, Share(row["votes"], row["helpful"]) if row else Share(0, 0)))
    return result
