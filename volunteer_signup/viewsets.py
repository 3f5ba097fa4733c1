"""The volunteer applications queue (ending an applicant's links too) and the options snippets (roles, areas)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet, SnippetViewSetGroup

from core.admin_display import ReadableInspectMixin
from core.snippet_viewsets import WithoutChooser
from submissions.admin.columns import IsolatedColumn, NamesColumn, ReceivedColumn, ReferenceColumn, StatusColumn
from submissions.admin.views import SubmissionActionView, user_column
from submissions.admin.viewsets import SubmissionViewSet

from . import signups
from .filters import ApplicationFilterSet
from .models import Area, Opportunity, SignUpStatus, VolunteerApplication, VolunteerRole
from .reported_admin import ReportedHoursViewSet


class ApplicationViewSet(SubmissionViewSet):
    model = VolunteerApplication
    name = "volunteer_application"
    icon = "group"
    menu_label = _("Volunteer applications")
    filterset_class = ApplicationFilterSet
    find_fields = ("reference", "full_name", "phone", "email")
    list_select_related = ("assignee__wagtail_userprofile", "locale", "area", "repeat_of")
    list_prefetch_related = ("roles",)
    export_filename = "volunteer-applications"
    # The answers (VolunteerApplication.ANSWER_FIELDS) come between these columns.
    export_fields_after = ["assignee", "repeat_of__reference", "consented_at"]
    export_headings = {
        "get_status_display": _("Status"),
        "repeat_of__reference": _("Earlier application"),
    }

    def get_inspect_view_kwargs(self, **kwargs):
        kwargs = super().get_inspect_view_kwargs(**kwargs)
        kwargs["action_url_names"] = {**kwargs["action_url_names"], "revoke_links": self.get_url_name("revoke_links")}
        return kwargs

    def get_urlpatterns(self):
        revoke = RevokeLinksView.as_view(model=self.model, inspect_url_name=self.get_url_name("inspect"))
        return [*super().get_urlpatterns(), path("links/revoke/<int:pk>/", revoke, name="revoke_links")]

    @property
    def list_display(self):
        return [
            ReferenceColumn(self.get_url_name("inspect")),
            IsolatedColumn("full_name", label=_("Name"), sort_key="full_name"),
            StatusColumn(),
            NamesColumn("roles", label=_("Roles"), accessor="role_names"),
            Column("area", label=_("Area"), accessor="area_display"),
            Column("locale", label=_("Language"), accessor="locale.get_display_name"),
            user_column("assignee", _("Assigned to")),
            ReceivedColumn(),
        ]


class RevokeLinksView(SubmissionActionView):
    """A coordinator ends every personal link to an application (a link that reached the
    wrong person); the applicant can ask for a new one at the application's own address."""

    def act(self, request, obj):
        ended = obj.links.revoke()
        log(obj, "sharaka.applicant.links_revoked", user=request.user, data={"count": ended})
        messages.success(
            request,
            ngettext(
                "%(count)s personal link to %(reference)s no longer works.",
                "%(count)s personal links to %(reference)s no longer work.",
                ended,
            )
            % {"count": ended, "reference": obj.reference},
        )


class VolunteerRoleViewSet(SnippetViewSet):
    model = VolunteerRole
    icon = "group"
    list_display = ["name", "time_commitment", "is_open"]
    list_filter = ["is_open"]


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    list_display = ["name", "sort_order"]


class OpportunityInspectView(ReadableInspectMixin, InspectView):
    """The opportunity with who has a place and who is waiting, for coordinators only
    (names are personal data: the applications' view permission is needed to see them)."""

    template_name = "volunteer_signup/admin/opportunity_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        may_see_people = self.request.user.has_perm("volunteer_signup.view_volunteerapplication")
        rows = []
        if may_see_people:
            original = self.object.original
            live = list(original.signups.exclude(status=SignUpStatus.CANCELLED).select_related("volunteer"))
            applications = signups.accepted_applications(signup.volunteer_id for signup in live)
            rows = [(signup, applications.get(signup.volunteer_id)) for signup in live]
        may_manage = may_see_people and self.request.user.has_perm("volunteer_signup.change_opportunity")
        context.update(
            {
                "signup_rows": rows,
                "may_see_people": may_see_people,
                "may_mark_attendance": may_manage,
                "may_give_up_places": may_manage and not self.object.original.is_started,
            }
        )
        return context


class OpportunityViewSet(WithoutChooser, SnippetViewSet):
    model = Opportunity
    icon = "date"
    menu_label = _("Opportunities")
    inspect_view_enabled = True
    inspect_view_class = OpportunityInspectView
    inspect_view_fields_exclude = ["id", "translation_key", "locale", "search_text"]
    list_display = [
        "title",
        "kind",
        Column("starts_at", label=_("Starts"), sort_key="starts_at"),
        Column("places", label=_("Places"), accessor="places_summary"),
        "is_public",
    ]
    list_filter = ["kind", "is_public"]
    ordering = ["-starts_at"]

    def get_queryset(self, request):
        return Opportunity.objects.with_place_counts()


class VolunteeringOptionsGroup(SnippetViewSetGroup):
    menu_label = _("Volunteering")
    menu_icon = "group"
    menu_order = 260
    items = (OpportunityViewSet, ReportedHoursViewSet, VolunteerRoleViewSet, AreaViewSet)
