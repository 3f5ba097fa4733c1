"""Volunteer coordinators approve or decline the hours volunteers report (issue 14): they
may see reports and decide them ("change"); nobody adds, edits or deletes one in the admin
(``volunteer_signup/reported_admin.py``), and no other group sees them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("view_reportedhours", "change_reportedhours")


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(content_type__app_label="volunteer_signup", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Volunteer coordinators"):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(content_type__app_label="volunteer_signup", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Volunteer coordinators"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_certificate_permissions"),
        ("volunteer_signup", "0006_reported_hours"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
