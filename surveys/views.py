"""Survey-specific admin views: the responses listing's exports and the results page."""

import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.models import Locale, Page

from core.params import parse_id
from submissions.admin.exports import Column, log_export, neutralise
from submissions.admin.views import SubmissionIndexView
from submissions.answers import once_per_value

from .models import CHOICE_TYPES, QuestionType, Survey
from .results import compute_results, display_value, responses_for

ANSWER_PREFIX = "answer:"


def hashable(value):
    """An answer as a dictionary key (a list of choices as a tuple)."""
    return tuple(value) if isinstance(value, list) else value


class ResponseIndexView(SubmissionIndexView):
    """Responses listing. Filtered to one survey, the export has one column per
    question in the survey's order, including questions left blank."""

    results_url_name = None

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        # Each survey's title in the staff member's language, looked up once per survey on this page.
        titles = {}
        for row in object_list:
            if row.survey_id not in titles:
                titles[row.survey_id] = row.survey.localized.title
            row.survey_title = titles[row.survey_id]
        return paginator, page, object_list, is_paginated

    @cached_property
    def export_survey(self):
        if not self.filters or not self.filters.is_valid():
            return None
        survey = self.filters.form.cleaned_data.get("survey")
        return survey.localized if survey else None

    @cached_property
    def export_questions(self):
        return self.export_survey.questions() if self.export_survey else []

    @property
    def list_export(self):
        base = list(self._list_export)
        if not self.export_survey:
            return [*base, "export_answers"]
        return [
            *base,
            *(ANSWER_PREFIX + q.clean_name for q in self.export_questions if q.field_type != "contact"),
        ]

    @list_export.setter
    def list_export(self, value):
        self._list_export = value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        surveys = Survey.objects.filter(locale=Locale.get_default())
        context["results_links"] = [
            (survey.title, reverse(self.results_url_name, args=[survey.pk])) for survey in surveys
        ]
        return context

    def questions_of(self, survey_pk):
        """Questions of a survey, in the reader's language, looked up once per survey."""
        cache = self.__dict__.setdefault("_questions", {})
        if survey_pk not in cache:
            cache[survey_pk] = Survey.objects.get(pk=survey_pk).localized.questions()
        return cache[survey_pk]

    def get_heading(self, queryset, field):
        if field.startswith(ANSWER_PREFIX):
            key = field.removeprefix(ANSWER_PREFIX)
            return next((q.label for q in self.export_questions if q.clean_name == key), key)
        if field == "export_answers":
            return _("Answers")
        return super().get_heading(queryset, field)

    def export_column(self, field, queryset, names):
        if field.startswith(ANSWER_PREFIX):
            key = field.removeprefix(ANSWER_PREFIX)
            question = next(q for q in self.export_questions if q.clean_name == key)
            if question.field_type in CHOICE_TYPES or question.field_type == QuestionType.YES_NO:
                # Few different answers, each labelled (and translated) once per export.
                label = once_per_value(lambda value: display_value(question, value), key=hashable)
                return Column(("answers",), lambda answers: label(answers.get(key)))
            return Column(("answers",), lambda answers: display_value(question, answers.get(key)))
        if field == "export_answers":
            return Column(("survey_id", "answers"), self.labelled_answers)
        return super().export_column(field, queryset, names)

    def labelled_answers(self, survey_pk, answers):
        return "\n".join(
            f"{q.label}: {display_value(q, answers.get(q.clean_name))}"
            for q in self.questions_of(survey_pk)
            if q.clean_name in answers
        )


class SurveyResultsView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Results of one survey across its languages, with bars drawn in HTML."""

    template_name = "surveys/admin/results.html"
    page_title = gettext_lazy("Survey results")
    header_icon = "list-ul"
    permission_required = "view"
    model = None
    index_url_name = None

    @cached_property
    def survey(self):
        return get_object_or_404(Survey, pk=self.kwargs["survey_pk"]).localized

    def get_page_subtitle(self):
        return self.survey.title

    def get_breadcrumbs_items(self):
        # Without these the slim header shows only "Home" where the page's name belongs.
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.model._meta.verbose_name_plural.capitalize()},
            {"url": "", "label": self.page_title, "sublabel": self.survey.title},
        ]

    def filtered_responses(self):
        responses = responses_for(self.survey)
        params = self.request.GET
        if params.get("language"):
            responses = responses.filter(locale__language_code=params["language"])
        page_id = parse_id(params.get("page"))
        if page_id:
            responses = responses.filter(source_page_id=page_id)
        start, end = self.date_param("from"), self.date_param("to")
        if start:
            responses = responses.filter(submitted_at__date__gte=start)
        if end:
            responses = responses.filter(submitted_at__date__lte=end)
        return responses

    def date_param(self, name):
        """A date from the query string, or None when missing or not a real date."""
        try:
            return parse_date(self.request.GET.get(name, ""))
        except ValueError:
            return None

    def get(self, request, *args, **kwargs):
        return self.csv_response() if request.GET.get("format") == "csv" else super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        every_language = responses_for(self.survey)
        context.update(
            {
                "survey": self.survey,
                "results": compute_results(self.survey, self.filtered_responses()),
                "languages": Locale.objects.all(),
                "pages": Page.objects.filter(pk__in=every_language.values("source_page")).order_by("title"),
                "selected": self.request.GET,
                "index_url": self.index_url_name,
            }
        )
        return context

    def csv_response(self):
        results = compute_results(self.survey, self.filtered_responses())
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="survey-results.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([_("Question"), _("Answer"), _("Responses"), _("Percent")])
        writer.writerow([_("All responses"), "", results["total"], ""])
        for result in results["questions"]:
            label = neutralise(result.question.label)
            if result.kind == "text":
                writer.writerow([label, _("(free text)"), result.answered, ""])
                continue
            for option, count, percent in result.rows:
                writer.writerow([label, neutralise(option), count, percent])
            if result.average is not None:
                writer.writerow([label, _("Average"), result.average, ""])
        log_export(
            self.request,
            self.model,
            "results-csv",
            results["total"],
            dict(self.request.GET.lists()),
        )
        return response
