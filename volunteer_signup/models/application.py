"""A resident's application to volunteer.

The form is fixed in code rather than built by editors: the coordinators'
pipeline (filters, repeat detection, exports, retention) depends on its
fields, and personal data must not grow by an editor adding a question.
No national ID is collected here.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from core.fields import ChoiceListField, PhoneNumberField
from core.localized import localized_name
from core.phones import normalise_email
from core.search import normalise
from submissions.models import Retention, RetentionAction, StatusFlow, Submission

from .volunteer import ApplicantLink, Volunteer

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
    # Days a coordinator has in each open status (a new one: SUBMISSION_OVERDUE_DAYS): past
    # them the record is overdue in the queue, and the applicant's page gives the date.
    service_levels={S.IN_REVIEW: 14},
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
    volunteer = models.ForeignKey(
        "volunteer_signup.Volunteer",
        verbose_name=_("volunteer"),
        null=True,
        blank=True,
        # A volunteer is deleted with their last application (volunteer_signup/signals.py).
        on_delete=models.PROTECT,
        related_name="applications",
    )
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
        indexes = [
            # ``same_person_before`` runs for every application sent and compares email
            # addresses case aside (``iexact``: UPPER on PostgreSQL). Without this it read
            # every application there is to find none.
            models.Index(Upper("email"), name="volunteer_application_email"),
        ]

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

    def same_person_before(self):
        """The most recent other application with the same phone or email, however old."""
        if not self.phone and not self.email:
            return None
        same_person = Q(phone=self.phone) if self.phone else Q()
        if self.email:
            same_person |= Q(email__iexact=self.email)
        earlier = VolunteerApplication.objects.filter(same_person)
        if self.pk:
            earlier = earlier.exclude(pk=self.pk)
        return earlier.order_by("-submitted_at").first()

    def join_volunteer(self):
        """Set ``volunteer`` and ``repeat_of`` of a new application from the last one with the
        same phone or email: one query. ``repeat_of`` flags it for coordinators whoever sent it;
        the volunteer is joined only when the name is the same too (normalised as search
        does), because a volunteer's sign-ups and hours are shown to their applications: a
        family sharing a phone, or someone typing another's number, must not see them. Else
        a new volunteer."""
        earlier = self.same_person_before()
        since = (self.submitted_at or timezone.now()) - timedelta(days=REPEAT_WINDOW_DAYS)
        self.repeat_of = earlier if earlier is not None and earlier.submitted_at >= since else None
        same_name = earlier is not None and normalise(earlier.full_name) == normalise(self.full_name)
        if same_name and earlier.volunteer_id:
            self.volunteer_id = earlier.volunteer_id
        else:
            self.volunteer = Volunteer.objects.create(created_at=self.submitted_at or timezone.now())

    def other_applications(self):
        """The same volunteer's other applications, newest first (for the inspect view)."""
        if not self.volunteer_id:
            return VolunteerApplication.objects.none()
        return self.volunteer.applications.exclude(pk=self.pk).order_by("-submitted_at")

    def anonymise(self):
        # Nobody may open an emptied record through a link sent before.
        self.links.revoke()
        super().anonymise()
        # What the volunteer wrote about work they reported is their own words: it goes
        # with their last application that still names them. The hours still count.
        if self.volunteer_id and not self.volunteer.applications.filter(anonymised_at__isnull=True).exists():
            self.volunteer.forget_own_words()

    def related_personal_data(self):
        if not self.volunteer_id:
            return {}
        signups = self.volunteer.signups.select_related("opportunity").order_by("created_at")
        return {
            "volunteer": self.volunteer.reference,
            "sign_ups": [
                {
                    "opportunity": signup.opportunity.title,
                    "starts_at": signup.opportunity.starts_at,
                    "status": signup.get_status_display(),
                    "signed_up_at": signup.created_at,
                }
                for signup in signups
            ],
            "reported_hours": [
                {
                    "day": report.worked_on,
                    "hours": str(report.hours),
                    "what_was_done": report.description,
                    "status": report.get_status_display(),
                    "reason": report.reason,
                    "reported_at": report.reported_at,
                }
                for report in self.volunteer.reported_hours.order_by("reported_at")
            ],
        }

    @classmethod
    def purge_ended_records(cls, now, dry_run):
        """Personal links that stopped working more than ``PERSONAL_LINK_DAYS`` ago: kept that
        long so the coordinator's view can still say when the applicant last opened their page."""
        cutoff = now - timedelta(days=settings.PERSONAL_LINK_DAYS)
        ended = ApplicantLink.objects.filter(Q(expires_at__lt=cutoff) | Q(revoked_at__lt=cutoff))
        count = ended.count()
        if count and not dry_run:
            ended.delete()
        return count

    def personal_link_url(self):
        """A new personal link to this application's page, in its language, for an email."""
        token = ApplicantLink.issue(self)
        with translation.override(self.locale.language_code):
            path = reverse("applicant_link", kwargs={"token": token})
        site = self.source_page.get_site() if self.source_page_id else None
        site = site or Site.objects.filter(is_default_site=True).first()
        return (site.root_url if site else "").rstrip("/") + path

    # Roles and areas in the staff member's language. A listing or export sets
    # ``option_names`` (an ``OptionNames``) on each row so no row queries them.
    option_names = None

    @property
    def area_display(self):
        return localized_name(self.area, self.option_names) if self.area_id else ""

    @property
    def role_names(self):
        return [localized_name(role, self.option_names) for role in self.roles.all()]
