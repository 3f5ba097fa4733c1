"""Stored phone numbers in E.164, as home/phones.py now stores them: "0501234567"
and "+971501234567" were two people to the rate limit and to repeat detection.
Numbers that do not parse as a real number are left as they were."""

from django.db import migrations


def to_e164(apps, schema_editor):
    from home.phones import normalise_email, normalise_phone

    Application = apps.get_model("volunteer_signup", "VolunteerApplication")
    for application in Application.objects.exclude(phone="").only("phone", "email").iterator():
        phone = normalise_phone(application.phone) or application.phone
        email = normalise_email(application.email)
        if (phone, email) != (application.phone, application.email):
            Application.objects.filter(pk=application.pk).update(phone=phone, email=email)
    Response = apps.get_model("volunteer_signup", "SurveyResponse")
    for response in Response.objects.exclude(contact="").only("contact").iterator():
        contact = normalise_email(response.contact) if "@" in response.contact else normalise_phone(response.contact)
        if contact and contact != response.contact:
            Response.objects.filter(pk=response.pk).update(contact=contact)


class Migration(migrations.Migration):
    dependencies = [("volunteer_signup", "0004_find_text_for_every_queue")]

    operations = [migrations.RunPython(to_e164, migrations.RunPython.noop)]
