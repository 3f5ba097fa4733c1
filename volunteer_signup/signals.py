"""What happens around an application besides its own save: the applicant hears of every
status change, and a volunteer goes with their last application."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from submissions.models import status_changed
from submissions.notifications import queue_notice
from submissions.tasks import enqueue

from .models import Volunteer, VolunteerApplication


@receiver(status_changed, sender=VolunteerApplication)
def tell_the_applicant(sender, submission, **kwargs):
    """A short notice linking to their page, without the news itself: an inbox is not a
    safe place for "declined", and the page says it with what happens next."""
    if not submission.email or submission.anonymised_at:
        return
    email = queue_notice(submission, to=submission.email, template="volunteer_signup/emails/status_notice")
    transaction.on_commit(lambda: enqueue([email.pk]))


@receiver(post_delete, sender=VolunteerApplication)
def forget_volunteer_without_applications(sender, instance, **kwargs):
    """Erasure and retention delete applications; a volunteer with none left goes too
    (they hold nothing else yet)."""
    if instance.volunteer_id and not VolunteerApplication.objects.filter(volunteer_id=instance.volunteer_id).exists():
        Volunteer.objects.filter(pk=instance.volunteer_id).delete()
