"""Admin registration: the Submissions menu, bulk actions, audit-log actions, the dashboard panel.

The queues themselves come from the form apps, through the
``register_submission_viewset`` hook."""

from django.contrib.auth.models import Permission
from django.template.loader import get_template
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from .admin.bulk_actions import AssignBulkAction, ChangeStatusBulkAction
from .admin.data_requests import data_requests
from .admin.views import policy_for
from .admin.viewsets import SubmissionsGroup, new_count


@hooks.register("register_admin_viewset")
def register_submissions():
    return SubmissionsGroup()


@hooks.register("register_admin_urls")
def data_request_urls():
    return [path("data-requests/", data_requests, name="sharaka_data_requests")]


class DataRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("submissions.handle_data_requests")


@hooks.register("register_settings_menu_item")
def data_requests_menu_item():
    return DataRequestsMenuItem(
        _("Personal data requests"), reverse("sharaka_data_requests"), icon_name="user", order=900
    )


@hooks.register("register_permissions")
def data_request_permission():
    return Permission.objects.filter(content_type__app_label="submissions", codename="handle_data_requests")


for action_class in (ChangeStatusBulkAction, AssignBulkAction):
    hooks.register("register_bulk_action", action_class)


def _status_label(log_entry, value):
    model = log_entry.content_type.model_class() if log_entry.content_type_id else None
    if model is None:
        return value
    return dict(model._meta.get_field("status").choices).get(value, value)


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    @actions.register_action("sharaka.submission.status")
    class StatusChange(LogFormatter):
        label = _("Change status")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            message = _("Status changed from “%(old)s” to “%(new)s”") % {
                "old": _status_label(log_entry, data.get("old", "")),
                "new": _status_label(log_entry, data.get("new", "")),
            }
            if data.get("by") == "applicant":
                message = _("%(message)s, by the applicant on their page") % {"message": message}
            if data.get("reason"):
                message = _("%(message)s. Reason: %(reason)s") % {
                    "message": message,
                    "reason": data["reason"],
                }
            return message

    @actions.register_action("sharaka.submission.assign")
    class Assignment(LogFormatter):
        label = _("Assign")

        def format_message(self, log_entry):
            new = (log_entry.data or {}).get("new")
            return _("Assigned to %(name)s") % {"name": new} if new else _("Unassigned")

    @actions.register_action("sharaka.submission.view")
    class View(LogFormatter):
        label = _("View personal data")

        def format_message(self, log_entry):
            # Histories fold a person's viewings of one day into one line (admin/history.py).
            count = getattr(log_entry, "view_count", None) or 1
            if count > 1:
                return ngettext(
                    "Viewed the record %(count)d time that day",
                    "Viewed the record %(count)d times that day",
                    count,
                ) % {"count": count}
            return _("Viewed the record")

    actions.register_action("sharaka.submission.note", _("Add note"), _("Added a note"))
    actions.register_action(
        "sharaka.data_request.export", _("Export a person's data"), _("Exported a person's data (data request)")
    )
    actions.register_action(
        "sharaka.data_request.find", _("Look up a person's data"), _("Looked up a person's data (data request)")
    )

    @actions.register_action("sharaka.data_request.erase")
    class DataRequestErase(LogFormatter):
        label = _("Erase a person's data")

        def format_message(self, log_entry):
            counts = (log_entry.data or {}).get("counts", {})
            records = sum(value for key, value in counts.items() if key != "emails")
            emails = counts.get("emails", 0)
            return (
                _("Erased a person's data (data request):")
                + " "
                + ngettext("%(count)s record", "%(count)s records", records) % {"count": records}
                + ", "
                + ngettext("%(count)s email", "%(count)s emails", emails) % {"count": emails}
            )

    actions.register_action("sharaka.submission.anonymise", _("Anonymise"), _("Anonymised under the retention policy"))

    @actions.register_action("sharaka.submission.export")
    class Export(LogFormatter):
        label = _("Export personal data")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Exported %(count)s records as %(format)s") % {
                "count": data.get("count", "?"),
                "format": str(data.get("format", "")).upper(),
            }

    @actions.register_action("sharaka.submission.purge")
    class Purge(LogFormatter):
        label = _("Retention purge")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Retention: %(deleted)s deleted, %(anonymised)s anonymised") % {
                "deleted": data.get("deleted", 0),
                "anonymised": data.get("anonymised", 0),
            }


class SubmissionsPanel(Component):
    """Dashboard counts for the queues the user may see."""

    name = "sharaka_submissions"
    order = 50
    template_name = "submissions/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        group = SubmissionsGroup()
        queues = []
        for viewset in group.registerables:
            model = viewset.model
            if not policy_for(model).user_has_permission(self.request.user, "view"):
                continue
            objects = model.objects
            queues.append(
                {
                    "label": viewset.menu_label,
                    "url": viewset.menu_url,
                    "new": new_count(model, self.request.user),
                    "open": objects.filter(status__in=model.status_flow.open).count(),
                    "overdue": objects.filter(model.overdue_filter()).count(),
                    "mine": objects.filter(status__in=model.status_flow.open, assignee=self.request.user).count(),
                }
            )
        return {"queues": queues, "user_pk": self.request.user.pk}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["queues"]:
            return ""
        return get_template(self.template_name).render(context)


@hooks.register("construct_homepage_panels")
def add_submissions_panel(request, panels):
    panels.insert(0, SubmissionsPanel(request))
