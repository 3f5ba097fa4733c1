"""Bulk status change and assignment, through Wagtail's bulk-action framework.

Each record still goes through its own allowed transitions and is logged one
by one; records that cannot make the move are reported, not forced.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_list_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction

from core.params import parse_ids
from core.text import join_list

from ..models import TransitionError, submission_models
from .views import AssignForm, ReasonForDecisionMixin, policy_for


class SubmissionBulkAction(BulkAction):
    template_name = "submissions/admin/bulk_action.html"
    # Every queue, whichever app defines it (hooks are loaded once the apps are ready).
    models = submission_models()

    def dispatch(self, request, *args, **kwargs):
        if not policy_for(self.model).user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Ids come from the query string: "abc", "" or 400 digits are a 404, not a 500.
        return get_list_or_404(model, pk__in=parse_ids(object_ids))

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all in listing" would ignore the listing's filters; it is not offered.
        raise PermissionDenied

    def object_context(self, obj):
        return {"item": obj}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "model": self.model}

    def get_execution_context(self):
        return {"self": self}

    def form_invalid(self, form):
        # The confirmation page again, with the errors on their fields.
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class BulkStatusForm(ReasonForDecisionMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for decisions; recorded on each record."),
    )

    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, **kwargs)
        self.status_flow = model.status_flow
        self.fields["status"].choices = [
            ("", _("Choose…")),
            *(
                (status, label)
                for status, label in model._meta.get_field("status").choices
                if status not in self.status_flow.action_only
            ),
        ]


class ChangeStatusBulkAction(SubmissionBulkAction):
    display_name = _("Change status")
    action_type = "change_status"
    aria_label = _("Change the status of the selected records")
    form_class = BulkStatusForm
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, **kwargs):
        view = kwargs["self"]
        status = view.cleaned_form.cleaned_data["status"]
        reason = view.cleaned_form.cleaned_data["reason"]
        moved, refused = 0, []
        for obj in objects:
            try:
                obj.move_to(status, user=view.request.user, reason=reason)
                moved += 1
            except TransitionError:
                refused.append(obj.reference)
        if refused:
            messages.warning(
                view.request,
                _("Not changed (that move is not allowed from their status): %(refs)s") % {"refs": join_list(refused)},
            )
        return moved, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d record changed.", "%(count)d records changed.", num_parent_objects) % {
            "count": num_parent_objects
        }


class AssignBulkAction(SubmissionBulkAction):
    display_name = _("Assign")
    action_type = "assign"
    aria_label = _("Assign the selected records")
    form_class = AssignForm
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, **kwargs):
        view = kwargs["self"]
        assignee = view.cleaned_form.cleaned_data["assignee"]
        for obj in objects:
            obj.assign(assignee, user=view.request.user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d record assigned.", "%(count)d records assigned.", num_parent_objects) % {
            "count": num_parent_objects
        }
