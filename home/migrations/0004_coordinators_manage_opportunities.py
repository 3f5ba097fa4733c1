"""Volunteer coordinators publish and manage volunteering opportunities (issue 14); nobody
else is given them (feedback officers, editors and translators see none of it)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def _ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="volunteer_signup", codename__in=[f"{action}_opportunity" for action in ACTIONS]
    )
    for group in Group.objects.filter(name="Volunteer coordinators"):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="volunteer_signup", codename__endswith="_opportunity"
    )
    for group in Group.objects.filter(name="Volunteer coordinators"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_staff_groups"),
        ("volunteer_signup", "0004_opportunities_and_signups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
