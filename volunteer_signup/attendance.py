"""Marking attendance for an opportunity: one screen for every volunteer with a place,
made for a coordinator's phone at the event (one fieldset per person, large targets).
What the marks add up to is ``hours.py``'s.

Only coordinators (the opportunity's change permission) mark attendance; each save is
logged against the opportunity with how many were marked, never who.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.log_actions import log

from . import signups
from .applicant_forms import QuarterHoursField
from .models import Attendance, Opportunity, SignUpStatus


class AttendanceForm(forms.Form):
    use_required_attribute = False

    attendance = forms.ChoiceField(label=_("Attendance"), choices=Attendance.choices, widget=forms.RadioSelect)
    hours = QuarterHoursField(
        label=_("Hours, if different"),
        required=False,
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal", "dir": "ltr"}),
    )


def attendance_view(request, pk):
    """GET: the list to mark; POST: save every row that was marked (a row left blank stays
    as it was, so a coordinator can mark arrivals as they come)."""
    if not request.user.has_perm("volunteer_signup.change_opportunity"):
        raise PermissionDenied
    opportunity = get_object_or_404(Opportunity, pk=pk).original
    booked = list(
        opportunity.signups.filter(status=SignUpStatus.BOOKED).select_related("volunteer").order_by("created_at")
    )
    applications = signups.accepted_applications(signup.volunteer_id for signup in booked)
    rows = []
    for signup in booked:
        initial = {"attendance": signup.attendance, "hours": signup.hours}
        data = request.POST if request.method == "POST" else None
        form = AttendanceForm(data, prefix=f"s{signup.pk}", initial=initial)
        rows.append((signup, applications.get(signup.volunteer_id), form))
    opens = timezone.localtime(opportunity.starts_at).date()
    too_early = timezone.localdate() < opens
    if request.method == "POST" and too_early:
        messages.error(request, _("Attendance can be marked from the day of the opportunity."))
        return redirect("volunteer_signup_attendance", pk=opportunity.pk)
    if request.method == "POST":
        marked = [(signup, form) for signup, _application, form in rows if form.data.get(f"s{signup.pk}-attendance")]
        if all(form.is_valid() for _signup, form in marked):
            with transaction.atomic():
                for signup, form in marked:
                    signup.attendance = form.cleaned_data["attendance"]
                    signup.hours = form.cleaned_data["hours"]
                    signup.attendance_marked_at = timezone.now()
                    signup.attendance_marked_by = request.user
                    signup.save(update_fields=["attendance", "hours", "attendance_marked_at", "attendance_marked_by"])
                log(opportunity, "sharaka.attendance", user=request.user, data={"marked": len(marked)})
            messages.success(request, _("Attendance saved."))
            return redirect("volunteer_signup_attendance", pk=opportunity.pk)
        messages.error(request, _("Some rows could not be saved: the messages are beside them."))
    return TemplateResponse(
        request,
        "volunteer_signup/admin/attendance.html",
        {
            "opportunity": opportunity,
            "rows": rows,
            "too_early": too_early,
            "page_title": _("Attendance"),
            "page_subtitle": str(opportunity),
            "header_icon": "tasks",
        },
        status=400 if request.method == "POST" else 200,
    )
