"""What certificates do in a person's data request, an erasure on request, and retention.

- Data request: the file about an application lists its volunteer's certificates, with
  what was printed on each and its state.
- Erasure on request (``submissions.data_requests``): before the application is deleted,
  its volunteer's certificates lose the name and are marked erased; the verification page
  then says the certificate was withdrawn at its holder's request, with no name. The
  staff-only reason of a revocation goes too, from the certificate and its history.
- Retention: a certificate is kept ``CERTIFICATE_RETENTION_YEARS`` after it was issued,
  whatever happened to the application (it outlives the application's own retention: the
  name printed is what a school or an employer checks), then deleted with its history.
"""

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from volunteer_signup.models import VolunteerApplication

from .models import ERASED, REVOKED, Certificate


def _of(record):
    if not isinstance(record, VolunteerApplication) or not record.volunteer_id:
        return Certificate.objects.none()
    return Certificate.objects.filter(volunteer_id=record.volunteer_id)


def related(record):
    certificates = _of(record)
    if not certificates:
        return {}
    return {
        "certificates": [
            {
                "verification_code": certificate.code,
                "name_as_printed": certificate.name,
                "hours": certificate.hours,
                "period": [certificate.period_start, certificate.period_end],
                "training_courses": certificate.trainings,
                "language": certificate.language,
                "issued_at": certificate.issued_at,
                "state": str(certificate.get_state_display()),
                "revoked_at": certificate.revoked_at,
            }
            for certificate in certificates
        ]
    }


def erase(record):
    """Blank the name on the record's volunteer's certificates; returns the count."""
    erased = 0
    for certificate in _of(record).filter(erased_at__isnull=True):
        certificate.erase()
        Certificate.objects.filter(pk=certificate.pk).update(revoke_reason="")
        log(certificate, ERASED, user=None)
        for entry in ModelLogEntry.objects.for_instance(certificate).filter(action=REVOKED):
            ModelLogEntry.objects.filter(pk=entry.pk).update(data={**(entry.data or {}), "reason": ""})
        erased += 1
    return {"certificates erased": erased} if erased else {}


def purge_expired(now, dry_run):
    """Delete certificates issued more than ``CERTIFICATE_RETENTION_YEARS`` ago, and their history."""
    expired = Certificate.objects.expired(now)
    count = expired.count()
    if count and not dry_run:
        for certificate in expired:
            ModelLogEntry.objects.for_instance(certificate).delete()
            certificate.delete()
    return {"certificates.Certificate expired": count} if count or dry_run else {}
