"""Viewsets: one per queue, all built from ``SubmissionViewSet``."""

from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.ui.sidebar import SubMenuItem as SubMenuItemComponent
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from ..models import SurveyResponse, VolunteerApplication
from . import views
from .columns import IsolatedColumn, NamesColumn, ReceivedColumn, ReferenceColumn, StatusColumn
from .filters import ApplicationFilterSet, ResponseFilterSet
from .history import SubmissionHistoryView
from .responses import ResponseIndexView, SurveyResultsView


def new_count(model, user):
    """Records waiting in a queue's first status, if the user may see the queue."""
    if not views.policy_for(model).user_has_permission(user, "view"):
        return 0
    return model.objects.filter(status=model.status_flow.initial).count()


class CountedMenuItem(MenuItem):
    """A menu item whose label shows how many new records wait in the queue."""

    def __init__(self, *args, model, permission_check, **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model
        self.permission_check = permission_check

    def is_shown(self, request):
        return self.permission_check(request)

    def render_component(self, request):
        count = new_count(self.model, request.user)
        label = _("%(label)s (%(count)s new)") % {"label": self.label, "count": count} if count else self.label
        return LinkMenuItemComponent(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class SubmissionViewSet(ModelViewSet):
    """A moderation queue: listing, find, filters, inspect, actions, bulk, export."""

    index_view_class = views.SubmissionIndexView
    inspect_view_class = views.SubmissionInspectView
    history_view_class = SubmissionHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False
    list_per_page = 50
    ordering = "-submitted_at"
    find_fields = ("reference",)
    list_select_related = ("assignee__wagtail_userprofile", "locale")
    list_prefetch_related = ()
    answers_template_name = None

    def get_common_view_kwargs(self, **kwargs):
        # Residents create records, staff never add one by hand; deletion is
        # left to retention (and superusers) and has no "usage" page.
        return super().get_common_view_kwargs(add_url_name=None, usage_url_name=None, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            find_fields=self.find_fields,
            find_url_name=self.get_url_name("find"),
            list_select_related=self.list_select_related,
            list_prefetch_related=self.list_prefetch_related,
            search_fields=None,
            **kwargs,
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            answers_template_name=self.answers_template_name,
            action_url_names={name: self.get_url_name(name) for name in ("status", "assign", "note")},
            history_url_name=self.get_url_name("history"),
            **kwargs,
        )

    @property
    def edit_view(self):
        return views.EditRedirectView.as_view(model=self.model, inspect_url_name=self.get_url_name("inspect"))

    @property
    def add_view(self):
        # Wagtail builds every view before get_urlpatterns() drops the "add"
        # route; this stands in for the create view so no edit form is needed.
        return views.EditRedirectView.as_view(model=self.model, inspect_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in ("add", "usage")]
        inspect = self.get_url_name("inspect")
        action = {"model": self.model, "inspect_url_name": inspect}
        return [
            *patterns,
            path(
                "find/",
                views.FindView.as_view(model=self.model, index_url_name=self.get_url_name("index")),
                name="find",
            ),
            path(
                "status/<int:pk>/",
                self.construct_view(views.StatusView, **self.get_inspect_view_kwargs(), inspect_url_name=inspect),
                name="status",
            ),
            path("assign/<int:pk>/", views.AssignView.as_view(**action), name="assign"),
            path("note/<int:pk>/", views.NoteView.as_view(**action), name="note"),
        ]

    def get_menu_item(self, order=None):
        base_item = super().get_menu_item(order)
        return CountedMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=base_item.order,
            model=self.model,
            permission_check=base_item.is_shown,
        )

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().exclude(codename__startswith="add_")


class ApplicationViewSet(SubmissionViewSet):
    model = VolunteerApplication
    name = "volunteer_application"
    icon = "group"
    menu_label = _("Volunteer applications")
    filterset_class = ApplicationFilterSet
    find_fields = ("reference", "full_name", "phone", "email")
    list_select_related = ("assignee__wagtail_userprofile", "locale", "area", "repeat_of")
    list_prefetch_related = ("roles",)
    answers_template_name = "volunteer_signup/admin/answers/application.html"
    export_filename = "volunteer-applications"
    list_export = [
        "reference",
        "get_status_display",
        "submitted_at",
        "locale",
        "full_name",
        "export_phone",
        "email",
        "get_age_band_display",
        "export_area",
        "export_languages",
        "export_roles",
        "export_availability",
        "skills",
        "motivation",
        "assignee",
        "export_repeat_of",
        "consented_at",
    ]
    export_headings = {
        "get_status_display": _("Status"),
        "get_age_band_display": _("Age"),
        "export_phone": capfirst(VolunteerApplication._meta.get_field("phone").verbose_name),
        "export_area": capfirst(VolunteerApplication._meta.get_field("area").verbose_name),
        "export_languages": _("Languages"),
        "export_roles": _("Roles of interest"),
        "export_availability": _("Availability"),
        "export_repeat_of": _("Earlier application"),
    }

    @property
    def list_display(self):
        return [
            ReferenceColumn(self.get_url_name("inspect")),
            IsolatedColumn("full_name", label=_("Name"), sort_key="full_name"),
            StatusColumn(),
            NamesColumn("roles", label=_("Roles"), accessor="role_names"),
            Column("area", label=_("Area"), accessor="area_display"),
            Column("locale", label=_("Language"), accessor="locale.get_display_name"),
            views.user_column("assignee", _("Assigned to")),
            ReceivedColumn(),
        ]


class ResponseViewSet(SubmissionViewSet):
    model = SurveyResponse
    name = "survey_response"
    icon = "list-ul"
    menu_label = _("Survey responses")
    index_view_class = ResponseIndexView
    filterset_class = ResponseFilterSet
    find_fields = ("reference",)
    list_select_related = ("assignee__wagtail_userprofile", "locale", "survey", "source_page")
    answers_template_name = "volunteer_signup/admin/answers/response.html"
    export_filename = "survey-responses"
    list_export = [
        "reference",
        "get_status_display",
        "submitted_at",
        "locale",
        "survey",
        "source_page",
        "contact",
        "assignee",
    ]
    export_headings = {
        "get_status_display": _("Status"),
        "contact": _("Contact details (given with consent)"),
    }

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(results_url_name=self.get_url_name("results"), **kwargs)

    @property
    def list_display(self):
        return [
            ReferenceColumn(self.get_url_name("inspect")),
            # Titles are content in either language: isolated (bdi), the survey in the staff's language.
            IsolatedColumn("survey_title", label=_("Survey")),  # set per page by ResponseIndexView
            StatusColumn(),
            BooleanColumn("has_contact", label=_("Contact details")),
            Column("locale", label=_("Language"), accessor="locale.get_display_name"),
            IsolatedColumn("source_page", label=_("Page")),
            views.user_column("assignee", _("Assigned to")),
            ReceivedColumn(),
        ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "results/<int:survey_pk>/",
                SurveyResultsView.as_view(model=self.model, index_url_name=self.get_url_name("index")),
                name="results",
            ),
        ]


class CountedSubmenuItem(SubmenuMenuItem):
    """The "Submissions" menu, showing the total of new records the user can see."""

    def __init__(self, *args, models, **kwargs):
        super().__init__(*args, **kwargs)
        self.models = models

    def render_component(self, request):
        count = sum(new_count(model, request.user) for model in self.models)
        label = _("%(label)s (%(count)s)") % {"label": self.label, "count": count} if count else self.label
        return SubMenuItemComponent(
            self.name,
            label,
            self.menu.render_component(request),
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class SubmissionsGroup(ModelViewSetGroup):
    menu_label = _("Submissions")
    menu_icon = "tasks"
    menu_order = 150
    items = (ApplicationViewSet, ResponseViewSet)

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        return CountedSubmenuItem(
            label=item.label,
            menu=item.menu,
            name=item.name,
            icon_name=item.icon_name,
            order=item.order,
            models=[registerable.model for registerable in self.registerables],
        )
