"""The history coordinators read: actions, with viewings folded.

Opening a record logs a "viewed" entry (accountability for personal data), so
a busy record's history would be mostly viewings. Where staff read the
history (the inspect page and the history view) viewings are folded into one
line per person and day, the latest of them, saying how many there were.
The full log of viewings stays: the history view's "Show every view" filter
(``?every_view=true``) lists each one, and Wagtail's site history report
lists them all, filterable by the "View personal data" action.
"""

import django_filters
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.history import HistoryFilterSet, HistoryView
from wagtail.models import ModelLogEntry

VIEW_ACTION = "sharaka.submission.view"


def fold_views(queryset):
    """Every entry but viewings, and of the viewings the latest per person and
    local day, annotated with ``view_count``: how many viewings it stands for."""
    day = TruncDate("timestamp", tzinfo=timezone.get_current_timezone())
    same_day = ModelLogEntry.objects.annotate(day=day).filter(
        content_type_id=OuterRef("content_type_id"),
        object_id=OuterRef("object_id"),
        user_id=OuterRef("user_id"),
        action=VIEW_ACTION,
        day=OuterRef("day"),
    )
    latest = same_day.order_by("-timestamp", "-pk").values("pk")[:1]
    count = same_day.order_by().values("action").annotate(n=Count("pk")).values("n")
    return (
        queryset.annotate(day=day)
        .annotate(latest_view=Subquery(latest), view_count=Subquery(count))
        .filter(~Q(action=VIEW_ACTION) | Q(user__isnull=True) | Q(pk=F("latest_view")))
    )


class SubmissionHistoryFilterSet(HistoryFilterSet):
    every_view = django_filters.BooleanFilter(label=_("Show every view"), method="keep")

    def keep(self, queryset, name, value):
        return queryset  # applied by the view, which folds when it is not set


class SubmissionHistoryView(HistoryView):
    # Whoever may open a record sees its history there; the same here.
    any_permission_required = ["view", "change"]
    filterset_class = SubmissionHistoryFilterSet

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.filters and self.filters.is_valid() and self.filters.form.cleaned_data.get("every_view"):
            return queryset
        return fold_views(queryset)
