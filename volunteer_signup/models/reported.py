"""Hours a volunteer reports for work done outside an opportunity.

Coordinators record attendance at opportunities themselves; work done elsewhere (a talk
given at a school, a shift covered at short notice) is reported by the volunteer from
their page and counts only once a coordinator approves it. A declined report says why,
to the volunteer, on their page. The report belongs to the volunteer and goes with them.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a coordinator")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class ReportedHours(models.Model):
    volunteer = models.ForeignKey("volunteer_signup.Volunteer", on_delete=models.CASCADE, related_name="reported_hours")
    worked_on = models.DateField(_("day of the work"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )
    role = models.ForeignKey(
        "volunteer_signup.VolunteerRole",
        verbose_name=_("role"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    area = models.ForeignKey(
        "volunteer_signup.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("what was done"), max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    reason = models.TextField(_("reason for declining"), max_length=500, blank=True)
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-reported_at", "-pk"]
        verbose_name = _("reported hours")
        verbose_name_plural = _("reported hours")
        indexes = [models.Index(fields=["status", "worked_on"])]

    def __str__(self):
        return f"{self.volunteer} · {self.worked_on} · {self.hours}"
