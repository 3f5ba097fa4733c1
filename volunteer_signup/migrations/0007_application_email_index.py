"""An index for finding a person's earlier applications by email, case aside
(``VolunteerApplication.same_person_before``, run for every application sent), built
without stopping applications from being saved meanwhile (core/migration_operations.py)."""

import django.db.models.functions.text
from django.db import migrations, models

from core.migration_operations import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("volunteer_signup", "0006_reported_hours"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="volunteerapplication",
            index=models.Index(django.db.models.functions.text.Upper("email"), name="volunteer_application_email"),
        ),
    ]
