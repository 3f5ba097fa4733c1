"""Queue views: listing, inspect (the working page of one record), and actions.

Every view checks the queue's permission through Wagtail's permission policy
for the model: "view" to list, inspect and export; "change" to act.
"""

import secrets

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, UserColumn
from wagtail.admin.views import generic
from wagtail.models import ModelLogEntry
from wagtail.permissions import policy_registry

from home.text import clean_identifier

from ..models import TransitionError
from ..notifications import staff_with_permission
from .exports import SafeExportMixin

FIND_SESSION_KEY = "sharaka_find"
FIND_MAX_ENTRIES = 20


def policy_for(model):
    return policy_registry.get_by_type(model)


def require(user, model, action):
    if not policy_for(model).user_has_permission(user, action):
        raise PermissionDenied


def assignable_users(model):
    """People who may work this queue (and so may be assigned its records)."""
    codename = f"change_{model._meta.model_name}"
    return staff_with_permission(codename, model._meta.app_label).order_by("first_name", "username")


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
    template_name = "volunteer_signup/admin/index.html"
    results_template_name = "volunteer_signup/admin/index_results.html"
    find_fields = ()
    list_select_related = ()
    find_url_name = None
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
        digits = "".join(ch for ch in normalised if ch.isdigit())
        query = Q()
        for field in self.find_fields:
            query |= Q(**{f"{field}__icontains": normalised})
        if len(digits) >= 4 and "phone" in self.find_fields:
            query |= Q(phone__contains=digits)
            # "050 555 0199" should find "+971505550199": drop the national trunk 0.
            national = digits.lstrip("0")
            if len(national) >= 6 and national != digits:
                query |= Q(phone__contains=national)
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

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"  # names and contact details
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "find_url": reverse(self.find_url_name),
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


class FindView(View):
    """Store a search term in the session and show the listing filtered by it."""

    model = None
    index_url_name = None

    def post(self, request):
        require(request.user, self.model, "view")
        term = request.POST.get("q", "").strip()[:200]
        url = reverse(self.index_url_name)
        if not term:
            return HttpResponseRedirect(url)
        stored = request.session.get(FIND_SESSION_KEY, {})
        key = secrets.token_urlsafe(8)
        stored[key] = term
        request.session[FIND_SESSION_KEY] = dict(list(stored.items())[-FIND_MAX_ENTRIES:])
        return HttpResponseRedirect(f"{url}?find={key}")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"))
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Required for decisions. Staff see it in the history; the resident does not."),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
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
    template_name = "volunteer_signup/admin/inspect.html"
    answers_template_name = None
    action_url_names = {}

    def get_object(self, queryset=None):
        return get_object_or_404(self.model, pk=self.pk)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        self.object.log_view(request.user)
        response["Cache-Control"] = "no-store"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        can_change = policy_for(self.model).user_has_permission(self.request.user, "change")
        context.update(
            {
                "submission": obj,
                "answers_template": self.answers_template_name,
                "can_change": can_change,
                "status_form": StatusForm(choices=obj.allowed_statuses()) if can_change else None,
                "assign_form": AssignForm(model=self.model, initial={"assignee": obj.assignee}) if can_change else None,
                "note_form": NoteForm() if can_change else None,
                "action_urls": {
                    name: reverse(url_name, args=[obj.pk]) for name, url_name in self.action_url_names.items()
                },
                "notes": obj.notes.select_related("author"),
                "history": ModelLogEntry.objects.for_instance(obj).select_related("user").order_by("-timestamp")[:50],
            }
        )
        return context


class SubmissionActionView(View):
    """POST-only action on one record, then back to its inspect view."""

    model = None
    inspect_url_name = None

    def post(self, request, pk):
        require(request.user, self.model, "change")
        obj = get_object_or_404(self.model, pk=pk)
        try:
            self.act(request, obj)
        except TransitionError as error:
            messages.error(request, error.messages[0])
        return redirect(self.inspect_url_name, obj.pk)

    def act(self, request, obj):
        raise NotImplementedError


class StatusView(SubmissionActionView):
    def act(self, request, obj):
        form = StatusForm(request.POST, choices=obj.allowed_statuses())
        if not form.is_valid():
            messages.error(request, _("Choose one of the statuses offered."))
            return
        obj.move_to(form.cleaned_data["status"], user=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("%(reference)s is now “%(status)s”.") % {"reference": obj.reference, "status": obj.get_status_display()},
        )


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


class EditRedirectView(View):
    """The generic edit URL leads to the inspect view: answers are not edited."""

    model = None
    inspect_url_name = None

    def get(self, request, pk):
        require(request.user, self.model, "view")
        return redirect(self.inspect_url_name, pk)

    post = get


def user_column(name, label):
    return UserColumn(name, label=label, blank_display_name=_("Nobody"))
