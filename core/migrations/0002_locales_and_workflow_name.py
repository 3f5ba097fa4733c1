"""Both languages exist after ``migrate``, and Wagtail's default workflow has a bilingual name.

Wagtail's own migrations create the first Locale from LANGUAGE_CODE ("ar");
this adds English. Wagtail names its default workflow and task "Moderators
approval", in English, and the names are data, shown as they are in the Arabic
admin. Both languages' staff read them, so they get a bilingual name (an
editor can rename them).
"""

from django.db import migrations

OLD = "Moderators approval"
NEW = "موافقة المشرفين · Moderators approval"


def create_locales_and_name_workflow(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    for language_code in ("ar", "en"):
        Locale.objects.get_or_create(language_code=language_code)
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=OLD).update(name=NEW)


def rename_back(apps, schema_editor):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=NEW).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales_and_name_workflow, rename_back)]
