"""A certificate: what was printed on it, kept so that anyone holding it can check it.

The certificate is a snapshot taken when it is issued: the name as printed, the hours,
the training courses, the period and the language. Nothing on it is read again from the
application or the attendance records, because a school or an employer checks the paper
they were handed against the verification page, and the two must say the same thing
whatever happens to the records later. So the PDF is rendered from the snapshot every time
it is downloaded (never stored as a file), and the verification page shows the same
snapshot.

It outlives the application that started it (``volunteer`` is set to NULL when the
volunteer row goes with their last application) for ``CERTIFICATE_RETENTION_YEARS`` after
it was issued; then retention deletes it (``purge_expired``). Erasure on request is
different: the person asked us to forget them, so the name is blanked and ``erased_at``
set, and the verification page says the certificate was withdrawn at its holder's request,
with no name.

The verification code is the only thing in its URL: random, about 96 bits, short enough
for a small QR code.
"""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
ISSUED = "sharaka.certificate.issued"
REVOKED = "sharaka.certificate.revoked"
ERASED = "sharaka.certificate.erased"


def new_code():
    """12 random bytes as 16 URL-safe characters."""
    return secrets.token_urlsafe(12)


class CertificateQuerySet(models.QuerySet):
    def standing(self):
        """Neither revoked nor erased: what an identical request would be given again."""
        return self.filter(revoked_at__isnull=True, erased_at__isnull=True)

    def expired(self, now=None):
        """Issued more than ``CERTIFICATE_RETENTION_YEARS`` ago (a year counted as 365 days)."""
        now = now or timezone.now()
        return self.filter(issued_at__lt=now - timedelta(days=365 * settings.CERTIFICATE_RETENTION_YEARS))


class Certificate(models.Model):
    class State(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        ERASED = "erased", _("Withdrawn at the holder's request")

    volunteer = models.ForeignKey(
        "volunteer_signup.Volunteer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("volunteer"),
    )
    # The volunteer's number is kept for staff after the volunteer row is gone; it is ours,
    # not the person's, and says nothing about them without the applications.
    volunteer_reference = models.CharField(_("volunteer number"), max_length=20, editable=False)
    code = models.CharField(_("verification code"), max_length=32, unique=True, default=new_code, editable=False)
    name = models.CharField(_("name as printed"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)
    trainings = models.JSONField(_("training courses"), default=list, blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGES)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    erased_at = models.DateTimeField(_("withdrawn at the holder's request"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        permissions = [("revoke_certificate", "Can revoke a certificate")]
        constraints = [
            # One standing certificate per volunteer, period and language: asking again
            # gives the same one back, two requests at once included.
            models.UniqueConstraint(
                fields=["volunteer", "period_start", "period_end", "language"],
                condition=Q(revoked_at__isnull=True, erased_at__isnull=True),
                name="one_standing_certificate_per_period",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def state(self):
        if self.erased_at:
            return self.State.ERASED
        if self.revoked_at:
            return self.State.REVOKED
        return self.State.VALID

    @property
    def period_display(self):
        return f"{self.period_start:%Y-%m-%d} – {self.period_end:%Y-%m-%d}"

    @property
    def courses(self):
        """The training courses as printed: title and date."""
        return [{"title": row["title"], "date": date.fromisoformat(row["date"])} for row in self.trainings]

    def get_state_display(self):
        return self.State(self.state).label

    @classmethod
    def create_once(cls, **fields):
        """Create it, or return the standing one for the same volunteer, period and language
        (whoever got there first). Returns (certificate, created)."""
        same = {name: fields[name] for name in ("volunteer", "period_start", "period_end", "language")}
        existing = cls.objects.standing().filter(**same).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                return cls.objects.create(**fields), True
        except IntegrityError:
            return cls.objects.standing().get(**same), False

    def erase(self):
        """The holder asked us to forget them: the name goes; hours and period stay so
        that the verification page can say what this code was, without saying whose."""
        self.name = ""
        self.erased_at = self.erased_at or timezone.now()
        self.save(update_fields=["name", "erased_at"])
