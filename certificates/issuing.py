"""Issuing and revoking certificates: the rules, the snapshot and the audit log.

The hours and training courses come only from ``volunteer_signup.hours.totals``, the one
rule the volunteer's page, reports and the home page's figures share. The name printed is
the name on the application whose page the volunteer opened: the simplest honest rule (a
volunteer cannot print a name we never had; a wrong name is corrected on the application
by a coordinator, then a new certificate issued).
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Locale

from volunteer_signup import hours, signups

from .models import ISSUED, REVOKED, Certificate

NOTHING_TO_CERTIFY = _(
    "No hours or training courses count in this period, so there is nothing to certify. Choose another period."
)


REVOKED_AS_IS = _(
    "A coordinator withdrew a certificate with exactly these details. Please contact the coordinators: "
    "once they have corrected what was wrong, you can ask for a new one."
)


class IssueRefused(Exception):
    """A certificate that cannot be issued, with the reason in the volunteer's language."""


def default_period(volunteer):
    """(from, to): from the day the volunteer first applied (nothing counts before it,
    whatever kind of hours are added to ``totals`` later) to today."""
    return timezone.localdate(volunteer.created_at), timezone.localdate()


def check_period(start, end):
    if end < start:
        raise IssueRefused(_("The end of the period must not be before its start."))
    if end > timezone.localdate():
        raise IssueRefused(_("The period cannot end in the future."))


def snapshot_trainings(trainings, language):
    """The training courses as printed: each title in the certificate's language, and its date."""
    locale = Locale.objects.filter(language_code=language).first()
    rows = []
    for course in trainings:
        shown = signups.in_language(course, locale) if locale else course
        rows.append({"title": shown.title, "date": timezone.localdate(course.starts_at).isoformat()})
    return rows


def issue(application, start, end, language):
    """A certificate for the volunteer of ``application`` (accepted), or the standing one for
    the same period and language. Raises ``IssueRefused``. Returns (certificate, created)."""
    check_period(start, end)
    volunteer = application.volunteer
    counted, trainings = hours.totals(volunteer, start, end)
    if not counted and not trainings:
        raise IssueRefused(NOTHING_TO_CERTIFY)
    printed = snapshot_trainings(trainings, language)
    revoked = Certificate.objects.filter(
        volunteer=volunteer,
        revoked_at__isnull=False,
        period_start=start,
        period_end=end,
        language=language,
        name=application.full_name,
        hours=counted,
    )
    if any(certificate.trainings == printed for certificate in revoked):
        # A coordinator withdrew exactly this: the same paper again would undo the decision.
        raise IssueRefused(REVOKED_AS_IS)
    with transaction.atomic():
        certificate, created = Certificate.create_once(
            volunteer=volunteer,
            volunteer_reference=volunteer.reference,
            name=application.full_name,
            hours=counted,
            trainings=printed,
            period_start=start,
            period_end=end,
            language=language,
        )
        if created:
            log(certificate, ISSUED, user=None, data={"by": "volunteer", "volunteer": volunteer.reference})
    return certificate, created


def revoke(certificate, user, reason):
    """Revoke it (once); the reason is for staff only and never shown publicly."""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            return False
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = user
        certificate.revoke_reason = reason.strip()
        certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        log(certificate, REVOKED, user=user, data={"reason": certificate.revoke_reason})
    return True


def verification_path(certificate, language=None):
    """The verification page's path, in the certificate's language unless told."""
    with translation.override(language or certificate.language):
        return reverse("certificate_verify", kwargs={"code": certificate.code})
