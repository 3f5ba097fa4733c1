"""A resident's application to volunteer.

The form is fixed in code rather than built by editors: the coordinators'
pipeline (filters, repeat detection, exports, retention) depends on its
fields, and personal data must not grow by an editor adding a question.
No national ID is collected here.
"""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import ChoiceListField, PhoneNumberField
from core.localized import localized_name
from core.phones import normalise_email
from submissions.models import Retention, RetentionAction, StatusFlow, Submission

REPEAT_WINDOW_DAYS = 180


class ApplicationStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationStatus
APPLICATION_FLOW = StatusFlow(
    initial=S.NEW,
    transitions={
        S.NEW: (S.IN_REVIEW, S.WITHDRAWN),
        S.IN_REVIEW: (S.ACCEPTED, S.WAITLISTED, S.DECLINED, S.WITHDRAWN),
        S.WAITLISTED: (S.ACCEPTED, S.DECLINED, S.WITHDRAWN),
        S.ACCEPTED: (S.WITHDRAWN,),
        S.DECLINED: (S.IN_REVIEW,),
        S.WITHDRAWN: (),
    },
    # Days after the last status change.
    retention={
        S.NEW: Retention(365, RetentionAction.ANONYMISE),
        S.IN_REVIEW: Retention(365, RetentionAction.ANONYMISE),
        S.ACCEPTED: Retention(730, RetentionAction.ANONYMISE),
        S.WAITLISTED: Retention(365, RetentionAction.ANONYMISE),
        S.DECLINED: Retention(180, RetentionAction.DELETE),
        S.WITHDRAWN: Retention(90, RetentionAction.DELETE),
    },
    decisions=frozenset({S.ACCEPTED, S.WAITLISTED, S.DECLINED, S.WITHDRAWN}),
    open=frozenset({S.NEW, S.IN_REVIEW}),
)


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18 = "18_24", _("18 to 24")
    FROM_25 = "25_34", _("25 to 34")
    FROM_35 = "35_44", _("35 to 44")
    FROM_45 = "45_54", _("45 to 54")
    FROM_55 = "55_64", _("55 to 64")
    FROM_65 = "65_plus", _("65 or over")


class SpokenLanguage(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")
    URDU = "ur", _("Urdu")
    HINDI = "hi", _("Hindi")
    BENGALI = "bn", _("Bengali")
    TAGALOG = "tl", _("Tagalog")
    PERSIAN = "fa", _("Persian")
    FRENCH = "fr", _("French")
    OTHER = "other", _("Another language")


class Availability(models.TextChoices):
    WEEKDAY_MORNINGS = "weekday_mornings", _("Weekday mornings")
    WEEKDAY_EVENINGS = "weekday_evenings", _("Weekday evenings")
    WEEKENDS = "weekends", _("Weekends")
    SCHOOL_HOLIDAYS = "school_holidays", _("School holidays")
    EMERGENCIES = "emergencies", _("On call for emergencies")


class VolunteerApplication(Submission):
    status_flow = APPLICATION_FLOW
    reference_prefix = "VOL"
    personal_fields = ("full_name", "phone", "email", "skills", "motivation")

    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=S.NEW, db_index=True
    )
    # The resident's answers. Each field's verbose name is the question the form
    # asks, and its help text the hint under it: the public form (a ModelForm),
    # the inspect view and exports all read them from here (ANSWER_FIELDS).
    full_name = models.CharField(_("Full name"), max_length=120)
    phone = PhoneNumberField(
        _("Mobile phone number"),
        db_index=True,
        help_text=_("We will call or message you about your application. For example: 050 123 4567."),
    )
    email = models.EmailField(
        _("Email address"), blank=True, db_index=True, help_text=_("We will send your reference here.")
    )
    age_band = models.CharField(
        _("How old are you?"), max_length=10, choices=AgeBand.choices, help_text=_("Volunteers must be 18 or over.")
    )
    area = models.ForeignKey(
        "volunteer_signup.Area",
        verbose_name=_("Where do you live?"),
        null=True,
        # An area applicants chose is archived, never deleted (volunteer_signup/in_use.py).
        on_delete=models.PROTECT,
        related_name="+",
    )
    languages = ChoiceListField(_("Which languages do you speak?"), item_choices=SpokenLanguage.choices)
    roles = models.ManyToManyField(
        "volunteer_signup.VolunteerRole",
        verbose_name=_("What would you like to do?"),
        related_name="+",
        help_text=_("Choose one or more."),
    )
    availability = ChoiceListField(_("When are you available?"), item_choices=Availability.choices)
    skills = models.TextField(
        _("Skills and experience"),
        blank=True,
        max_length=1000,
        help_text=_("For example: a first-aid certificate, driving licence or experience with young people."),
    )
    motivation = models.TextField(_("Why do you want to volunteer?"), max_length=2000)
    consent_notice = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("privacy notice version agreed to"),
        null=True,
        blank=True,  # a site without a privacy page records the moment of consent only
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consented_at = models.DateTimeField(_("consent given"))
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("earlier application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set when the same phone or email applied in the previous 180 days."),
    )

    class Meta(Submission.Meta):
        verbose_name = _("volunteer application")
        verbose_name_plural = _("volunteer applications")

    ANSWER_FIELDS = (
        "full_name",
        "phone",
        "email",
        "age_band",
        "area",
        "languages",
        "roles",
        "availability",
        "skills",
        "motivation",
    )

    def save(self, *args, **kwargs):
        # One normal form however the record is made (form, demo, admin, tests): core/phones.py.
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @classmethod
    def held_about(cls, *, phone="", email=""):
        query = Q(pk__in=[])
        if phone:
            query |= Q(phone=phone)
        if email:
            query |= Q(email__iexact=email)
        return cls.objects.filter(query)

    def find_text_parts(self):
        return [self.full_name, self.email]

    def find_earlier_application(self):
        """Most recent application with the same phone or email in the repeat window."""
        if not self.phone and not self.email:
            return None
        since = (self.submitted_at or timezone.now()) - timedelta(days=REPEAT_WINDOW_DAYS)
        same_person = Q(phone=self.phone) if self.phone else Q()
        if self.email:
            same_person |= Q(email__iexact=self.email)
        earlier = VolunteerApplication.objects.filter(same_person, submitted_at__gte=since)
        if self.pk:
            earlier = earlier.exclude(pk=self.pk)
        return earlier.order_by("-submitted_at").first()

    # Roles and areas in the staff member's language. A listing or export sets
    # ``option_names`` (an ``OptionNames``) on each row so no row queries them.
    option_names = None

    @property
    def area_display(self):
        return localized_name(self.area, self.option_names) if self.area_id else ""

    @property
    def role_names(self):
        return [localized_name(role, self.option_names) for role in self.roles.all()]
