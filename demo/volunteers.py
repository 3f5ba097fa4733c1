"""Demo: volunteer roles and areas, opportunities, and a few obviously fictitious applications.

The application form itself is a block of the volunteer programme page
(demo/content/campaigns/volunteer-programme.toml).
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from demo.loader import in_language, read, snippet, snippets, submission, without
from volunteer_signup.models import (
    Area,
    Attendance,
    Opportunity,
    ReportedHours,
    SignUp,
    SignUpStatus,
    VolunteerApplication,
    VolunteerRole,
)


def load(demo):
    snippets(demo, VolunteerRole, "volunteer_roles")
    snippets(demo, Area, "areas")
    opportunities = _opportunities(demo)
    if VolunteerApplication.objects.filter(email__startswith="demo.applicant").exists():
        return
    data = read("applications")
    page = demo.recall(Page, "volunteer-programme")
    now = timezone.now()
    for item in data["applications"]:
        _application(demo, item, data["motivation"], page, now)
    demo.say(f"  {len(data['applications'])} fictitious applications in different statuses")
    _sign_up_the_accepted(opportunities)
    _reported_hours(demo)


def _opportunities(demo):
    """Opportunities past and upcoming, in both languages, timed from today."""
    today = timezone.localdate()
    made = []
    for item in read("opportunities")["opportunities"]:
        hour, minute = (int(part) for part in item["start"].split(":"))
        starts = timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=item["days"]), datetime.time(hour, minute))
        )
        data = without(item, "days", "start", "hours", "accepted_signed_up")
        data.update(starts_at=starts, ends_at=starts + datetime.timedelta(hours=item["hours"]))
        made.append((snippet(demo, Opportunity, data, lookup="title"), item.get("accepted_signed_up", False)))
    demo.say(f"  {len(made)} volunteering opportunities, past and upcoming, in both languages")
    return made


def _sign_up_the_accepted(opportunities):
    """The accepted volunteers hold a place on each opportunity marked ``accepted_signed_up``
    (the past one too, where they are marked as having come): sign-ups made before today,
    so no email is sent for them now."""
    accepted = VolunteerApplication.objects.filter(status="accepted", volunteer__isnull=False)
    for application in accepted:
        for opportunity, signed_up in opportunities:
            if not signed_up:
                continue
            past = opportunity.ends_at < timezone.now()
            SignUp.objects.get_or_create(
                volunteer=application.volunteer,
                opportunity=opportunity.original,
                defaults={
                    "status": SignUpStatus.BOOKED,
                    "created_at": application.status_changed_at,
                    # They came to the one that is over: its hours count on their page.
                    "attendance": Attendance.ATTENDED if past else "",
                    "attendance_marked_at": opportunity.ends_at if past else None,
                },
            )


def _application(demo, item, motivation, page, now):
    """One application as a resident would have sent it: in its language, from the page in that language."""
    language = item["language"]
    submitted = now - datetime.timedelta(days=item["days_ago"], hours=3)
    # Plain answers come as they are in the data file (a new answer field needs only its value
    # there); options are looked up in the application's language. The model normalises the phone.
    answers = {name: item[name] for name in VolunteerApplication.ANSWER_FIELDS if name in item}
    answers.pop("roles", None)
    answers["area"] = in_language(demo, demo.recall(Area, answers["area"]), language)
    application = VolunteerApplication(
        **answers,
        motivation=motivation[language],
        consented_at=submitted,
        **submission(demo, language, page, item["status"], submitted),
    )
    application.join_volunteer()  # as the form does: one volunteer per person
    application.save()
    application.roles.set([in_language(demo, demo.recall(VolunteerRole, key), language) for key in item["roles"]])
    _history(application, submitted, now)


#: How a coordinator brought each demo application to its status, with the reason a
#: decision needs (staff read it in the history; applicants never see it).
PATHS = {
    "in_review": [("in_review", "")],
    "accepted": [("in_review", ""), ("accepted", "Met at the centre; first-aid certificate seen.")],
    "waitlisted": [("in_review", ""), ("waitlisted", "No place in the old town's crisis team this season.")],
    "declined": [("in_review", ""), ("declined", "Under 18 on the day of the foundation course.")],
}


def _history(application, submitted, now):
    """The status changes as the queue would have logged them, two days apart, so the
    applicant's timeline and the coordinator's history read as they would for real."""
    previous, when = "new", submitted
    for status, reason in PATHS.get(application.status, []):
        when = min(when + datetime.timedelta(days=2), now - datetime.timedelta(hours=1))
        data = {"old": previous, "new": status, "reason": reason}
        log(application, "sharaka.submission.status", data=data, timestamp=when)
        previous = status
    if previous != "new":
        VolunteerApplication.objects.filter(pk=application.pk).update(status_changed_at=when)


def _reported_hours(demo):
    """Hours the accepted volunteers reported: approved ones that count, one waiting."""
    today = timezone.localdate()
    items = read("reported_hours")["reported_hours"]
    for item in items:
        application = VolunteerApplication.objects.get(email=item["applicant"])
        worked_on = today - datetime.timedelta(days=item["days_ago"])
        decided = item["status"] != "pending"
        ReportedHours.objects.create(
            volunteer=application.volunteer,
            worked_on=worked_on,
            hours=Decimal(item["hours"]),
            role=in_language(demo, demo.recall(VolunteerRole, item["role"]), application.locale.language_code),
            area=in_language(demo, demo.recall(Area, item["area"]), application.locale.language_code),
            description=item["description"],
            status=item["status"],
            reported_at=timezone.make_aware(datetime.datetime.combine(worked_on, datetime.time(20, 0))),
            decided_at=timezone.make_aware(datetime.datetime.combine(worked_on, datetime.time(10, 0)))
            + datetime.timedelta(days=1)
            if decided
            else None,
        )
    demo.say(f"  {len(items)} reports of hours worked outside an opportunity")
