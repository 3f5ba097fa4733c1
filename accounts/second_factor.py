"""Who needs a second factor, and the devices behind it (django-otp).

A staff member proves it is them with a password and a six-digit code from an
authenticator app (a TOTP device). At enrolment they also get single-use recovery
codes (a static device) for the day the phone is lost. Required for superusers and
for anyone holding one of ``SECOND_FACTOR_REQUIRED_PERMISSIONS`` (the queues of
residents' applications and responses); anyone else may enrol, and once enrolled
is always asked.

An account with a confirmed authenticator can only be re-enrolled after a
superuser resets it: a stolen password alone must never be enough to attach a new
phone. Both the set-up and a reset email the account holder (``notices``).
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from . import notices

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


def required_for(user):
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(user.has_perm(name) for name in settings.SECOND_FACTOR_REQUIRED_PERMISSIONS)


def is_enrolled(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_verify(user):
    """True while this signed-in user still owes us a code in this session."""
    if not user.is_authenticated or user.is_verified():
        return False
    return required_for(user) or is_enrolled(user)


def pending_app_device(user):
    """The authenticator being set up: the same secret on every visit until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=APP_DEVICE_NAME).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def new_recovery_codes(user):
    """Replace the user's recovery codes; returns the new ones (shown once, never again)."""
    with transaction.atomic():
        # The same device with new tokens: a session verified with an old code stays verified.
        device = StaticDevice.objects.filter(user=user).first()
        if device is None:
            device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def normalised(token):
    """What the person typed, without spaces or dashes, as the devices store it."""
    return "".join(token.split()).replace("-", "").lower()


def confirm_enrolment(request, device, token):
    """Confirm ``device`` with a first code; True and the session verified if it matched."""
    if not device.verify_token(normalised(token)):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        log(instance=device.user, action="sharaka.second_factor.enrol", user=device.user)
        notices.notify(device.user, notices.ENROLLED)
    otp_login(request, device)
    return True


def devices_for(user, token):
    """The devices a code is for: six digits come from the app, anything else is a recovery
    code. Only those are tried, so a mistyped app code never counts against (and never
    throttles) the recovery codes."""
    token = normalised(token)
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    return [device for device in devices_for_user(user, confirmed=True) if isinstance(device, kind)]


def verify(request, token):
    """Check a code from the app or a recovery code; the device that took it, or None.

    Each device counts its own failures and makes the next try wait longer
    (django-otp's throttling), so guessing six digits is hopeless. The devices are
    locked for the check (select_for_update), so one code cannot be used twice at once.
    """
    token = normalised(token)
    kinds = {type(device) for device in devices_for(request.user, token)}
    with transaction.atomic():
        for device in devices_for_user(request.user, confirmed=True, for_verify=True):
            if type(device) in kinds and device.verify_token(token):
                break
        else:
            return None
    otp_login(request, device)
    if isinstance(device, StaticDevice):
        log(instance=device.user, action="sharaka.second_factor.recovery_code", user=device.user)
    return device


def waiting_seconds(user, devices=None):
    """Seconds before the next code may be tried on ``devices``, after failed tries (0 if none)."""
    waits = []
    for device in devices if devices is not None else devices_for_user(user, confirmed=True):
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            waits.append((details["locked_until"] - timezone.now()).total_seconds())
    return int(max(waits)) + 1 if waits else 0


def reset(user, by):
    """Remove ``user``'s authenticator and recovery codes (a superuser's act, logged without secrets)."""
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        log(instance=user, action="sharaka.second_factor.reset", user=by)
        notices.notify(user, notices.RESET)
