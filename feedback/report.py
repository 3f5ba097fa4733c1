"""Staff's view of readers' votes: every page with answers (share of "yes", how many,
against the period before), and one page week by week with a link to its comments.
Feedback officers read it (the comments' view permission), as they own the comments."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import stats

PERMISSION = "feedback.view_pagecomment"


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def pages_view(request):
    _check(request)
    now = timezone.now()
    recent, before = stats.by_page(90, now), stats.by_page(180, now)
    pages = {page.pk: page for page in Page.objects.filter(pk__in=recent).select_related("locale")}
    rows = []
    for pk, share in recent.items():
        if pk not in pages:
            continue
        earlier = stats.Share(before[pk].votes - share.votes, before[pk].helpful - share.helpful)
        rows.append({"page": pages[pk], "share": share, "before": earlier})
    rows.sort(key=lambda row: (row["share"].percent, -row["share"].votes))  # the least helpful first
    return TemplateResponse(
        request,
        "feedback/admin/helpfulness.html",
        {"rows": rows, "page_title": _("Page helpfulness"), "header_icon": "help"},
    )


def page_view(request, pk):
    _check(request)
    page = get_object_or_404(Page.objects.select_related("locale"), pk=pk)
    weeks = stats.weekly(page)
    most = max((share.votes for _week, share in weeks), default=0)
    return TemplateResponse(
        request,
        "feedback/admin/helpfulness_page.html",
        {
            "page": page,
            "weeks": [(week, share, *_bar(share.votes, most)) for week, share in weeks],
            "recent": stats.for_page(page)[0],
            "page_title": _("Page helpfulness"),
            "page_subtitle": page.title,
            "header_icon": "help",
        },
    )


def _bar(votes, most):
    """A bar's length in per cent of the busiest week's, and where it starts when it grows
    from the right (right to left)."""
    width = round(votes * 100 / most) if most else 0
    return width, 100 - width
