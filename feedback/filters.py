"""Filters of the page comments queue."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from submissions.admin.filters import SubmissionFilterSet

from .models import PageComment


class CommentFilterSet(SubmissionFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = PageComment
        fields = ["status", "assignee", "locale", "source_page", "submitted_at", "overdue", "find"]
