"""What happens around an application or an opportunity besides its own save: the applicant
hears of every status change, a volunteer who is no longer accepted gives up their places,
an opportunity's times and places are the same in every language, freed places go to the
people waiting, and a volunteer goes with their last application."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from submissions.models import status_changed
from submissions.notifications import queue_notice
from submissions.tasks import enqueue

from . import signups
from .models import ApplicationStatus, Opportunity, SignUp, SignUpStatus, Volunteer, VolunteerApplication

#: Fields of an opportunity that are the same in every language (its translatable_fields'
#: synchronised ones whose values are not themselves translated).
SHARED = ("kind", "starts_at", "ends_at", "capacity", "is_public")


@receiver(status_changed, sender=VolunteerApplication)
def tell_the_applicant(sender, submission, old, new, user, **kwargs):
    """A short notice linking to their page, without the news itself: an inbox is not a
    safe place for "declined", and the page says it with what happens next. What the
    applicant did themselves counts against their address's daily budget (anyone who has
    the link could otherwise send it mail without end)."""
    if old == ApplicationStatus.ACCEPTED and new != ApplicationStatus.ACCEPTED and submission.volunteer_id:
        if signups.accepted_application(submission.volunteer) is None:
            signups.give_up_everything(submission.volunteer)
    if not submission.email or submission.anonymised_at:
        return
    email = queue_notice(
        submission,
        to=submission.email,
        template="volunteer_signup/emails/status_notice",
        budgeted=user is None,
    )
    transaction.on_commit(lambda: enqueue([email.pk]))


@receiver(pre_save, sender=Opportunity)
def remember_the_time(sender, instance, **kwargs):
    before = Opportunity.objects.filter(pk=instance.pk).values_list("starts_at", "ends_at").first()
    instance._time_before = before if instance.pk else None


@receiver(post_save, sender=Opportunity)
def share_times_and_places(sender, instance, **kwargs):
    """Whichever language's row was saved, every translation gets its times, places,
    kind and visibility; places a raised capacity frees go to the people waiting; a new
    time is sent to everyone with a place."""
    rows = Opportunity.objects.filter(translation_key=instance.translation_key)
    rows.exclude(pk=instance.pk).update(**{name: getattr(instance, name) for name in SHARED})
    with transaction.atomic():
        original = rows.select_for_update().order_by("pk").first()
        before = getattr(instance, "_time_before", None)
        if before is not None and before != (instance.starts_at, instance.ends_at):
            original.refresh_from_db()
            signups.tell_of_new_time(original)
        signups.fill_places(original)


@receiver(post_delete, sender=SignUp)
def free_the_place(sender, instance, **kwargs):
    """A place deleted with its volunteer (retention, erasure) goes to the next person waiting."""
    if instance.status == SignUpStatus.BOOKED:
        original = Opportunity.objects.select_for_update().filter(pk=instance.opportunity_id).first()
        if original is not None:
            signups.fill_places(original)


@receiver(post_delete, sender=VolunteerApplication)
def forget_volunteer_without_applications(sender, instance, **kwargs):
    """Retention deletes applications (and erasure, which first deletes the volunteer's
    sign-ups and reports: ``erase_hours``). With no application naming them left, what
    the volunteer wrote goes; with no application at all, the volunteer goes too, unless
    hours of theirs count: those stay, without a person, for the reports and figures."""
    volunteer = Volunteer.objects.filter(pk=instance.volunteer_id).first() if instance.volunteer_id else None
    if volunteer is None:
        return
    left = VolunteerApplication.objects.filter(volunteer=volunteer)
    if not left.exists():
        if not volunteer.keep_only_what_counts():
            volunteer.delete()
    elif not left.filter(anonymised_at__isnull=True).exists():
        volunteer.forget_own_words()


def erase_hours(record):
    """Before a data request erases a volunteer's last application: their sign-ups and
    reported hours go with them (retention keeps the hours that count; erasure does not).
    A ``before_erase_submission`` hook (submissions/data_requests.py)."""
    if not isinstance(record, VolunteerApplication) or not record.volunteer_id:
        return {}
    if VolunteerApplication.objects.filter(volunteer_id=record.volunteer_id).exclude(pk=record.pk).exists():
        return {}
    volunteer = record.volunteer
    return {
        "sign-ups": volunteer.signups.all().delete()[0],
        "reported hours": volunteer.reported_hours.all().delete()[0],
    }
