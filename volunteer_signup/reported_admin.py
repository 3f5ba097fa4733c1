"""The coordinators' queue of hours volunteers reported: each is approved, or declined
with a reason the volunteer reads on their page.

A report is decided, never added, edited or deleted in the admin: a coordinator who
disagrees with the figure declines it saying why, and the volunteer reports again. The
permission policy says so for every admin view; deciding needs the model's "change"
permission, which only volunteer coordinators hold (``home/migrations/0006``).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from core.admin_display import ReadableInspectMixin
from core.localized import localized_name
from core.snippet_viewsets import WithoutChooser
from core.text import clean_free_text

from . import hours, signups
from .models import ReportedHours, ReportStatus


class DecidedNotEdited(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


def may_decide(user):
    return user.is_active and user.has_perm("volunteer_signup.change_reportedhours")


class DecisionForm(forms.Form):
    use_required_attribute = False

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=(("approve", _("Approve: the hours count")), ("decline", _("Decline"))),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or decline.")},
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("The volunteer reads it on their page: say what would make the hours count."),
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["reason"] = clean_free_text(cleaned.get("reason", ""))
        if cleaned.get("decision") == "decline" and not cleaned["reason"]:
            self.add_error("reason", _("Say why the hours are declined: the volunteer reads it."))
        return cleaned


class ReportIndexView(IndexView):
    """Without the snippets' bulk actions: a report is decided one by one, never deleted."""

    @cached_property
    def columns(self):
        return generic.IndexView.columns.func(self)


class ReportInspectView(ReadableInspectMixin, InspectView):
    """The report, who sent it (for staff who may see applications) and the decision."""

    template_name = "volunteer_signup/admin/reported_hours_inspect.html"
    http_method_names = ["get", "head", "post"]
    form = None

    def post(self, request, *args, **kwargs):
        if not may_decide(request.user):
            raise PermissionDenied
        self.form = DecisionForm(request.POST)
        if not self.form.is_valid():
            return self.render_to_response(self.get_context_data(), status=400)
        approve = self.form.cleaned_data["decision"] == "approve"
        if hours.decide(self.object, approve=approve, user=request.user, reason=self.form.cleaned_data["reason"]):
            messages.success(request, _("Approved: the hours count.") if approve else _("Declined."))
        else:
            messages.error(request, _("Someone decided this report meanwhile; it stays as they left it."))
        return redirect(self.index_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        may_see_people = self.request.user.has_perm("volunteer_signup.view_volunteerapplication")
        context.update(
            {
                "report": report,
                "application": signups.accepted_application(report.volunteer) if may_see_people else None,
                "counted": hours.totals(report.volunteer)[0],
                "that_day": hours.recorded_on(report.volunteer, report.worked_on),
                "role": localized_name(report.role),
                "area": localized_name(report.area),
                "decision_form": (self.form or DecisionForm())
                if report.status == ReportStatus.PENDING and may_decide(self.request.user)
                else None,
            }
        )
        return context

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        shown = ["worked_on", "hours", "description", "status", "reason", "reported_at", "decided_at"]
        self.fields = [name for name in shown if getattr(self.object, name) not in (None, "")]


class ReportedHoursViewSet(WithoutChooser, SnippetViewSet):
    model = ReportedHours
    icon = "time"
    menu_label = _("Reported hours")
    inspect_view_enabled = True
    inspect_view_class = ReportInspectView
    index_view_class = ReportIndexView
    list_filter = ["status"]
    ordering = ["-reported_at"]
    list_select_related = ["volunteer"]

    @property
    def list_display(self):
        return [
            TitleColumn(
                "volunteer",
                label=_("Volunteer number"),
                accessor="volunteer.reference",
                url_name=self.get_url_name("inspect"),
            ),
            Column(
                "worked_on",
                label=_("Day of the work"),
                sort_key="worked_on",
                accessor=lambda report: formats.date_format(report.worked_on, "DATE_FORMAT"),
            ),
            Column("hours", label=_("Hours"), sort_key="hours"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            DateColumn("reported_at", label=_("Reported"), sort_key="reported_at"),
        ]
