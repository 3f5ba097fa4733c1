"""Test settings: fast hashing, in-memory cache and email, plain static storage."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-checks-0123456789")

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Serve static files straight from static/ and the apps (no collectstatic).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# Rate limits use the locmem cache in tests; production uses Redis.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# A page type with form blocks under other names in another StreamField (tests/test_form_blocks.py).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.embedding_app"]  # noqa: F405
# Off for the unit tests, which change content inside transactions that never commit
# (so the cache's generation is never bumped); tests/test_page_cache.py turns it on, and
# the browser tests run with it on, as make run does. The same for the kept parts of
# pages (core/fragment_cache.py; tests/test_fragment_cache.py turns them on).
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
