"""Create local accounts for trying the site, and print how to log in.

Development only: refuses to run unless the settings allow it (dev.py does,
production.py never does), because fixed passwords must never exist on a
real site.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from wagtail.users.models import UserProfile

DEV_PASSWORD = "sharaka-dev-password"  # noqa: S105 - local development only, see the docstring

# username, first name, group (None = superuser), admin language
ACCOUNTS = [
    ("admin", "Admin", None, "ar"),
    ("editor", "Editor", "Editors", "ar"),
    ("coordinator", "Coordinator", "Volunteer coordinators", "ar"),
    ("officer", "Officer", "Feedback officers", "en"),
]


class Command(BaseCommand):
    help = "Create local development accounts (never in production)."

    def handle(self, *args, **options):
        if not getattr(settings, "SHARAKA_ALLOW_DEV_ACCOUNTS", False):
            raise CommandError("Development accounts are disabled in these settings.")
        User = get_user_model()
        rows = []
        for username, first_name, group_name, language in ACCOUNTS:
            group = None
            if group_name:
                group = Group.objects.filter(name=group_name).first()
                if group is None:
                    continue
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "email": f"{username}@sharaka.example",
                    "is_staff": group is None,
                    "is_superuser": group is None,
                },
            )
            if created:
                user.set_password(DEV_PASSWORD)
                user.save()
                profile = UserProfile.get_for_user(user)
                profile.preferred_language = language
                profile.save()
            if group is not None:
                user.groups.add(group)
            rows.append((username, group_name or "superuser"))
        self.stdout.write("Log in at /admin/ with one of these local accounts:")
        for username, role in rows:
            self.stdout.write(f"  {username:<12} {DEV_PASSWORD}   ({role})")
