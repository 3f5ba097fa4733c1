"""The page comments queue, for feedback officers."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from submissions.admin.columns import IsolatedColumn, ReceivedColumn, ReferenceColumn, StatusColumn
from submissions.admin.views import user_column
from submissions.admin.viewsets import SubmissionViewSet

from .filters import CommentFilterSet
from .models import PageComment


class CommentViewSet(SubmissionViewSet):
    model = PageComment
    name = "page_comment"
    icon = "help"
    menu_label = _("Page comments")
    filterset_class = CommentFilterSet
    find_fields = ("reference",)
    find_label = _("Find by reference or words of the comment")
    list_select_related = ("assignee__wagtail_userprofile", "locale", "source_page")
    export_filename = "page-comments"
    list_export = ["reference", "get_status_display", "submitted_at", "locale", "source_page", "comment", "assignee"]
    export_headings = {"get_status_display": _("Status")}

    @property
    def list_display(self):
        return [
            ReferenceColumn(self.get_url_name("inspect")),
            IsolatedColumn("source_page", label=_("Page")),
            IsolatedColumn("comment", label=_("What was missing")),
            StatusColumn(),
            Column("locale", label=_("Language"), accessor="locale.get_display_name"),
            user_column("assignee", _("Assigned to")),
            ReceivedColumn(),
        ]
