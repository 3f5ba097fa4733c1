"""Listing columns for the queues."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn

from core.text import join_list


class ReferenceColumn(TitleColumn):
    """The reference, linking to the inspect view (the record's working page)."""

    cell_template_name = "submissions/cells/reference.html"

    def __init__(self, inspect_url_name, **kwargs):
        super().__init__(
            "reference",
            label=_("Reference"),
            sort_key="reference",
            get_url=lambda instance: reverse(inspect_url_name, args=[instance.pk]),
            get_title_id=lambda instance: f"submission_{instance.pk}_title",
            **kwargs,
        )


class IsolatedColumn(Column):
    """Text a resident typed, isolated so it cannot reorder the row (bidi)."""

    cell_template_name = "submissions/cells/isolated.html"


class StatusColumn(Column):
    """Status label, with an "overdue" tag when open work has waited too long."""

    cell_template_name = "submissions/cells/status.html"

    def __init__(self, **kwargs):
        super().__init__("status", label=_("Status"), sort_key="status", **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["label"] = instance.get_status_display()
        context["overdue"] = instance.is_overdue
        return context


class ReceivedColumn(Column):
    """When it arrived and how many days it has waited."""

    cell_template_name = "submissions/cells/received.html"

    def __init__(self, **kwargs):
        super().__init__("submitted_at", label=_("Received"), sort_key="submitted_at", **kwargs)


class NamesColumn(Column):
    """A list of names (roles, in the staff member's language), joined."""

    cell_template_name = "submissions/cells/isolated.html"

    def get_value(self, instance):
        return join_list(getattr(instance, self.accessor))
