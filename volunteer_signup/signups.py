"""Signing up for an opportunity, the waiting list, cancelling, and the reminder the day before.

Every change to an opportunity's places locks its row first, so two volunteers taking
the last place at once get one place and one waiting-list position, and a cancellation
moves up exactly one person. A volunteer is never booked on two opportunities that
overlap in time: a sign-up that would clash is refused, and someone waiting whose
place would clash is passed over (they keep their position) for the next.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone, translation
from django_tasks import default_task_backend, task

from submissions.notifications import queue_notice
from submissions.tasks import enqueue

from .calendar import opportunity_calendar
from .models import ApplicationStatus, Opportunity, SignUp, SignUpStatus, Volunteer, VolunteerApplication

REMIND_BEFORE = timedelta(days=1)


class SignUpRefused(Exception):
    """Why a sign-up cannot be made: ``code`` names the message the volunteer's page shows."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


@dataclass
class Place:
    """One sign-up as its volunteer reads it: the opportunity in their language."""

    signup: SignUp
    opportunity: Opportunity
    position: int = 0  # on the waiting list: 1 is next


def accepted_application(volunteer):
    """The volunteer's accepted application (their link and emails go through it), or None."""
    return (
        VolunteerApplication.objects.filter(volunteer=volunteer, status=ApplicationStatus.ACCEPTED)
        .select_related("locale", "source_page")
        .order_by("-status_changed_at")
        .first()
    )


def accepted_applications(volunteer_ids):
    """``{volunteer id: accepted application}`` for many volunteers in one query (the latest
    accepted application of each), for staff lists of who has a place."""
    found = {}
    applications = VolunteerApplication.objects.filter(
        volunteer_id__in=set(volunteer_ids), status=ApplicationStatus.ACCEPTED
    ).order_by("status_changed_at")
    for application in applications:
        found[application.volunteer_id] = application  # the latest wins
    return found


def in_language(opportunity, locale):
    """``opportunity``'s translation in ``locale``, else the original."""
    return Opportunity.objects.filter(translation_key=opportunity.translation_key, locale=locale).first() or opportunity


def _clash(volunteer, opportunity):
    return (
        SignUp.objects.filter(
            volunteer=volunteer,
            status=SignUpStatus.BOOKED,
            opportunity__starts_at__lt=opportunity.ends_at,
            opportunity__ends_at__gt=opportunity.starts_at,
        )
        .exclude(opportunity=opportunity)
        .select_related("opportunity")
        .first()
    )


def sign_up(volunteer, opportunity):
    """Book a place, or a place on the waiting list; return the sign-up. Raises SignUpRefused.

    Locks the opportunity, then the volunteer (always in that order): two volunteers
    taking the last place, and one volunteer booking two overlapping opportunities in two
    tabs, are decided one after the other.
    """
    application = accepted_application(volunteer)
    if application is None:
        raise SignUpRefused("not_found")
    with transaction.atomic():
        original = Opportunity.objects.select_for_update().get(pk=opportunity.original.pk)
        Volunteer.objects.select_for_update().filter(pk=volunteer.pk).first()
        if original.starts_at <= timezone.now():
            raise SignUpRefused("started")
        live = SignUp.objects.filter(volunteer=volunteer, opportunity=original).exclude(status=SignUpStatus.CANCELLED)
        if live.exists():
            return live.get()
        if _clash(volunteer, original) is not None:
            raise SignUpRefused("clash")
        places = original.signups.exclude(status=SignUpStatus.CANCELLED)
        booked = places.filter(status=SignUpStatus.BOOKED).count()
        # A newcomer does not pass anyone already waiting.
        free = booked < original.capacity and not places.filter(status=SignUpStatus.WAITING).exists()
        status = SignUpStatus.BOOKED if free else SignUpStatus.WAITING
        signup = SignUp.objects.create(volunteer=volunteer, opportunity=original, status=status)
        _tell(signup, application, "booked" if status == SignUpStatus.BOOKED else "waiting")
    return signup


def cancel(signup, by_coordinator=False):
    """Give up a place or a waiting-list position; the next person waiting gets the place.
    A sign-up for an opportunity that has started stays as it is (attendance is marked on it).
    Returns False when it had been given up already. A volunteer who gave up a place is
    emailed its calendar file; one a coordinator took off a list is emailed too."""
    with transaction.atomic():
        original = Opportunity.objects.select_for_update().get(pk=signup.opportunity_id)
        signup.refresh_from_db()
        if signup.status == SignUpStatus.CANCELLED:
            return False
        if original.starts_at <= timezone.now():
            raise SignUpRefused("started")
        had_place = signup.status == SignUpStatus.BOOKED
        signup.status = SignUpStatus.CANCELLED
        signup.changed_at = timezone.now()
        signup.save(update_fields=["status", "changed_at"])
        application = accepted_application(signup.volunteer)
        if application is not None and (had_place or by_coordinator):
            _tell(signup, application, "cancelled" if had_place else "taken_off_list", by_coordinator=by_coordinator)
        fill_places(original)
    return True


def fill_places(original):
    """Give every free place of ``original`` (locked by the caller) to the people waiting, in
    order, passing over anyone a place would double-book or who is no longer accepted.
    Run after a cancellation, a capacity raised, a volunteer's sign-ups deleted."""
    if original.starts_at <= timezone.now():
        return
    free = original.capacity - original.signups.filter(status=SignUpStatus.BOOKED).count()
    for waiting in original.signups.filter(status=SignUpStatus.WAITING).select_related("volunteer"):
        if free <= 0:
            return
        Volunteer.objects.select_for_update().filter(pk=waiting.volunteer_id).first()
        if _clash(waiting.volunteer, original) is not None:
            continue
        application = accepted_application(waiting.volunteer)
        if application is None:
            continue
        waiting.status = SignUpStatus.BOOKED
        waiting.changed_at = timezone.now()
        waiting.save(update_fields=["status", "changed_at"])
        _tell(waiting, application, "moved_up")
        free -= 1


def give_up_everything(volunteer):
    """A volunteer no longer accepted gives up every place and waiting-list position still to
    come, so that others move up (emails are not sent: their application's notice says why)."""
    live = SignUp.objects.filter(volunteer=volunteer, opportunity__starts_at__gt=timezone.now()).exclude(
        status=SignUpStatus.CANCELLED
    )
    for signup in live.select_related("opportunity"):
        with transaction.atomic():
            original = Opportunity.objects.select_for_update().get(pk=signup.opportunity_id)
            SignUp.objects.filter(pk=signup.pk).update(status=SignUpStatus.CANCELLED, changed_at=timezone.now())
            fill_places(original)


def places(volunteer, locale):
    """The volunteer's live sign-ups, soonest first, with waiting-list positions. Three
    queries, however many sign-ups."""
    signups = list(
        SignUp.objects.filter(volunteer=volunteer, opportunity__ends_at__gt=timezone.now())
        .exclude(status=SignUpStatus.CANCELLED)
        .select_related("opportunity")
        .order_by("opportunity__starts_at")
    )
    waiting_on = [signup.opportunity_id for signup in signups if signup.status == SignUpStatus.WAITING]
    queues = {}
    if waiting_on:
        queued = SignUp.objects.filter(opportunity_id__in=waiting_on, status=SignUpStatus.WAITING)
        for opportunity_id, signup_id in queued.order_by("created_at", "pk").values_list("opportunity_id", "pk"):
            queues.setdefault(opportunity_id, []).append(signup_id)
    shown = all_in_language([signup.opportunity for signup in signups], locale)
    return [
        Place(
            signup,
            opportunity,
            queues[signup.opportunity_id].index(signup.pk) + 1 if signup.status == SignUpStatus.WAITING else 0,
        )
        for signup, opportunity in zip(signups, shown, strict=True)
    ]


def all_in_language(opportunities, locale):
    """Each of ``opportunities`` in ``locale`` where it is translated, else as it is, in
    order; one query for them all."""
    keys = {opportunity.translation_key for opportunity in opportunities}
    translated = (
        {
            opportunity.translation_key: opportunity
            for opportunity in Opportunity.objects.filter(translation_key__in=keys, locale=locale)
        }
        if keys
        else {}
    )
    return [translated.get(opportunity.translation_key, opportunity) for opportunity in opportunities]


def open_to(volunteer, locale):
    """Opportunities not started yet that the volunteer has not signed up for, each in
    ``locale`` (else in the language it was written in), with the places left. Two queries
    for the list, whatever its length."""
    taken = SignUp.objects.filter(volunteer=volunteer).exclude(status=SignUpStatus.CANCELLED)
    return with_places_left(
        Opportunity.objects.upcoming().exclude(translation_key__in=taken.values("opportunity__translation_key")), locale
    )


def with_places_left(opportunities, locale, limit=None):
    """One row per opportunity of ``opportunities``, in ``locale`` where it is translated
    (else in the language it was written in), soonest first, each with ``places_left``.
    Two queries, whatever the number."""
    chosen = {}
    for opportunity in opportunities.order_by("starts_at", "pk"):
        key = opportunity.translation_key
        if key not in chosen or opportunity.locale_id == locale.pk:
            chosen[key] = opportunity
    listed = sorted(chosen.values(), key=lambda opportunity: opportunity.starts_at)[:limit]
    booked = dict(
        SignUp.objects.filter(
            opportunity__translation_key__in=[opportunity.translation_key for opportunity in listed],
            status=SignUpStatus.BOOKED,
        )
        .values_list("opportunity__translation_key")
        .annotate(count=models.Count("pk"))
    )
    for opportunity in listed:
        opportunity.places_left = max(opportunity.capacity - booked.get(opportunity.translation_key, 0), 0)
    return listed


TEMPLATES = {
    "booked": "volunteer_signup/emails/signup_booked",
    "waiting": "volunteer_signup/emails/signup_waiting",
    "moved_up": "volunteer_signup/emails/signup_booked",
    "cancelled": "volunteer_signup/emails/signup_cancelled",
    "taken_off_list": "volunteer_signup/emails/signup_cancelled",
    "reminder": "volunteer_signup/emails/signup_reminder",
    "moved": "volunteer_signup/emails/signup_moved",
}


def _tell(signup, application, what, by_coordinator=False):
    """Email the volunteer (when they gave an address) about ``signup``, after the commit;
    a booking brings the calendar file and schedules the reminder."""
    if what in ("booked", "moved_up", "moved"):
        transaction.on_commit(lambda: schedule_reminder(signup))
    if not application.email:
        return
    opportunity = in_language(signup.opportunity, application.locale)
    with translation.override(application.locale.language_code):
        calendar = ""
        if what in ("booked", "moved_up", "moved", "cancelled"):
            calendar = opportunity_calendar(opportunity, signup, cancelled=what == "cancelled")
        email = queue_notice(
            application,
            to=application.email,
            template=TEMPLATES[what],
            extra={
                "opportunity": opportunity,
                "moved_up": what == "moved_up",
                "by_coordinator": by_coordinator,
                "was_waiting": what == "taken_off_list",
            },
            calendar=calendar,
            # What the volunteer did themselves counts against their address's daily budget.
            budgeted=what in ("booked", "waiting", "cancelled") and not by_coordinator,
        )
    transaction.on_commit(lambda: enqueue([email.pk]))


def tell_of_new_time(original):
    """The opportunity's time changed: everyone with a place gets the new time, a calendar
    file that moves the event, and a reminder for the new day before."""
    for signup in original.signups.filter(status=SignUpStatus.BOOKED).select_related("volunteer"):
        signup.opportunity = original
        SignUp.objects.filter(pk=signup.pk).update(reminded_at=None)
        application = accepted_application(signup.volunteer)
        if application is not None:
            _tell(signup, application, "moved")


def schedule_reminder(signup):
    """A task to remind the volunteer the day before. Only a backend that can run tasks later
    (the database queue of production) takes it; in development nothing is reminded."""
    if not default_task_backend.supports_defer:
        return
    remind_at = signup.opportunity.starts_at - REMIND_BEFORE
    if remind_at <= timezone.now():
        return
    send_reminder.using(run_after=remind_at).enqueue(signup.pk)


@task()
def send_reminder(signup_id):
    """Runs the day before: a reminder, unless the place was given up or the time changed."""
    with transaction.atomic():
        signup = SignUp.objects.select_for_update().select_related("opportunity").filter(pk=signup_id).first()
        if signup is None or signup.status != SignUpStatus.BOOKED or signup.reminded_at is not None:
            return
        now = timezone.now()
        if not (now < signup.opportunity.starts_at <= now + REMIND_BEFORE + timedelta(hours=1)):
            return  # moved or over: a new booking time brings its own reminder
        application = accepted_application(signup.volunteer)
        if application is None:
            return
        signup.reminded_at = now
        signup.save(update_fields=["reminded_at"])
        _tell(signup, application, "reminder")
