"""Local development: debug on, a throwaway secret, emails printed to the console."""

import os

os.environ.setdefault("SECRET_KEY", "django-insecure-local-development-only-not-for-production")
os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: F403

ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Let `make run` create local accounts (home.management.commands.ensure_dev_accounts).
SHARAKA_ALLOW_DEV_ACCOUNTS = True
# One process serves everything locally, so an in-process cache is shared enough.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
