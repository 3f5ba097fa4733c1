"""The volunteer applications queue (ending an applicant's links too) and the options snippets (roles, areas)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from submissions.admin.columns import IsolatedColumn, NamesColumn, ReceivedColumn, ReferenceColumn, StatusColumn
from submissions.admin.views import SubmissionActionView, user_column
from submissions.admin.viewsets import SubmissionViewSet

from .filters import ApplicationFilterSet
from .models import Area, VolunteerApplication, VolunteerRole


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


class VolunteeringOptionsGroup(SnippetViewSetGroup):
    menu_label = _("Volunteering")
    menu_icon = "group"
    menu_order = 260
    items = (VolunteerRoleViewSet, AreaViewSet)
