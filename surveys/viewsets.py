"""The survey responses queue and the survey snippets editors write."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet

from submissions.admin.columns import IsolatedColumn, ReceivedColumn, ReferenceColumn, StatusColumn
from submissions.admin.views import user_column
from submissions.admin.viewsets import SubmissionViewSet

from .filters import ResponseFilterSet
from .models import Survey, SurveyResponse
from .views import ResponseIndexView, SurveyResultsView


class ResponseViewSet(SubmissionViewSet):
    model = SurveyResponse
    name = "survey_response"
    icon = "list-ul"
    menu_label = _("Survey responses")
    index_view_class = ResponseIndexView
    filterset_class = ResponseFilterSet
    find_fields = ("reference",)
    list_select_related = ("assignee__wagtail_userprofile", "locale", "survey", "source_page")
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

    def get_inspect_view_kwargs(self, **kwargs):
        # The answers template links to the survey's results (queues/surveys/answers.html).
        return super().get_inspect_view_kwargs(url_names={"results": self.get_url_name("results")}, **kwargs)

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
            user_column("assignee", _("Assigned to")),
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


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "list-ul"
    menu_label = _("Surveys")
    add_to_admin_menu = True
    menu_order = 261
    list_display = ["title", "opens_at", "closes_at"]
