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

# username, first and last name, group (None = superuser). Every account's admin is in
# Arabic, the site's default language; each user can switch under Account settings,
# which needs a first and a last name to save.
ACCOUNTS = [
    ("admin", "Amal", "Haddad", None),
    ("editor", "Huda", "Saleh", "Editors"),
    ("coordinator", "Omar", "Nasser", "Volunteer coordinators"),
    ("officer", "Rana", "Khalil", "Feedback officers"),
    ("answerer", "Samir", "Awad", "Answerers"),
]
ADMIN_LANGUAGE = "ar"


class Command(BaseCommand):
    help = "Create local development accounts (never in production)."

    def handle(self, *args, **options):
        if not getattr(settings, "SHARAKA_ALLOW_DEV_ACCOUNTS", False):
            raise CommandError("Development accounts are disabled in these settings.")
        User = get_user_model()
        rows = []
        for username, first_name, last_name, group_name in ACCOUNTS:
            group = None
            if group_name:
                group = Group.objects.filter(name=group_name).first()
                if group is None:
                    continue
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@sharaka.example",
                    "is_staff": group is None,
                    "is_superuser": group is None,
                },
            )
            # Names are set on every run, so older local databases catch up.
            user.first_name, user.last_name = first_name, last_name
            if created:
                user.set_password(DEV_PASSWORD)
            user.save()
            if created:
                profile = UserProfile.get_for_user(user)
                profile.preferred_language = ADMIN_LANGUAGE
                profile.save()
            if group is not None:
                user.groups.add(group)
            rows.append((username, group_name or "superuser"))
        self.stdout.write("Log in at /admin/ with one of these local accounts (admin in Arabic; change it")
        self.stdout.write("under your name > Account > Language):")
        for username, role in rows:
            self.stdout.write(f"  {username:<12} {DEV_PASSWORD}   ({role})")
        self.stdout.write("admin, coordinator and officer set up two-step verification at their first sign-in:")
        self.stdout.write("scan the QR code with an authenticator app, or with no phone at hand run")
        self.stdout.write("  make code ACCOUNT=coordinator")
        self.stdout.write("for the code the app would show (development only).")
