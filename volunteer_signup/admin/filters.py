"""Filters for the queue listings (the drawer in Wagtail's listing)."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Locale, Page

from ..models import Area, Survey, SurveyResponse, VolunteerApplication, VolunteerRole
from .views import assignable_users


class SubmissionFilterSet(WagtailFilterSet):
    """Filters every queue has: status, assignee, language, page, date, overdue."""

    # Carries the session key of the "find" box through filter changes.
    find = django_filters.CharFilter(method="keep", widget=forms.HiddenInput)
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assigned to"),
        queryset=get_user_model().objects.none(),
        null_label=_("Nobody"),
        null_value="none",
    )
    locale = django_filters.ModelChoiceFilter(label=_("Language"), queryset=Locale.objects.all())
    source_page = django_filters.ModelChoiceFilter(label=_("Sent from page"), queryset=Page.objects.none())
    submitted_at = django_filters.DateFromToRangeFilter(label=_("Received"), widget=DateRangePickerWidget)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        self.filters["assignee"].queryset = assignable_users(model)
        page_ids = model.objects.exclude(source_page=None).values("source_page")
        self.filters["source_page"].queryset = Page.objects.filter(pk__in=page_ids).order_by("title")
        self.filters["status"].extra["choices"] = model._meta.get_field("status").choices

    def keep(self, queryset, name, value):
        return queryset  # applied by the view's search_queryset

    def filter_overdue(self, queryset, name, value):
        condition = self._meta.model.overdue_filter()
        return queryset.filter(condition) if value else queryset.exclude(condition)


def _translations_filter(snippet_model, field_name, label):
    """Filter by a translatable snippet, matching it in every language."""

    def apply(queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{field_name}__translation_key": value.translation_key}).distinct()

    return django_filters.ModelChoiceFilter(
        label=label,
        queryset=lambda request: snippet_model.objects.filter(locale=Locale.get_default()),
        method=lambda queryset, name, value: apply(queryset, name, value),
    )


class ApplicationFilterSet(SubmissionFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), widget=forms.CheckboxSelectMultiple)
    role = _translations_filter(VolunteerRole, "roles", _("Role"))
    area = _translations_filter(Area, "area", _("Area"))
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


class ResponseFilterSet(SubmissionFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), widget=forms.CheckboxSelectMultiple)
    survey = _translations_filter(Survey, "survey", _("Survey"))
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
