"""Opportunities accepted volunteers sign up for: an event, a shift or a training course.

Coordinators publish them in the admin (a translatable snippet: title, description and
place are translated with wagtail-localize; times, capacity and the rest are the same in
every language). Sign-ups belong to the opportunity's original (``original``), whatever
language the volunteer reads it in, so one capacity is counted once.

A volunteer books a place while there is one, else joins the waiting list; when someone
with a place cancels, the first on the list gets it (``signups.py``). Nobody is booked
on two opportunities that overlap in time.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.search import NormalisedSearchMixin


class OpportunityKind(models.TextChoices):
    EVENT = "event", _("Event")
    SHIFT = "shift", _("Shift")
    TRAINING = "training", _("Training course")


class OpportunityQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Not started yet: what can still be signed up for."""
        return self.filter(starts_at__gt=now or timezone.now()).order_by("starts_at")

    def public(self):
        return self.filter(is_public=True)

    def with_place_counts(self):
        """Each row with ``booked_count`` and ``waiting_count`` of its original (sign-ups of
        every language's row), in the same query."""
        counts = {}
        for status in ("booked", "waiting"):
            signups = (
                SignUp.objects.filter(opportunity__translation_key=models.OuterRef("translation_key"), status=status)
                .order_by()
                .values("opportunity__translation_key")
                .annotate(count=models.Count("pk"))
                .values("count")
            )
            counts[f"{status}_count"] = Coalesce(models.Subquery(signups), 0)
        return self.annotate(**counts)


class Opportunity(NormalisedSearchMixin, TranslatableMixin, index.Indexed, models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=OpportunityKind.choices, default=OpportunityKind.EVENT)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=2000)
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
    place = models.CharField(_("place"), max_length=200, help_text=_("Where to go, as a volunteer would look for it."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1)], help_text=_("Volunteers who can take part.")
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_(
            "Whether the site may show it to everyone. Accepted volunteers see every opportunity on their own page."
        ),
    )

    objects = OpportunityQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("area")]),
        FieldPanel("place"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])], heading=_("When")),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("is_public")]),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        TranslatableField("place"),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("role", overridable=False),
        SynchronizedField("area", overridable=False),
        SynchronizedField("starts_at", overridable=False),
        SynchronizedField("ends_at", overridable=False),
        SynchronizedField("capacity", overridable=False),
        SynchronizedField("is_public", overridable=False),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title"), index.FilterField("is_public")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("volunteering opportunity")
        verbose_name_plural = _("volunteering opportunities")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="opportunity_ends_after_start")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An opportunity must end after it starts.")})

    @property
    def original(self):
        """The row sign-ups belong to: the first of its translations to be made."""
        return Opportunity.objects.filter(translation_key=self.translation_key).order_by("pk").first()

    @property
    def places_summary(self):
        """ "3 of 10 booked, 2 waiting", counted on the original, for the admin listing
        (which annotates the counts: ``with_place_counts``)."""
        if hasattr(self, "booked_count"):
            counts = {SignUpStatus.BOOKED: self.booked_count, SignUpStatus.WAITING: self.waiting_count}
        else:
            counts = dict(
                self.original.signups.values_list("status")
                .annotate(count=models.Count("pk"))
                .values_list("status", "count")
            )
        return _("%(booked)s of %(capacity)s booked, %(waiting)s waiting") % {
            "booked": counts.get(SignUpStatus.BOOKED, 0),
            "capacity": self.capacity,
            "waiting": counts.get(SignUpStatus.WAITING, 0),
        }

    @property
    def is_past(self):
        return self.ends_at <= timezone.now()

    @property
    def is_started(self):
        return self.starts_at <= timezone.now()


class SignUpStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    ATTENDED = "attended", _("Attended")
    LATE = "late", _("Came late")
    NO_SHOW = "no_show", _("Did not come")


class SignUp(models.Model):
    """A volunteer's place, or place in the queue, on an opportunity (its original), and
    afterwards whether they came: attendance the coordinator marks, with the hours when they
    differ from the opportunity's length. Only hours of people who came count."""

    volunteer = models.ForeignKey("volunteer_signup.Volunteer", on_delete=models.CASCADE, related_name="signups")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="signups")
    status = models.CharField(_("status"), max_length=10, choices=SignUpStatus.choices)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices, blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
        help_text=_("Only if different from the opportunity's length."),
    )
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("sign-up")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "opportunity"],
                condition=~Q(status="cancelled"),
                name="one_live_signup_per_volunteer_and_opportunity",
            )
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.opportunity_id} · {self.status}"

    @property
    def counted_hours(self):
        """The hours that count: none unless the volunteer came; the coordinator's figure,
        else the opportunity's length to the quarter hour."""
        if self.attendance not in (Attendance.ATTENDED, Attendance.LATE):
            return Decimal(0)
        if self.hours is not None:
            return self.hours
        return opportunity_length(self.opportunity)


def opportunity_length(opportunity):
    """Its length in hours, to the nearest quarter hour."""
    quarters = round((opportunity.ends_at - opportunity.starts_at).total_seconds() / 900)
    return Decimal(quarters) / 4
