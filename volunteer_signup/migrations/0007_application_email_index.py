"""An index for finding a person's earlier applications by email, case aside
(``VolunteerApplication.same_person_before``, run for every application sent)."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("volunteer_signup", "0006_reported_hours"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="volunteerapplication",
            index=models.Index(django.db.models.functions.text.Upper("email"), name="volunteer_application_email"),
        ),
    ]
