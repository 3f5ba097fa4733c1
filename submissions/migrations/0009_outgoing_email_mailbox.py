"""The recipient's mailbox stored beside each email, indexed with its time
(submissions/models/outbox.py, ``same_mailbox``).

Every form sent counts the emails a stranger made us send to one mailbox in the last
day. It used to match every email's address against a regular expression, reading
the whole table for each form: 4 ms at 6,000 emails, growing with every one.

Safe on a large, busy outbox: not one transaction (``atomic = False``), so no lock is
held for long. The column comes with a database default, so app servers still running
the code before it can go on writing emails; emails written before get their mailbox a
thousand at a time, each batch committed on its own; the index is built while writes go
on (core/migration_operations.py).
"""

from django.db import migrations, models

from core.migration_operations import AddIndexConcurrently
from submissions.models.outbox import same_mailbox

BATCH = 1000


def fill_in_mailboxes(apps, schema_editor):
    OutgoingEmail = apps.get_model("submissions", "OutgoingEmail")
    last = 0
    while True:
        batch = list(OutgoingEmail.objects.filter(pk__gt=last).order_by("pk").only("pk", "to")[:BATCH])
        if not batch:
            return
        for email in batch:
            email.mailbox = same_mailbox(email.to)
        OutgoingEmail.objects.bulk_update(batch, ["mailbox"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("submissions", "0008_outgoing_email_self_notice"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingemail",
            name="mailbox",
            field=models.CharField(db_default="", default="", editable=False, max_length=254),
        ),
        migrations.RunPython(fill_in_mailboxes, migrations.RunPython.noop, elidable=True),
        AddIndexConcurrently(
            model_name="outgoingemail",
            index=models.Index(fields=["mailbox", "created_at"], name="outgoing_email_budget"),
        ),
    ]
