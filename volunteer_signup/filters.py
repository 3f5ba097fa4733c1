"""Filters of the volunteer applications queue."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from submissions.admin.filters import SubmissionFilterSet, translations_filter

from .models import Area, VolunteerApplication, VolunteerRole


class ApplicationFilterSet(SubmissionFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), widget=forms.CheckboxSelectMultiple)
    role = translations_filter(VolunteerRole, "roles", _("Role"))
    area = translations_filter(Area, "area", _("Area"))
    repeat = django_filters.BooleanFilter(
        label=_("Repeat applicant"), field_name="repeat_of", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = VolunteerApplication
        fields = [
            "status",
            "assignee",
            "role",
            "area",
            "locale",
            "source_page",
            "submitted_at",
            "overdue",
            "repeat",
            "find",
        ]
