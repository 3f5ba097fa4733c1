"""The base of every moderation queue (``SubmissionViewSet``) and the Submissions menu."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.ui.sidebar import SubMenuItem as SubMenuItemComponent
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import views
from .history import SubmissionHistoryView


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
    find_label = None  # the index view's, unless a queue holds no names
    list_select_related = ("assignee__wagtail_userprofile", "locale")
    list_prefetch_related = ()
    # Templates are looked up from the viewset (Wagtail's get_templates):
    # queues/<app>/<model>/<name>.html, then queues/<app>/<name>.html, then queues/<name>.html.
    template_prefix = "queues/"
    export_fields_before = ["reference", "get_status_display", "submitted_at", "locale"]
    export_fields_after = ["assignee"]

    @property
    def list_export(self):
        """Record columns around the model's answers (``ANSWER_FIELDS``), so a new answer field is exported too."""
        return [*self.export_fields_before, *getattr(self.model, "ANSWER_FIELDS", ()), *self.export_fields_after]

    def get_common_view_kwargs(self, **kwargs):
        # Residents create records, staff never add one by hand; deletion is
        # left to retention (and superusers) and has no "usage" page.
        return super().get_common_view_kwargs(add_url_name=None, usage_url_name=None, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            find_fields=self.find_fields,
            find_url_name=self.get_url_name("find"),
            **({"find_label": self.find_label} if self.find_label else {}),
            list_select_related=self.list_select_related,
            list_prefetch_related=self.list_prefetch_related,
            search_fields=None,
            **kwargs,
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            answers_template_name=self.get_templates("answers"),
            inspect_url_name=self.get_url_name("inspect"),
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
                self.construct_view(views.StatusView, **self.get_inspect_view_kwargs()),
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

    @property
    def url_finder_class(self):
        # A record's admin page is its inspect view (there is no edit form), so
        # AdminURLFinder links staff emails and the audit log there.
        return type("SubmissionURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("inspect")})

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().exclude(codename__startswith="add_")


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

    def __init__(self):
        # Each form app adds its queue through the "register_submission_viewset"
        # hook (see volunteer_signup/wagtail_hooks.py), so this app names none of them.
        self.items = tuple(hook() for hook in hooks.get_hooks("register_submission_viewset"))
        super().__init__()

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
