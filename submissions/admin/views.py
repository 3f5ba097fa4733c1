"""Queue views: listing, inspect (the working page of one record), and actions.

Every view checks the queue's permission through Wagtail's permission policy
for the model: "view" to list, inspect and export; "change" to act.
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, UserColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.models import ModelLogEntry
from wagtail.permissions import policy_registry

from core.localized import OptionNames
from core.phones import national_digits, normalise_phone
from core.search import normalise_query
from core.text import clean_identifier

from ..answers import read_answers
from ..models import OutgoingEmail, TransitionError
from ..notifications import staff_with_permission
from .exports import SafeExportMixin
from .history import fold_views

FIND_SESSION_KEY = "sharaka_find"
FIND_MAX_ENTRIES = 20
ACTED_SESSION_KEY = "sharaka_acted"
ACTED_SECONDS = 60


def policy_for(model):
    return policy_registry.get_by_type(model)


def assignable_users(model):
    """People who may work this queue (and so may be assigned its records)."""
    return staff_with_permission(model, "change").order_by("first_name", "username")


def find_term(request, key):
    return request.session.get(FIND_SESSION_KEY, {}).get(key, "")


class SubmissionIndexView(SafeExportMixin, generic.IndexView):
    """The queue listing.

    Wagtail's header search is replaced by a "find" box that POSTs: searching
    by phone number or email would otherwise put them in the URL (and so in
    server logs and browser history). The term is kept in the session under a
    random key, and ``?find=<key>`` carries only that key.
    """

    any_permission_required = ["view"]
    template_name = "submissions/admin/index.html"
    results_template_name = "submissions/admin/index_results.html"
    find_fields = ()
    list_select_related = ()
    find_url_name = None
    find_label = gettext_lazy("Find by reference, name, phone or email")
    list_prefetch_related = ()

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if self.list_prefetch_related:
            queryset = queryset.prefetch_related(*self.list_prefetch_related)
        return queryset

    @cached_property
    def find_query(self):
        return find_term(self.request, self.request.GET.get("find", ""))

    def search_queryset(self, queryset):
        term = self.find_query
        if not term:
            return queryset
        normalised = clean_identifier(term)
        query = Q()
        for field in self.find_fields:
            query |= Q(**{f"{field}__icontains": normalised})
        words = normalise_query(term)
        if words:
            query |= Q(search_text__contains=words)
        if "phone" in self.find_fields:
            # The number as stored (E.164), or, for part of one, its national digits:
            # "050 555 0199", "0505550199" and "٠٥٠٥٥٥٠١٩٩" all find "+971505550199".
            phone = normalise_phone(term)
            digits = national_digits(term)
            if phone:
                query |= Q(phone=phone)
            elif len(digits) >= 4:
                query |= Q(phone__contains=digits)
        return queryset.filter(query)

    @cached_property
    def can_change(self):
        return policy_for(self.model).user_has_permission(self.request.user, "change")

    @cached_property
    def columns(self):
        columns = list(super().columns)
        if self.can_change:
            columns.insert(0, BulkActionsCheckboxColumn("bulk_actions", obj_type="submission"))
        return columns

    def get_edit_url(self, instance):
        return None  # answers are a record: staff act on them, they do not edit them

    def with_option_names(self, rows):
        """Rows that read their roles and areas in the staff member's language from one lookup."""
        names = OptionNames()
        for row in rows:
            row.option_names = names
            yield row

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        list(self.with_option_names(object_list))  # the page's rows, as the table will read them
        return paginator, page, object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "find_url": reverse(self.find_url_name),
                "find_label": self.find_label,
                "find_query": self.find_query,
                "clear_find_url": self.request.path,
                "can_change": self.can_change,
                "model_opts": self.model._meta,
            }
        )
        return context

    @cached_property
    def active_filters(self):
        # The hidden "find" key is shown as a search banner, not as a filter pill.
        return [f for f in super().active_filters if not f.auto_id.endswith("find")]


class FindView(PermissionCheckedMixin, View):
    """Store a search term in the session and show the listing filtered by it."""

    permission_required = "view"
    model = None
    index_url_name = None

    def post(self, request):
        term = request.POST.get("q", "").strip()[:200]
        url = reverse(self.index_url_name)
        if not term:
            return HttpResponseRedirect(url)
        stored = request.session.get(FIND_SESSION_KEY, {})
        key = secrets.token_urlsafe(8)
        stored[key] = term
        request.session[FIND_SESSION_KEY] = dict(list(stored.items())[-FIND_MAX_ENTRIES:])
        return HttpResponseRedirect(f"{url}?find={key}")


class ReasonForDecisionMixin:
    """A status form whose reason is required when the chosen status is a decision.

    The error goes on the reason field, and the field points at it
    (aria-describedby) as well as at its help text.
    """

    status_flow = None

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        reason = (cleaned_data.get("reason") or "").strip()
        if status and self.status_flow is not None and self.status_flow.needs_reason(status) and not reason:
            self.add_error("reason", forms.ValidationError(_("Give a reason for this decision."), code="required"))
        if self.has_error("reason"):
            field_id = self["reason"].auto_id
            self.fields["reason"].widget.attrs["aria-describedby"] = f"{field_id}-error {field_id}-helptext"
        return cleaned_data


class StatusForm(ReasonForDecisionMixin, forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"))
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Required for decisions. Staff see it in the history; the resident does not."),
    )

    def __init__(self, *args, choices=(), status_flow=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.status_flow = status_flow
        self.fields["status"].choices = [("", gettext_lazy("Choose…")), *choices] if choices else []


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Assign to"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=gettext_lazy("Nobody"),
    )

    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users(model)
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class NoteForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Add a note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class SubmissionInspectView(generic.InspectView):
    """One record: the answers, its notes and history, and what staff can do next."""

    any_permission_required = ["view"]
    template_name = "submissions/admin/inspect.html"
    answers_template_name = "queues/answers.html"
    action_url_names = {}
    history_url_name = None
    inspect_url_name = None
    url_names = {}  # other URL names of the queue its templates link to, e.g. {"results": …}

    def get_object(self, queryset=None):
        return get_object_or_404(self.model, pk=self.pk)

    status_form = None

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # Coming back from one's own action on this record is not a new viewing.
        if not consume_acted(request, self.object):
            self.object.log_view(request.user)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        can_change = policy_for(self.model).user_has_permission(self.request.user, "change")
        status_form = self.status_form
        if status_form is None and can_change:
            status_form = StatusForm(choices=obj.allowed_statuses(), status_flow=obj.status_flow)
        context.update(
            {
                "submission": obj,
                "answers_template": self.answers_template_name,
                "answers": read_answers(obj, OptionNames()) if hasattr(obj, "ANSWER_FIELDS") else [],
                "can_change": can_change,
                "status_form": status_form,
                "assign_form": AssignForm(model=self.model, initial={"assignee": obj.assignee}) if can_change else None,
                "note_form": NoteForm() if can_change else None,
                "action_urls": {
                    name: reverse(url_name, args=[obj.pk]) for name, url_name in self.action_url_names.items()
                },
                "notes": obj.notes.select_related("author"),
                "history": fold_views(ModelLogEntry.objects.for_instance(obj))
                .select_related("user")
                .order_by("-timestamp", "-pk")[:50],
                "history_url": reverse(self.history_url_name, args=[obj.pk]) if self.history_url_name else "",
                "emails": self.emails(obj),
                "daily_email_limit": settings.RECIPIENT_DAILY_EMAIL_LIMIT,
            }
        )
        return context

    @staticmethod
    def emails(obj):
        """The record's emails (no bodies), each resident's one with how many emails our public
        forms sent that address in the last 24 hours, against the daily limit."""
        emails = list(OutgoingEmail.objects.for_object(obj).only("kind", "to", "status", "created_at", "sent_at"))
        for email in emails:
            email.recent_count = None
            if email.kind in OutgoingEmail.STRANGER_TRIGGERED:
                email.recent_count = OutgoingEmail.objects.triggered_by_strangers_to(email.to).count()
        return emails


def _acted_key(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def mark_acted(request, obj):
    """Note in the session that this user just acted on ``obj`` (see ``consume_acted``)."""
    acted = request.session.get(ACTED_SESSION_KEY, {})
    now = timezone.now().timestamp()
    acted = {key: at for key, at in acted.items() if now - at < ACTED_SECONDS}
    acted[_acted_key(obj)] = now
    request.session[ACTED_SESSION_KEY] = acted


def consume_acted(request, obj):
    """True once, on the first GET of ``obj`` shortly after this user's own action on it.

    The flag lives in the server-side session and only a POST that acted on
    the record sets it, so no link or parameter can hide a viewing.
    """
    acted = request.session.get(ACTED_SESSION_KEY)
    if not acted or _acted_key(obj) not in acted:
        return False
    at = acted.pop(_acted_key(obj))
    request.session[ACTED_SESSION_KEY] = acted
    return timezone.now().timestamp() - at < ACTED_SECONDS


class SubmissionActionView(PermissionCheckedMixin, View):
    """POST-only action on one record, then back to its inspect view."""

    permission_required = "change"
    model = None
    inspect_url_name = None

    def post(self, request, pk):
        obj = get_object_or_404(self.model, pk=pk)
        try:
            self.act(request, obj)
        except TransitionError as error:
            messages.error(request, error.messages[0])
        mark_acted(request, obj)
        return redirect(self.inspect_url_name, obj.pk)

    def act(self, request, obj):
        raise NotImplementedError


class StatusView(SubmissionInspectView):
    """POST a status change, then back to the inspect view.

    A decision without a reason shows the inspect page again (400) with the
    error on the reason field and the chosen status still selected.
    """

    http_method_names = ["post"]
    permission_required = "change"

    def post(self, request, *args, **kwargs):
        obj = self.object
        form = StatusForm(request.POST, choices=obj.allowed_statuses(), status_flow=obj.status_flow)
        if not form.is_valid():
            if form.has_error("status"):
                messages.error(request, _("Choose one of the statuses offered."))
            else:
                self.status_form = form
                return self.render_to_response(self.get_context_data(), status=400)
        else:
            try:
                obj.move_to(form.cleaned_data["status"], user=request.user, reason=form.cleaned_data["reason"])
            except TransitionError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(
                    request,
                    _("%(reference)s is now “%(status)s”.")
                    % {"reference": obj.reference, "status": obj.get_status_display()},
                )
        mark_acted(request, obj)
        return redirect(self.inspect_url_name, obj.pk)


class AssignView(SubmissionActionView):
    def act(self, request, obj):
        if request.POST.get("assign_to_me"):
            assignee = request.user
        else:
            form = AssignForm(request.POST, model=self.model)
            if not form.is_valid():
                messages.error(request, _("Choose someone who works this queue."))
                return
            assignee = form.cleaned_data["assignee"]
        if assignee is not None and not policy_for(self.model).user_has_permission(assignee, "change"):
            messages.error(request, _("Choose someone who works this queue."))
            return
        obj.assign(assignee, user=request.user)
        if assignee is None:
            messages.success(request, _("%(reference)s is no longer assigned.") % {"reference": obj.reference})
        else:
            name = assignee.get_full_name() or assignee.get_username()
            messages.success(
                request,
                _("%(reference)s is assigned to %(name)s.") % {"reference": obj.reference, "name": name},
            )


class NoteView(SubmissionActionView):
    def act(self, request, obj):
        form = NoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Write a note of up to 2,000 characters."))
            return
        obj.add_note(form.cleaned_data["text"], user=request.user)
        messages.success(request, _("Note added."))


class EditRedirectView(PermissionCheckedMixin, View):
    """The generic edit URL leads to the inspect view: answers are not edited."""

    permission_required = "view"
    model = None
    inspect_url_name = None

    def get(self, request, pk):
        return redirect(self.inspect_url_name, pk)

    post = get


def user_column(name, label):
    # Lazy: the column is built once, when the URLs load, in whatever language is active then.
    return UserColumn(name, label=label, blank_display_name=gettext_lazy("Nobody"))
