"""Filters for the queue listings (the drawer in Wagtail's listing)."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Locale, Page

from .views import assignable_users


class SubmissionFilterSet(WagtailFilterSet):
    """Filters every queue has: status, assignee, language, page, date, overdue."""

    # Carries the session key of the "find" box through filter changes.
    # Labelled, or django-filter names it "[invalid name]" in the active-filter list.
    find = django_filters.CharFilter(label=_("Find"), method="keep", widget=forms.HiddenInput)
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


class OneChoicePerTranslationIterator(ModelChoiceIterator):
    """Each translatable snippet once, in the staff member's language."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.offered().values():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.offered()) + (1 if self.field.empty_label is not None else 0)


class TranslationChoiceField(forms.ModelChoiceField):
    """Accepts a snippet in any language (links shared between colleagues keep
    working) but offers and shows it once, in the staff member's language."""

    iterator = OneChoicePerTranslationIterator

    def offered(self):
        """``{translation_key: row}``: the row in the staff member's language (else
        the default language's, else any), in the queryset's order."""
        if getattr(self, "_offered", None) is None:
            ranks = {Locale.get_active().pk: 0, Locale.get_default().pk: 1}
            chosen = {}
            for position, obj in enumerate(self.queryset):
                rank = ranks.get(obj.locale_id, 2)
                if obj.translation_key not in chosen or rank < chosen[obj.translation_key][0]:
                    chosen[obj.translation_key] = (rank, position, obj)
            ordered = sorted(chosen.values(), key=lambda entry: entry[1])
            self._offered = {obj.translation_key: obj for _rank, _position, obj in ordered}
        return self._offered

    def label_from_instance(self, obj):
        return str(self.offered().get(obj.translation_key, obj))

    def prepare_value(self, value):
        # A row of another language shows as its translation selected in the list.
        if value not in (None, "") and not hasattr(value, "_meta"):
            value = next((obj for obj in self.offered().values() if str(obj.pk) == str(value)), None) or next(
                (obj for obj in self.queryset if str(obj.pk) == str(value)), value
            )
        if hasattr(value, "_meta"):
            return self.offered().get(value.translation_key, value).pk
        return super().prepare_value(value)


class TranslationChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = TranslationChoiceField


def translations_filter(snippet_model, field_name, label):
    """Filter by a translatable snippet, matching it in every language, each listed once."""

    def apply(queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{field_name}__translation_key": value.translation_key}).distinct()

    return TranslationChoiceFilter(
        label=label,
        queryset=lambda request: snippet_model.objects.all(),
        method=lambda queryset, name, value: apply(queryset, name, value),
    )
