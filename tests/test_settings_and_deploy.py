"""Settings and deployment: safe defaults in base.py, a clean `check --deploy` in production,
no start without a secret, and development accounts that never exist outside development.

Settings modules are imported in subprocesses with a clean environment, so that
what the test runner's own environment happens to contain cannot hide a bad default.
"""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.utils import get_random_secret_key

from tests.conftest import sign_in

BASE_DIR = Path(django_settings.BASE_DIR)

DUMP_SETTINGS = """
import json
from django.conf import settings
validators = {v["NAME"].rsplit(".", 1)[-1]: v.get("OPTIONS", {}) for v in settings.AUTH_PASSWORD_VALIDATORS}
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "MIDDLEWARE": settings.MIDDLEWARE,
    "X_FRAME_OPTIONS": settings.X_FRAME_OPTIONS,
    "WAGTAIL_ENABLE_UPDATE_CHECK": getattr(settings, "WAGTAIL_ENABLE_UPDATE_CHECK", True),
    "WAGTAIL_GRAVATAR_PROVIDER_URL": getattr(settings, "WAGTAIL_GRAVATAR_PROVIDER_URL", "gravatar"),
    "PASSWORD_VALIDATORS": validators,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "DB_ENGINE": settings.DATABASES["default"]["ENGINE"],
    "STATICFILES_BACKEND": settings.STORAGES["staticfiles"]["BACKEND"],
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    "ALLOW_DEV_ACCOUNTS": getattr(settings, "SHARAKA_ALLOW_DEV_ACCOUNTS", None),
    "COOKIE_NAMES": [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME],
    "CSP": bool(settings.CONTENT_SECURITY_POLICY),
}))
"""


def clean_env(tmp_path, settings_module, **variables):
    """An environment with nothing from the test runner but PATH, and the given variables."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "DJANGO_SETTINGS_MODULE": settings_module,
    }
    env.update(variables)
    return env


def production_env(tmp_path, **overrides):
    """A realistic production environment: random 50-character secret, real host names."""
    variables = {
        "SECRET_KEY": get_random_secret_key(),
        "ALLOWED_HOSTS": "sharaka.example,www.sharaka.example",
        "CSRF_TRUSTED_ORIGINS": "https://sharaka.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "WAGTAILADMIN_BASE_URL": "https://sharaka.example",
        "DEFAULT_FROM_EMAIL": "Sharaka <no-reply@sharaka.example>",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "TRUSTED_PROXIES": "10.0.1.0/24,10.0.2.0/24",
        "STAFF_EMAIL_DOMAINS": "police.example",
    }
    variables.update(overrides)
    return clean_env(tmp_path, "config.settings.production", **{k: v for k, v in variables.items() if v is not None})


def manage(env, *args):
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def dump_settings(env):
    result = manage(env, "shell", "-c", DUMP_SETTINGS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def base_settings(tmp_path_factory):
    """config.settings.base as loaded with only a secret key in the environment."""
    tmp_path = tmp_path_factory.mktemp("base")
    secret = get_random_secret_key()
    return dump_settings(
        clean_env(tmp_path, "config.settings.base", SECRET_KEY=secret, DATABASE_URL=f"sqlite:///{tmp_path / 'b.db'}")
    )


def test_base_settings_have_debug_off_by_default(base_settings):
    assert base_settings["DEBUG"] is False
    assert base_settings["ALLOWED_HOSTS"] == []


def test_whitenoise_comes_right_after_security_middleware(base_settings):
    """The probes first (no host check, no HTTPS redirect for a load balancer), then the
    request id every later log line carries, then security and static files."""
    assert base_settings["MIDDLEWARE"][:4] == [
        "core.health.HealthCheckMiddleware",
        "core.request_ids.RequestIDMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_locale_middleware_sits_between_session_and_common(base_settings):
    middleware = base_settings["MIDDLEWARE"]
    session = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    locale = middleware.index("core.middleware.LocaleMiddleware")
    common = middleware.index("django.middleware.common.CommonMiddleware")
    assert session < locale < common


def test_pages_may_not_be_framed(base_settings):
    assert base_settings["X_FRAME_OPTIONS"] == "DENY"
    assert "django.middleware.clickjacking.XFrameOptionsMiddleware" in base_settings["MIDDLEWARE"]


def test_admin_makes_no_update_check_or_gravatar_requests(base_settings):
    assert base_settings["WAGTAIL_ENABLE_UPDATE_CHECK"] is False
    assert base_settings["WAGTAIL_GRAVATAR_PROVIDER_URL"] is None


def test_passwords_need_at_least_twelve_characters(base_settings):
    assert base_settings["PASSWORD_VALIDATORS"]["MinimumLengthValidator"]["min_length"] >= 12
    assert base_settings["LANGUAGE_CODE"] == "ar"


def test_password_validation_refuses_eleven_characters_and_accepts_twelve():
    with pytest.raises(ValidationError):
        validate_password("Kx7#mQ2!vLp")  # 11 characters
    validate_password("Kx7#mQ2!vLpz")  # 12 characters, not common, not numeric


def test_base_settings_without_a_secret_key_do_not_start(tmp_path):
    result = manage(
        clean_env(tmp_path, "config.settings.base", DATABASE_URL=f"sqlite:///{tmp_path / 'b.db'}"),
        "check",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_with_production_settings_prints_no_warnings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNING" not in output.upper()
    assert "security.W" not in output


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = manage(production_env(tmp_path, SECRET_KEY=None), "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "missing",
    ["ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "TRUSTED_PROXIES", "STAFF_EMAIL_DOMAINS", "WAGTAILADMIN_BASE_URL"],
)
def test_production_refuses_to_start_without_required_variables(tmp_path, missing):
    result = manage(production_env(tmp_path, **{missing: None}), "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_keeps_debug_off_and_https_only_even_if_debug_is_set(tmp_path):
    values = dump_settings(production_env(tmp_path, DEBUG="true"))
    assert values["DEBUG"] is False
    assert values["STATICFILES_BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["ALLOWED_HOSTS"] == ["sharaka.example", "www.sharaka.example"]
    assert values["DB_ENGINE"] == "django.db.backends.sqlite3"
    assert not values["ALLOW_DEV_ACCOUNTS"]
    # HTTPS-only, this host only, path /: a sibling subdomain cannot plant them.
    assert all(name.startswith("__Host-") for name in values["COOKIE_NAMES"]), values["COOKIE_NAMES"]
    assert values["CSP"]


@pytest.mark.django_db
def test_ensure_dev_accounts_refuses_without_the_development_setting(settings):
    if hasattr(settings, "SHARAKA_ALLOW_DEV_ACCOUNTS"):
        del settings.SHARAKA_ALLOW_DEV_ACCOUNTS
    users_before = get_user_model().objects.count()
    with pytest.raises(CommandError):
        call_command("ensure_dev_accounts", stdout=StringIO())
    assert get_user_model().objects.count() == users_before
    assert not get_user_model().objects.filter(username="admin").exists()


@pytest.mark.django_db
def test_ensure_dev_accounts_creates_accounts_when_development_allows_it(settings):
    """The control for the refusal above: the setting is what makes the difference."""

    settings.SHARAKA_ALLOW_DEV_ACCOUNTS = True
    out = StringIO()
    call_command("ensure_dev_accounts", stdout=out)
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert "admin" in out.getvalue()


@pytest.mark.django_db
def test_every_dev_account_can_save_its_own_account_settings_and_uses_the_arabic_admin(settings, client):
    """Wagtail's account page requires a first and a last name to save anything, the language included."""
    from wagtail.users.models import UserProfile

    settings.SHARAKA_ALLOW_DEV_ACCOUNTS = True
    call_command("ensure_dev_accounts", stdout=StringIO())
    for username in ("admin", "editor", "coordinator", "officer"):
        user = get_user_model().objects.get(username=username)
        assert user.first_name and user.last_name, username
        assert UserProfile.get_for_user(user).preferred_language == "ar", username
        sign_in(client, user)
        response = client.post(
            "/admin/account/",
            {
                "name_email-first_name": user.first_name,
                "name_email-last_name": user.last_name,
                "name_email-email": user.email,
                "locale-preferred_language": "en",
                "locale-current_time_zone": "",
                "theme-theme": "system",
                "theme-density": "default",
                "theme-contrast": "system",
                "theme-keyboard_shortcuts": "on",
            },
        )
        assert response.status_code == 302, (username, response.context and response.context.get("panels"))
        assert UserProfile.get_for_user(user).preferred_language == "en", username


def test_ensure_dev_accounts_refuses_with_production_settings(tmp_path):
    result = manage(production_env(tmp_path), "ensure_dev_accounts")
    assert result.returncode != 0
    assert "sharaka-dev-password" not in result.stdout
    assert "disabled" in (result.stdout + result.stderr).lower()


def test_every_environment_variable_is_listed_in_the_readme():
    """Issue 2: every variable is declared once (ENV_SCHEMA) and listed in a README table."""
    from config.settings.base import ENV_SCHEMA

    readme = BASE_DIR / "README.md"
    assert readme.exists(), "README.md is missing"
    text = readme.read_text(encoding="utf-8")
    table_rows = [line for line in text.splitlines() if line.lstrip().startswith("|")]
    documented = " ".join(table_rows)
    for name in ["SECRET_KEY", *ENV_SCHEMA]:
        assert f"`{name}`" in documented or f"| {name} " in documented, f"{name} is not in the README table"


@pytest.mark.django_db
def test_a_database_built_by_the_old_migrations_is_refused_with_the_reset_command():
    """`make run` runs check_migration_history before migrate: an old db.sqlite3 gets a clear way out."""
    from django.core.management import CommandError
    from django.db import connection

    call_command("check_migration_history")  # the test database matches the code
    with connection.cursor() as cursor:  # rolled back with the test
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
            ["volunteer_signup", "0005_phones_in_e164", "2026-12-01 00:00:00"],
        )
    with pytest.raises(CommandError) as error:
        call_command("check_migration_history")
    message = str(error.value)
    assert "volunteer_signup.0005_phones_in_e164" in message
    assert "no longer exist" in message
    assert "make run" in message or "make reset" in message
