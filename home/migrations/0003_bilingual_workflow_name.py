"""Wagtail names its default workflow and task "Moderators approval", in English,
and the names are data, shown as they are in the Arabic admin. Both languages'
staff read them, so they get a bilingual name (an editor can rename them)."""

from django.db import migrations

OLD = "Moderators approval"
NEW = "موافقة المشرفين · Moderators approval"


def rename(apps, schema_editor):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=OLD).update(name=NEW)


def rename_back(apps, schema_editor):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=NEW).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_locales_and_home_page"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
