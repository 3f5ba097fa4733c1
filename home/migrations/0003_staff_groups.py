"""Staff groups and what each may do.

* Volunteer coordinators see and work volunteer applications, nothing else.
* Feedback officers see and work survey responses, nothing else.
* Translators translate pages and snippets; they see no submissions.
* Editors and Moderators (Wagtail's own groups) also manage the campaign
  snippets, volunteering options and surveys; they see no submissions either.

Superusers see everything. The groups span the content and form apps, so
they are made here, in the app above them all. The permission rows are
created here first, because Django normally adds them only after all
migrations have run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SNIPPETS = [
    ("campaigns", "topic"),
    ("campaigns", "helpservice"),
    ("volunteer_signup", "volunteerrole"),
    ("volunteer_signup", "area"),
    ("surveys", "survey"),
]


def _ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_groups(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    access_admin = _permission(apps, "wagtailadmin", "access_admin")

    coordinators, _ = Group.objects.get_or_create(name="Volunteer coordinators")
    coordinators.permissions.add(
        access_admin,
        _permission(apps, "volunteer_signup", "view_volunteerapplication"),
        _permission(apps, "volunteer_signup", "change_volunteerapplication"),
    )

    officers, _ = Group.objects.get_or_create(name="Feedback officers")
    officers.permissions.add(
        access_admin,
        _permission(apps, "surveys", "view_surveyresponse"),
        _permission(apps, "surveys", "change_surveyresponse"),
    )

    translators, _ = Group.objects.get_or_create(name="Translators")
    translators.permissions.add(access_admin, _permission(apps, "wagtail_localize", "submit_translation"))
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        GroupPagePermission.objects.get_or_create(
            group=translators, page=root, permission=_permission(apps, "wagtailcore", "change_page")
        )
    for app_label, model in SNIPPETS:
        translators.permissions.add(_permission(apps, app_label, f"change_{model}"))

    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        for app_label, model in SNIPPETS:
            for action in ("add", "change", "delete"):
                group.permissions.add(_permission(apps, app_label, f"{action}_{model}"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(
        name__in=["Volunteer coordinators", "Feedback officers", "Translators"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_home_page"),
        ("volunteer_signup", "0001_initial"),
        ("surveys", "0001_initial"),
        ("campaigns", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
