"""Admin registration: the certificates list (its own menu item, after Volunteering: the
Volunteering group is volunteer_signup's, which must not import this app), the audit log's
actions, and this app's part in data requests, erasure and retention."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import personal_data
from .models import ERASED, ISSUED, REVOKED, Certificate
from .viewsets import CertificatePermissionPolicy, CertificateViewSet

register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


@hooks.register("register_admin_viewset")
def certificate_viewset():
    return CertificateViewSet()


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(ISSUED, _("Issue certificate"), _("The volunteer issued a certificate from their page"))
    actions.register_action(REVOKED, _("Revoke certificate"), _("Revoked the certificate"))
    actions.register_action(ERASED, _("Erase certificate"), _("Erased the name at the holder's request"))


hooks.register("submission_related_personal_data", personal_data.related)
hooks.register("before_erase_submission", personal_data.erase)
hooks.register("purge_expired_records", personal_data.purge_expired)
