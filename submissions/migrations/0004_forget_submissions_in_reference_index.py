"""Remove residents' records from Wagtail's reference index.

Submissions are no longer indexed (``Submission.wagtail_reference_index_ignore``): the
index shows editors where content is used, and residents' records are not content.
Rows written before would stay behind a record's erasure; this removes them.
"""

from django.db import migrations

SUBMISSION_MODELS = [("volunteer_signup", "volunteerapplication"), ("surveys", "surveyresponse")]


def forget(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    types = [
        content_type.pk
        for app_label, model in SUBMISSION_MODELS
        for content_type in ContentType.objects.filter(app_label=app_label, model=model)
    ]
    ReferenceIndex.objects.filter(base_content_type_id__in=types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0003_data_request_permission"),
        ("wagtailcore", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
