"""The coordinators' report of hours that count: hours, volunteers and training courses
completed, by month, role, area or opportunity, over a chosen period, with a chart and a
CSV export.

Everything comes from ``hours.entries`` (attendance marked at opportunities and approved
reported hours), so the report, the volunteer's page, certificates and the home page's
figures never disagree. Roles and areas are grouped across languages (by translation
key) and named in the staff member's language. The report names no one: its export is
still written to the audit log, as every export is.
"""

import codecs
import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from core.localized import OptionNames
from submissions.admin.exports import log_export, neutralise

from .hours import entries, site_day, site_today
from .models import Area, Opportunity, ReportedHours, VolunteerRole

PERMISSION = "volunteer_signup.view_reportedhours"
EARLIEST = date(2000, 1, 1)  # before the programme; far from the calendar's edges

GROUPINGS = (
    ("month", gettext_lazy("Month")),
    ("role", gettext_lazy("Role")),
    ("area", gettext_lazy("Area")),
    ("opportunity", gettext_lazy("Opportunity")),
)


class ReportForm(forms.Form):
    use_required_attribute = False

    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"})
    )
    end = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"})
    )
    by = forms.ChoiceField(label=gettext_lazy("By"), choices=GROUPINGS, required=False)

    def clean(self):
        cleaned = super().clean()
        today = site_today()
        cleaned["end"] = cleaned.get("end") or today
        cleaned["start"] = cleaned.get("start") or default_start(today)
        cleaned["by"] = cleaned.get("by") or "month"
        start, end = cleaned["start"], cleaned["end"]
        outside = [name for name in ("start", "end") if not EARLIEST <= cleaned[name] <= today + timedelta(days=366)]
        for name in outside:
            self.add_error(name, gettext_lazy("Choose a date between 2000 and next year."))
        if not outside and start > end:
            self.add_error("end", gettext_lazy("The end of the period comes before its start."))
        return cleaned


def default_start(today):
    """The first day of the month eleven months ago: the last twelve months, whole."""
    year, month = divmod(today.year * 12 + today.month - 1 - 11, 12)
    return date(year, month + 1, 1)


@dataclass
class Row:
    label: str
    hours: Decimal = Decimal(0)
    volunteers: set = field(default_factory=set)
    share: int = 0  # of the largest row's hours, in per cent, for the chart

    @property
    def volunteer_count(self):
        return len(self.volunteers)

    @property
    def rest(self):
        """Where a bar that grows from the right (right-to-left) starts, in per cent."""
        return 100 - self.share


def build(start, end, by):
    """(rows, totals) of the report: one row per group, in a stable order."""
    found = entries(start, end)
    label = _labeller(by, found)
    rows = {}
    for entry in found:
        key = label.key(entry)
        row = rows.setdefault(key, Row(label.name(key)))
        row.hours += entry.hours
        row.volunteers.add(entry.volunteer_id)
    ordered = [rows[key] for key in sorted(rows, key=label.order)]
    largest = max((row.hours for row in ordered), default=0)
    for row in ordered:
        row.share = round(row.hours * 100 / largest) if largest else 0
    trainings = [entry for entry in found if entry.training]
    totals = {
        "hours": sum((entry.hours for entry in found), Decimal(0)),
        "volunteers": len({entry.volunteer_id for entry in found}),
        "trainings": len(trainings),
        "trained": len({entry.volunteer_id for entry in trainings}),
    }
    return ordered, totals


class _Month:
    def key(self, entry):
        return (entry.day.year, entry.day.month)

    def name(self, key):
        return formats.date_format(date(key[0], key[1], 1), "YEAR_MONTH_FORMAT")

    def order(self, key):
        return key


class _Option:
    """Roles or areas, grouped across languages and named in the staff member's language."""

    def __init__(self, model, attribute, found):
        self.attribute = attribute
        ids = {getattr(entry, attribute) for entry in found} - {None}
        self.keys = dict(model.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        self.names = OptionNames().names(model)
        self.none = _("No role given") if model is VolunteerRole else _("No area given")

    def key(self, entry):
        return self.keys.get(getattr(entry, self.attribute))

    def name(self, key):
        return self.names.get(key, self.none) if key else self.none

    def order(self, key):
        return (key is None, self.name(key))


class _Opportunity:
    """Opportunities in the staff member's language where translated, with their date;
    reported hours make one row of their own."""

    def __init__(self, found):
        originals = Opportunity.objects.filter(pk__in={entry.opportunity_id for entry in found} - {None})
        keys = {opportunity.translation_key: opportunity for opportunity in originals}
        locale = Locale.get_active()
        titles = {
            o.translation_key: o.title for o in Opportunity.objects.filter(translation_key__in=keys, locale=locale)
        }
        self.found = {
            opportunity.pk: (opportunity.starts_at, titles.get(key, opportunity.title))
            for key, opportunity in keys.items()
        }

    def key(self, entry):
        return entry.opportunity_id

    def name(self, key):
        if key is None:
            return _("Reported hours, outside an opportunity")
        starts_at, title = self.found[key]
        return f"{title} ({formats.date_format(site_day(starts_at), 'SHORT_DATE_FORMAT')})"

    def order(self, key):
        return (key is None, self.found[key][0] if key else None)


def _labeller(by, found):
    if by == "role":
        return _Option(VolunteerRole, "role_id", found)
    if by == "area":
        return _Option(Area, "area_id", found)
    if by == "opportunity":
        return _Opportunity(found)
    return _Month()


def report_view(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = ReportForm(request.GET)  # nothing chosen: the last twelve months, by month
    valid = form.is_valid()
    period = form.cleaned_data if valid else None
    rows, totals = build(period["start"], period["end"], period["by"]) if valid else ([], None)
    if valid and request.GET.get("export") == "csv":
        return _csv(request, form, rows, totals)
    grouping = dict(GROUPINGS).get(period["by"]) if valid else ""
    if valid:  # the period shown is the one counted, defaults included
        form = ReportForm({name: str(period[name]) for name in ("start", "end", "by")})
    return TemplateResponse(
        request,
        "volunteer_signup/admin/hours_report.html",
        {
            "form": form,
            "rows": rows,
            "totals": totals,
            "period": period,
            "grouping": grouping,
            "page_title": _("Volunteer hours"),
            "header_icon": "time",
            "export_query": request.GET.urlencode(),
        },
        status=200 if valid else 400,
    )


def _csv(request, form, rows, totals):
    period = form.cleaned_data
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"volunteer-hours-{period['start']:%Y%m%d}-{period['end']:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(codecs.BOM_UTF8.decode())  # or Excel opens Arabic as "????"
    writer = csv.writer(response)
    writer.writerow([dict(GROUPINGS)[period["by"]], _("Hours"), _("Volunteers")])
    for row in rows:
        writer.writerow([neutralise(row.label), row.hours, row.volunteer_count])
    writer.writerow([_("Total"), totals["hours"], totals["volunteers"]])
    filters = {key: [str(period[key])] for key in ("start", "end", "by")}
    log_export(request, ReportedHours, "csv", len(rows), filters)
    return response
