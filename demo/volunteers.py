"""Demo: volunteer roles and areas, and a few obviously fictitious applications.

The application form itself is a block of the volunteer programme page
(demo/content/campaigns/volunteer-programme.toml).
"""

import datetime

from django.utils import timezone
from wagtail.models import Page

from demo.loader import in_language, read, snippets, submission
from volunteer_signup.models import Area, VolunteerApplication, VolunteerRole


def load(demo):
    snippets(demo, VolunteerRole, "volunteer_roles")
    snippets(demo, Area, "areas")
    if VolunteerApplication.objects.filter(email__startswith="demo.applicant").exists():
        return
    data = read("applications")
    page = demo.recall(Page, "volunteer-programme")
    now = timezone.now()
    for item in data["applications"]:
        _application(demo, item, data["motivation"], page, now)
    demo.say(f"  {len(data['applications'])} fictitious applications in different statuses")


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
