"""Each email keeps one Message-ID for all its attempts (submissions/models/outbox.py).

Emails written before get one each here: a callable default in AddField is called once
and would give every existing row the same Message-ID.
"""

from django.db import migrations, models

import submissions.models.outbox


def give_each_email_its_own(apps, schema_editor):
    OutgoingEmail = apps.get_model("submissions", "OutgoingEmail")
    for email in OutgoingEmail.objects.filter(message_id="").only("pk").iterator(chunk_size=1000):
        OutgoingEmail.objects.filter(pk=email.pk).update(message_id=submissions.models.outbox.new_message_id())


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0004_forget_submissions_in_reference_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingemail",
            name="message_id",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.RunPython(give_each_email_its_own, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="outgoingemail",
            name="message_id",
            field=models.CharField(default=submissions.models.outbox.new_message_id, editable=False, max_length=255),
        ),
    ]
