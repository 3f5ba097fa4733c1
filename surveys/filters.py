"""Filters of the survey responses queue."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from submissions.admin.filters import SubmissionFilterSet, translations_filter

from .models import Survey, SurveyResponse


class ResponseFilterSet(SubmissionFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), widget=forms.CheckboxSelectMultiple)
    survey = translations_filter(Survey, "survey", _("Survey"))
    has_contact = django_filters.BooleanFilter(label=_("Has contact details"), method="filter_contact")

    class Meta:
        model = SurveyResponse
        fields = [
            "survey",
            "status",
            "assignee",
            "locale",
            "source_page",
            "submitted_at",
            "has_contact",
            "overdue",
            "find",
        ]

    def filter_contact(self, queryset, name, value):
        return queryset.exclude(contact="") if value else queryset.filter(contact="")
