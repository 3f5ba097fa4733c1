"""Print the code a development account's authenticator app would show now.

For trying the second factor without a phone: the set-up page shows a key, and
this reads the same key from the database. Development only, like the accounts
themselves (``ensure_dev_accounts``): production settings refuse it.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print a development account's current authenticator code (never in production)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not getattr(settings, "SHARAKA_ALLOW_DEV_ACCOUNTS", False):
            raise CommandError("Development accounts are disabled in these settings.")
        user = get_user_model().objects.filter(username=username).first()
        device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first() if user else None
        if device is None:
            raise CommandError(f"{username} has no authenticator yet: sign in once to reach the set-up page.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        seconds_left = device.step - int(totp.time - device.t0) % device.step
        self.stdout.write(f"{totp.token():0{device.digits}d}  (valid for {seconds_left} more seconds)")
