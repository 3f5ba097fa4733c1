"""Certificates in the admin: a list, an inspect view with the history, and revoking one.

A certificate is what was printed, so nobody edits, adds or deletes one here (the
permission policy refuses those actions to everyone, superusers included); retention
deletes them (``certificates.retention``). Volunteer coordinators view and revoke
(``home/migrations/0005_certificate_permissions.py``); officers and editors see nothing.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from core.admin_display import ReadableInspectMixin

from . import issuing
from .models import Certificate

NEVER = ("add", "change", "delete")


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """View and revoke by permission; add, change and delete never."""

    def user_has_permission(self, user, action):
        return action not in NEVER and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action not in NEVER])

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it revoked?"),
        help_text=_("For staff only: the verification page says only that it was revoked, and when."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give a reason for revoking the certificate.")},
    )


class CertificateInspectView(ReadableInspectMixin, InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_fields(self):
        return [
            "code",
            "volunteer_reference",
            "name",
            "hours",
            "period_start",
            "period_end",
            "language",
            "issued_at",
            "revoked_at",
            "revoked_by",
            "revoke_reason",
            "erased_at",
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.object
        context.update(
            certificate=certificate,
            verification_url=issuing.verification_path(certificate),
            may_revoke=certificate.state == Certificate.State.VALID
            and self.permission_policy.user_has_permission(self.request.user, "revoke"),
            revoke_url=reverse("certificates:revoke", args=[certificate.pk]),
            revoke_form=RevokeForm(),
        )
        return context


class CertificateHistoryView(HistoryView):
    """Who issued and revoked it, for those who may view certificates (nobody may change one)."""

    any_permission_required = ["view"]


def revoke_view(request, pk):
    """GET: the form; POST: revoke with a reason (logged), then back to the certificate."""
    policy = policy_registry.get_by_type(Certificate)
    if not policy.user_has_permission(request.user, "revoke"):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if certificate.state != Certificate.State.VALID:
            messages.error(request, _("This certificate is no longer valid, so it cannot be revoked."))
            return redirect("certificates:inspect", certificate.pk)
        if form.is_valid():
            issuing.revoke(certificate, request.user, form.cleaned_data["reason"])
            messages.success(request, _("Certificate %(code)s is revoked.") % {"code": certificate.code})
            return redirect("certificates:inspect", certificate.pk)
        status = 400
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {
            "certificate": certificate,
            "form": form,
            "page_title": _("Revoke the certificate"),
            "page_subtitle": certificate.code,
            "header_icon": "doc-full",
        },
        status=status,
    )


class CertificateViewSet(ModelViewSet):
    model = Certificate
    name = "certificates"
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 261  # just after Volunteering
    add_to_admin_menu = True
    inspect_view_enabled = True
    inspect_view_class = CertificateInspectView
    history_view_class = CertificateHistoryView
    list_filter = ["language", "issued_at"]
    search_fields = None
    ordering = ["-issued_at"]
    form_fields = ["revoke_reason"]  # never offered: no one may add or edit (the policy)

    @property
    def list_display(self):
        return [
            TitleColumn("code", label=_("Verification code"), url_name=self.get_url_name("inspect")),
            Column("volunteer_reference", label=_("Volunteer number")),
            Column("period", label=_("Period"), accessor="period_display"),
            Column("hours", label=_("Hours")),
            Column("issued_at", label=_("Issued"), sort_key="issued_at"),
            Column("state", label=_("State"), accessor="get_state_display"),
        ]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("revoke/<int:pk>/", revoke_view, name="revoke")]
