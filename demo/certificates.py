"""Demo: one certificate, in Arabic, for the accepted demo volunteer who came to the past
opportunity, issued as they would issue it from their page (from the day they applied to
today). One is enough to open its PDF from the volunteer's page and its verification page;
a second language would show nothing new. Run again, it adds none."""

from django.utils import timezone

from certificates import issuing
from certificates.models import Certificate
from volunteer_signup.hours import totals
from volunteer_signup.models import VolunteerApplication


def load(demo):
    accepted = VolunteerApplication.objects.filter(
        status="accepted", volunteer__isnull=False, email__startswith="demo.applicant"
    ).order_by("submitted_at")
    for application in accepted:
        if Certificate.objects.filter(volunteer=application.volunteer).exists():
            demo.say("  a certificate already issued")
            return
        start, end = issuing.default_period(application.volunteer)
        hours, trainings = totals(application.volunteer, start, end)
        if not hours and not trainings:
            continue
        certificate, _created = issuing.issue(application, start, end, "ar")
        demo.say(f"  a certificate in Arabic for {certificate.volunteer_reference}, issued {timezone.localdate()}")
        return
