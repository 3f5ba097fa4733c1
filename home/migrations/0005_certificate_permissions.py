"""Volunteer coordinators see volunteers' certificates and revoke them (issue 14, item 5);
nobody else is given them (feedback officers, editors and translators see none of it).
Nobody is given add, change or delete: a certificate is issued by the volunteer from their
page and is never edited (certificates/viewsets.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("view_certificate", "revoke_certificate")


def _ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(content_type__app_label="certificates", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Volunteer coordinators"):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(content_type__app_label="certificates", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Volunteer coordinators"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_coordinators_manage_opportunities"),
        ("certificates", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
