"""Production: HTTPS only, compressed and fingerprinted static files.

Required environment: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL,
TRUSTED_PROXIES, STAFF_EMAIL_DOMAINS, WAGTAILADMIN_BASE_URL. A missing one stops the process at
start: without Redis each app server would count rate limits on its own, and
without the proxies' networks every resident would share the proxy's limit
(HTTPS ends at the load balancer, so production always runs behind proxies).
"""

import os

from django.core.exceptions import ImproperlyConfigured

REQUIRED_IN_PRODUCTION = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "TRUSTED_PROXIES",
    "STAFF_EMAIL_DOMAINS",
    "WAGTAILADMIN_BASE_URL",
)
for _name in REQUIRED_IN_PRODUCTION:
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"{_name} must be set in production.")

from .base import *  # noqa: E402,F403

DEBUG = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# "__Host-": the browser takes these cookies only over HTTPS, for this host and path /,
# so a sibling subdomain cannot plant or overwrite them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_NAME = "__Host-language"
# django-ratelimit calls Django's own Redis cache "not officially supported";
# it is atomic and shared, which is what the limits need.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
