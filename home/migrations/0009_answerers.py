"""Answerers (issue 15): trained staff who answer residents' anonymous questions.

They see and work the anonymous questions queue, publish answers (snippets they may add,
correct, withdraw and delete), and keep the list of crisis words. Nobody else sees the
questions. Translators may translate published answers, and Editors and Moderators
correct them, as with the other snippets; neither sees a question.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ANSWERERS = "Answerers"
ANSWERER_CODENAMES = (
    "view_anonymousquestion",
    "change_anonymousquestion",
    "add_publishedanswer",
    "change_publishedanswer",
    "delete_publishedanswer",
    "change_crisiswords",
)


def _permissions(apps, *codenames):
    Permission = apps.get_model("auth.Permission")
    return list(Permission.objects.filter(content_type__app_label="feedback", codename__in=codenames))


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    answerers, _ = Group.objects.get_or_create(name=ANSWERERS)
    answerers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *_permissions(apps, *ANSWERER_CODENAMES),
    )
    for group in Group.objects.filter(name="Translators"):
        group.permissions.add(*_permissions(apps, "change_publishedanswer"))
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*_permissions(apps, "change_publishedanswer", "delete_publishedanswer"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.filter(name=ANSWERERS).delete()
    for group in Group.objects.filter(name__in=["Translators", "Editors", "Moderators"]):
        group.permissions.remove(*_permissions(apps, "change_publishedanswer", "delete_publishedanswer"))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_feedback_officers_page_comments"),
        ("feedback", "0003_default_crisis_words"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
