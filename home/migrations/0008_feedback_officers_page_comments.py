"""Feedback officers own the comments readers leave after "Was this page helpful?" (issue
15): they see the comments queue and the page helpfulness report, and move comments on
(read, acted on, spam). Nobody adds or deletes a comment in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("view_pagecomment", "change_pagecomment")


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(content_type__app_label="feedback", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Feedback officers"):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(content_type__app_label="feedback", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Feedback officers"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_impact_figures_from_records"),
        ("feedback", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
