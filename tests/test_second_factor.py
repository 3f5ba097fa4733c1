"""The second factor for staff (issue 11, item 1): an authenticator app plus recovery codes.

Required for superusers and for everyone who can open the queues of residents'
data; checked on every /admin/ path, not only the dashboard; enrolment at first
sign-in; a superuser can reset a colleague's factor, and that is logged.
"""

import time

import pytest
import time_machine
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from accounts import second_factor
from tests.conftest import GROUPS, make_user, soup

pytestmark = pytest.mark.django_db

ENROL = "/admin/two-factor/set-up/"
VERIFY = "/admin/two-factor/verify/"
CODES = "/admin/two-factor/recovery-codes/"
# What a coordinator reaches in the admin: dashboard, queues, exports, choosers,
# previews, the translation editor's API, account pages.
ADMIN_PATHS = [
    "/admin/",
    "/admin/volunteer_application/",
    "/admin/volunteer_application/?export=csv",
    "/admin/survey_response/",
    "/admin/choose-page/",
    "/admin/pages/3/edit/preview/",
    "/admin/localize/api/edit-translation/",
    "/admin/account/",
    "/admin/users/",
]


def code_for(device, steps_ahead=0):
    """The code the authenticator app shows now (or ``steps_ahead`` periods later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def password_only(user, language="en"):
    """A browser past the password, not yet past the second factor."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    second_factor.new_recovery_codes(user)
    return device


@pytest.fixture
def coordinator_account(db):
    return make_user("coord_2fa", GROUPS["coordinator"])


@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_every_admin_path_sends_a_coordinator_to_set_up_the_second_factor(coordinator_account, path):
    response = password_only(coordinator_account).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL + "?next=")


@pytest.mark.parametrize("path", ["/admin/volunteer_application/", "/admin/localize/api/edit-translation/"])
def test_a_post_without_the_second_factor_is_refused(coordinator_account, path):
    assert password_only(coordinator_account).post(path, {"anything": "1"}).status_code == 403


def test_superusers_and_officers_need_it_editors_may_choose(db):
    assert second_factor.required_for(make_user("root_2fa", superuser=True))
    assert second_factor.required_for(make_user("officer_2fa", GROUPS["officer"]))
    editor = make_user("editor_2fa", GROUPS["editor"])
    assert not second_factor.required_for(editor)
    assert password_only(editor).get("/admin/").status_code == 200
    # Once an editor has set it up, it is asked for like anyone else's.
    enrolled(editor)
    assert password_only(editor).get("/admin/")["Location"].startswith(VERIFY)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_enrolment_at_first_sign_in_in_the_staff_members_language(
    language, mailoutbox, django_capture_on_commit_callbacks
):
    user = make_user(f"coord_{language}", GROUPS["coordinator"], language=language)
    client = password_only(user)
    response = client.get(ENROL, {"next": "/admin/volunteer_application/"})
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert page.html["dir"] == ("rtl" if language == "ar" else "ltr")
    with translation.override(language):
        assert page.h1.get_text(strip=True) == gettext("Set up two-step verification")
    assert page.select_one(".qr-code-frame svg")
    key = page.select_one("code.two-factor-key")
    assert key["dir"] == "ltr" and len(key.get_text().replace(" ", "")) == 32
    # The same key on reload, so a slow scan is not wasted.
    assert soup(client.get(ENROL)).select_one("code.two-factor-key").get_text() == key.get_text()

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(ENROL, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 422
    assert soup(wrong).select_one(".error")
    # A wrong code makes the next try wait a moment (django-otp's throttling), here too.
    assert client.post(ENROL, {"code": code_for(device)}).status_code == 429
    with time_machine.travel(time.time() + 2, tick=False), django_capture_on_commit_callbacks(execute=True):
        response = client.post(ENROL, {"code": code_for(device), "next": "/admin/volunteer_application/"})
    assert response.status_code == 302 and response["Location"].startswith(CODES)
    # The account holder is told, in their language (a stranger with the password would be noticed).
    (notice,) = mailoutbox
    assert notice.to == [user.email]
    with translation.override(language):
        assert notice.subject == gettext("Two-step verification was set up on your Sharaka account")
    assert code_for(device) not in notice.body and device.key not in notice.body

    codes_page = soup(client.get(response["Location"]))
    codes = [code.get_text() for code in codes_page.select(".recovery-codes code")]
    assert len(codes) == second_factor.RECOVERY_CODE_COUNT == len(set(codes))
    assert codes_page.select_one("main a.button")["href"] == "/admin/volunteer_application/"
    # Shown once only.
    assert not soup(client.get(CODES)).select(".recovery-codes code")
    assert client.get("/admin/volunteer_application/").status_code == 200
    assert ModelLogEntry.objects.filter(action="sharaka.second_factor.enrol", object_id=str(user.pk)).exists()


def test_an_enrolled_account_signs_in_with_a_code_and_a_code_works_once(coordinator_account):
    device = enrolled(coordinator_account)
    client = password_only(coordinator_account)
    assert client.get("/admin/")["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    code = code_for(device)
    response = client.post(VERIFY, {"code": code, "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    replay = password_only(coordinator_account)
    assert replay.post(VERIFY, {"code": code}).status_code == 422
    assert replay.get("/admin/").status_code == 302


def test_a_recovery_code_signs_in_once(coordinator_account):
    enrolled(coordinator_account)
    code = StaticDevice.objects.get(user=coordinator_account).token_set.first().token
    first = password_only(coordinator_account)
    assert first.post(VERIFY, {"code": code.upper()}).status_code == 302
    assert first.get("/admin/").status_code == 200
    assert second_factor.recovery_codes_left(coordinator_account) == second_factor.RECOVERY_CODE_COUNT - 1
    used = ModelLogEntry.objects.get(action="sharaka.second_factor.recovery_code")
    assert used.object_id == str(coordinator_account.pk) and not used.data
    second = password_only(coordinator_account)
    assert second.post(VERIFY, {"code": code}).status_code == 422


def test_wrong_codes_make_the_next_try_wait(coordinator_account):
    device = enrolled(coordinator_account)
    client = password_only(coordinator_account)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    assert client.post(VERIFY, {"code": wrong}).status_code == 422
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 429
    assert client.get("/admin/").status_code == 302


def test_a_password_alone_cannot_attach_a_new_phone(coordinator_account):
    enrolled(coordinator_account)
    client = password_only(coordinator_account)
    response = client.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=coordinator_account).count() == 1


def test_a_superuser_resets_a_colleagues_factor_and_it_is_logged(
    coordinator_account, login, staff, mailoutbox, django_capture_on_commit_callbacks
):
    enrolled(coordinator_account)
    admin = login(staff["superuser"])
    listing = soup(admin.get("/admin/users/"))
    assert listing.select_one(f'a[href="/admin/two-factor/reset/{coordinator_account.pk}/"]')
    assert admin.get(f"/admin/two-factor/reset/{coordinator_account.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/admin/two-factor/reset/{coordinator_account.pk}/")
    assert response.status_code == 302
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        ([coordinator_account.email], "Two-step verification was reset on your Sharaka account")
    ]
    assert not TOTPDevice.objects.filter(user=coordinator_account).exists()
    assert not StaticDevice.objects.filter(user=coordinator_account).exists()
    entry = ModelLogEntry.objects.get(action="sharaka.second_factor.reset", object_id=str(coordinator_account.pk))
    assert entry.user == staff["superuser"]
    assert not entry.data
    # At the next sign-in the colleague sets up a new phone.
    assert password_only(coordinator_account).get("/admin/")["Location"].startswith(ENROL)


def test_a_notice_that_cannot_be_sent_does_not_undo_the_set_up(
    coordinator_account, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_second_factor.BrokenMailBackend"
    client = password_only(coordinator_account)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=coordinator_account, confirmed=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ENROL, {"code": code_for(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=coordinator_account).confirmed
    assert "Could not send the second-factor notice (enrolled)" in caplog.text
    assert coordinator_account.email not in caplog.text


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_only_a_superuser_may_reset(coordinator_account, login, staff):
    enrolled(coordinator_account)
    for role in ("coordinator", "editor", "moderator"):
        assert login(staff[role]).post(f"/admin/two-factor/reset/{coordinator_account.pk}/").status_code == 403
    assert TOTPDevice.objects.filter(user=coordinator_account).exists()


def test_new_recovery_codes_replace_the_old_ones(coordinator_account, login):
    enrolled(coordinator_account)
    old = set(StaticDevice.objects.get(user=coordinator_account).token_set.values_list("token", flat=True))
    client = login(coordinator_account)
    page = soup(client.get(CODES))
    assert str(second_factor.RECOVERY_CODE_COUNT) in page.select_one("main p").get_text()
    response = client.post(CODES)
    new = [code.get_text() for code in soup(client.get(response["Location"])).select(".recovery-codes code")]
    assert len(new) == second_factor.RECOVERY_CODE_COUNT and not old & set(new)


def test_the_pages_of_the_second_factor_get_their_icons_and_translations(coordinator_account):
    """Every admin page fetches the icon sprite by script; sending that to the set-up page
    put a second copy of the page inside the first."""
    client = password_only(coordinator_account)
    assert client.get("/admin/sprite/").status_code == 200
    assert client.get("/admin/jsi18n/").status_code == 200


def test_make_code_prints_a_development_accounts_current_code(coordinator_account, settings):
    from io import StringIO

    from django.core.management import CommandError, call_command

    settings.SHARAKA_ALLOW_DEV_ACCOUNTS = True
    with pytest.raises(CommandError, match="no authenticator yet"):
        call_command("dev_totp_code", coordinator_account.username, stdout=StringIO())
    device = second_factor.pending_app_device(coordinator_account)
    out = StringIO()
    with time_machine.travel(time.time(), tick=False):
        call_command("dev_totp_code", coordinator_account.username, stdout=out)
        assert out.getvalue().split()[0] == code_for(device)
    settings.SHARAKA_ALLOW_DEV_ACCOUNTS = False
    with pytest.raises(CommandError, match="disabled"):
        call_command("dev_totp_code", coordinator_account.username, stdout=StringIO())


def test_mistyped_app_codes_never_lock_the_recovery_codes(coordinator_account):
    device = enrolled(coordinator_account)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    client = password_only(coordinator_account)
    assert client.post(VERIFY, {"code": wrong}).status_code == 422
    # The app is throttled for a moment; a recovery code is not.
    code = StaticDevice.objects.get(user=coordinator_account).token_set.first().token
    assert client.post(VERIFY, {"code": code}).status_code == 302
    assert StaticDevice.objects.get(user=coordinator_account).throttling_failure_count == 0


def test_whoever_answers_data_requests_needs_the_second_factor(db):
    from django.contrib.auth.models import Group, Permission

    user = make_user("dpo_2fa")
    group = Group.objects.create(name="Data protection officers")
    group.permissions.add(Permission.objects.get(codename="handle_data_requests"))
    user.groups.add(group)
    assert second_factor.required_for(user)
    assert password_only(user).get("/admin/data-requests/")["Location"].startswith(ENROL)
