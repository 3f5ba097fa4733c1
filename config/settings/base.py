"""Settings shared by every environment, with safe defaults.

Everything that varies between machines comes from environment variables, each
declared once in ``ENV_SCHEMA`` below with its type and default (the README
lists the same table). Variables whose wrong value would be a security problem
(``SECRET_KEY``) have no default at all, so a misconfigured deploy fails at
start instead of running insecurely. ``dev.py`` and ``test.py`` relax this for
local work; ``production.py`` tightens it further.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.logging import logging_settings
from config.storage import s3_public_origin

from .environment import REQUIRED, Environment

BASE_DIR = Path(__file__).resolve().parent.parent.parent

ENV_SCHEMA = {
    # name: (type, default); REQUIRED means there is no default.
    "SECRET_KEY": (str, REQUIRED),
    "SECRET_KEY_FALLBACKS": (list, []),
    "DEBUG": (bool, False),
    "ALLOWED_HOSTS": (list, []),
    "CSRF_TRUSTED_ORIGINS": (list, []),
    "DATABASE_URL": (str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    "REDIS_URL": (str, ""),
    "REDIS_TIMEOUT": (float, 0.25),
    "CACHE_RETRY_SECONDS": (float, 5.0),
    "LOG_FORMAT": (str, "plain"),
    "WORKER_STALE_SECONDS": (int, 300),
    "TASK_RESULT_RETENTION_DAYS": (int, 7),
    "EMAIL_STALE_SENDING_SECONDS": (int, 600),
    "SUBMISSION_IP_RATE": (str, "20/h"),
    "SUBMISSION_IDENTIFIER_RATE": (str, "5/d"),
    "EMAIL_HOST": (str, "localhost"),
    "EMAIL_PORT": (int, 25),
    "EMAIL_HOST_USER": (str, ""),
    "EMAIL_HOST_PASSWORD": (str, ""),
    "EMAIL_USE_TLS": (bool, False),
    "DEFAULT_FROM_EMAIL": (str, "Sharaka <no-reply@localhost>"),
    "WAGTAILADMIN_BASE_URL": (str, "http://localhost:8000"),
    "TIME_ZONE": (str, "Asia/Dubai"),
    "MEDIA_ROOT": (str, str(BASE_DIR / "media")),
    "MEDIA_STORAGE": (str, "local"),
    "S3_BUCKET": (str, ""),
    "S3_ENDPOINT_URL": (str, ""),
    "S3_REGION": (str, ""),
    "S3_PUBLIC_DOMAIN": (str, ""),
    "S3_USE_ACLS": (bool, False),
    "VARNISH_URLS": (list, []),
    "STATIC_ROOT": (str, str(BASE_DIR / "staticfiles")),
    "TASKS_BACKEND": (str, "django_tasks.backends.immediate.ImmediateBackend"),
    "SUBMISSION_MIN_FILL_SECONDS": (int, 3),
    "PAGE_CACHE_SECONDS": (int, 300),
    "PAGE_CACHE_PROXY_SECONDS": (int, 60),
    "FRAGMENT_CACHE_SECONDS": (int, 300),
    "SUBMISSION_OVERDUE_DAYS": (int, 5),
    "RECIPIENT_DAILY_EMAIL_LIMIT": (int, 3),
    "STAFF_EMAIL_DOMAINS": (list, []),
    "PHONE_REGION": (str, "AE"),
    "TRUSTED_PROXIES": (list, []),
    "FORWARDED_FOR_HEADER": (str, "HTTP_X_FORWARDED_FOR"),
    "LOGIN_FAILURE_LIMIT": (int, 5),
    "LOGIN_COOLOFF_MINUTES": (int, 15),
    "STAFF_IDLE_MINUTES": (int, 30),
    "STAFF_SESSION_MAX_HOURS": (int, 12),
    "CSP_REPORT_ONLY": (bool, False),
}
env = Environment(ENV_SCHEMA)

SECRET_KEY = env("SECRET_KEY")
# Old keys still accepted while a new one is rolled out (SECURITY.md, "Rotating the secret key").
SECRET_KEY_FALLBACKS = env("SECRET_KEY_FALLBACKS")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "accounts",
    "home",
    "campaigns",
    "submissions",
    "volunteer_signup",
    "surveys",
    "feedback",
    "certificates",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",  # its system checks refuse a cache that is not shared
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # /healthz and /readyz for load balancers, before the host check and the HTTPS redirect.
    "core.health.HealthCheckMiddleware",
    # Every log line and response carries the request's id.
    "core.request_ids.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages from the cache pass through as little as static files (core/page_cache.py).
    "core.page_cache.PageCacheMiddleware",
    "core.fragment_cache.KeptPartsMiddleware",
    "core.security_headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Public forms: checked by origin instead of a CSRF cookie (submissions/public_posts.py).
    "submissions.public_posts.PublicFormOriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.AdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.session_expiry.StaffSessionExpiryMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username + address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Connections are kept for a minute and checked before reuse: after a database restart
# the first request of each worker gets a new connection instead of an error.
DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for the lock instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache fails open (core/cache.py): with Redis down or silent, pages are
# rendered and forms accepted. Each call waits REDIS_TIMEOUT seconds at most; after a
# failure Redis is left alone for CACHE_RETRY_SECONDS.
REDIS_TIMEOUT = env("REDIS_TIMEOUT")
CACHE_RETRY_SECONDS = env("CACHE_RETRY_SECONDS")
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "sharaka",
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------
# Arabic is the default and must be set before the first migrate: Wagtail
# creates its first Locale from LANGUAGE_CODE.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ar", "العربية"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE")
# locale/ is ours, rebuilt by `make makemessages`; locale_overrides/ corrects the
# Arabic of the packages we use.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
# Western digits with "," grouping in both languages (Django's Arabic formats
# print 1234567,50); see config/formats/.
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# --- Static and media ------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT")
STATIC_URL = "/static/"
MEDIA_ROOT = env("MEDIA_ROOT")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Where uploads live: "local" (MEDIA_ROOT, one server: make run) or "s3" (an S3-compatible
# bucket shared by every app server; credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, as boto3 reads them). In the bucket, originals and documents are
# private (links are signed and expire; a document is served only after Wagtail's privacy
# check), and the renditions pages show are public, under their own prefix, with plain
# links that browsers and a CDN keep (S3_PUBLIC_DOMAIN: the CDN's host name).
MEDIA_STORAGE = env("MEDIA_STORAGE")
MEDIA_PUBLIC_ORIGINS = []  # where public images come from, besides this site (the CSP's img-src)
if MEDIA_STORAGE == "s3":
    _BUCKET = {
        "bucket_name": env("S3_BUCKET"),
        "endpoint_url": env("S3_ENDPOINT_URL") or None,
        "region_name": env("S3_REGION") or None,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    # Per-object ACLs only where the bucket allows them (S3_USE_ACLS): new Amazon S3 buckets
    # refuse them (Object Ownership "bucket owner enforced"), and a bucket policy making
    # renditions/* public does the same job there.
    _USE_ACLS = env("S3_USE_ACLS")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_BUCKET,
            "location": "media",
            "default_acl": "private" if _USE_ACLS else None,
            "querystring_expire": 3600,
        },
    }
    STORAGES["renditions"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_BUCKET,
            "location": "renditions",
            "default_acl": "public-read" if _USE_ACLS else None,
            "querystring_auth": False,
            "custom_domain": env("S3_PUBLIC_DOMAIN") or None,
            # A rendition's name changes with its source image: it never changes in place.
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    MEDIA_PUBLIC_ORIGINS = [s3_public_origin(env("S3_BUCKET"), env("S3_ENDPOINT_URL"), env("S3_PUBLIC_DOMAIN"))]
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be local or s3, not {MEDIA_STORAGE!r}")

# --- Security defaults (production.py adds the HTTPS-only ones) ---------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Staff sessions end after STAFF_IDLE_MINUTES without activity and STAFF_SESSION_MAX_HOURS
# after signing in (accounts/session_expiry.py); the cookie lasts no longer than that.
STAFF_IDLE_MINUTES = env("STAFF_IDLE_MINUTES")
STAFF_SESSION_MAX_HOURS = env("STAFF_SESSION_MAX_HOURS")
SESSION_COOKIE_AGE = 60 * 60 * STAFF_SESSION_MAX_HOURS
# Requests an open admin page makes by itself: they do not count as activity.
STAFF_BACKGROUND_PATHS = ["/admin/editing-sessions/", "/admin/sprite/", "/admin/jsi18n/"]
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
PASSWORD_RESET_TIMEOUT = 60 * 60

# --- Email -----------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = env("EMAIL_PORT")
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10  # an SMTP hang must not block a worker forever
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks --------------------------------------------------------
# Emails are sent by a task after the submission is committed. The immediate
# backend runs it in the request (development); production uses the database
# queue and `manage.py run_worker`, which also retries what failed (as
# `manage.py send_queued_emails` does on demand). Either way the outbox row is the
# durable record.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND")}}

# --- Wagtail ---------------------------------------------------------------
WAGTAIL_SITE_NAME = "Sharaka"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must work offline
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar requests to gravatar.com
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend, with queries normalised as the indexed
        # text is (core.search: Arabic letter forms, digits, English stems)
        # for the admin's find boxes and the public search alike; "simple" keeps
        # PostgreSQL from stemming again, so SQLite and PostgreSQL agree.
        "BACKEND": "core.search_backend",
        "SEARCH_CONFIG": "simple",
    }
}
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False  # a person publishes translations
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- "You said, we did" (campaigns/outcome_results.py) ------------------------------
# A question's results are published only in whole steps of this many answers (10, 20,
# 30…), counted up to the end of yesterday: fewer answers show nothing, and no two views
# differ by one person's answers.
OUTCOME_MINIMUM_RESPONSES = 10
# A choice picked by fewer people than this is shown as "fewer than N", without its figure.
OUTCOME_MINIMUM_BAR = 5

# --- Submissions (volunteer applications, survey responses) ------------------
SUBMISSION_MIN_FILL_SECONDS = env("SUBMISSION_MIN_FILL_SECONDS")
# How long an anonymous public page is kept in the cache (core/page_cache.py); 0 turns
# the page cache off. Saving content ends every kept page at once; this bounds only
# what changes with time alone, such as a campaign's "running" or "ended".
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS")
# How long a proxy in front (Varnish, a CDN) may keep a page (s-maxage). A Varnish in
# VARNISH_URLS is told when content changes; a proxy that is not told shows a change
# within this time.
PAGE_CACHE_PROXY_SECONDS = env("PAGE_CACHE_PROXY_SECONDS")
# How long a rendered part of a public page (its head, header, content, footer) is kept
# (core/fragment_cache.py), so a page rendered anew is quick too; 0 turns the parts off.
# Saving content ends them at once, as it ends the kept pages.
FRAGMENT_CACHE_SECONDS = env("FRAGMENT_CACHE_SECONDS")
# The client's address (core/client_address.py): the networks of our own proxies
# (load balancer, Varnish), whose X-Forwarded-For entries are believed. Empty: the
# app is reached directly and REMOTE_ADDR is the client.
TRUSTED_PROXIES = env("TRUSTED_PROXIES")
FORWARDED_FOR_HEADER = env("FORWARDED_FOR_HEADER")
RATELIMIT_IP_META_KEY = "core.client_address.client_address"
# Forms one address may send, and one phone number or email address (django-ratelimit's
# "count/period": s, m, h or d, as "20/h" or "100/5m"); checked at start (submissions/checks.py).
SUBMISSION_IP_RATE = env("SUBMISSION_IP_RATE")
SUBMISSION_IDENTIFIER_RATE = env("SUBMISSION_IDENTIFIER_RATE")
# /readyz reports the task worker as late when no worker has beaten, or a due task has
# waited, this long (core/health.py).
WORKER_STALE_SECONDS = env("WORKER_STALE_SECONDS")
# Finished background tasks (one per email sent) are deleted after this many days by the
# worker (submissions/worker.py); the outbox keeps its own record of every email.
TASK_RESULT_RETENTION_DAYS = env("TASK_RESULT_RETENTION_DAYS")
# An email (and its task) left "sending" by a worker that stopped is sent again after this
# long (submissions/models/outbox.py): longer than a send can take (EMAIL_TIMEOUT).
EMAIL_STALE_SENDING_SECONDS = env("EMAIL_STALE_SENDING_SECONDS")
# If the cache (Redis) is down, residents can still send forms.
RATELIMIT_FAIL_OPEN = True
SUBMISSION_OVERDUE_DAYS = env("SUBMISSION_OVERDUE_DAYS")
# A resident's personal link to their own page (an applicant's: volunteer_signup/models/
# volunteer.py) works this many days after it was sent; a new one can be asked for at any time.
PERSONAL_LINK_DAYS = 30
# Certificates (certificates/models.py) and their verification pages are kept this many
# years after they were issued, whatever happens to the application: a school or an employer
# may check one years later. Erasure on request blanks the name at once.
CERTIFICATE_RETENTION_YEARS = 10
# An anonymous asker's private link to their answer (feedback/models/questions.py) works this
# many days; an answered question itself is deleted 90 days after it was answered.
QUESTION_LINK_DAYS = 90
# How long an applicant who withdrew can take it back from their page.
APPLICANT_UNDO_WITHDRAWAL_DAYS = 14
# The home page's impact figures counted from the records (volunteer_signup/impact.py):
# never from fewer volunteers than this, and recounted at most this often.
IMPACT_MINIMUM_PEOPLE = 10
IMPACT_CACHE_SECONDS = 300
# Emails a stranger can make us send to one address (confirmations) in 24 hours, counted
# in the outbox (submissions/models/outbox.py) so the limit holds when the cache is down.
RECIPIENT_DAILY_EMAIL_LIMIT = env("RECIPIENT_DAILY_EMAIL_LIMIT")
# Mail domains of the department: where editors may send survey notifications
# (core.validators.validate_staff_email). Empty allows any (development).
STAFF_EMAIL_DOMAINS = env("STAFF_EMAIL_DOMAINS")
# Region (ISO 3166 code) of numbers typed without a country code, e.g. "050 123 4567";
# see core/phones.py.
PHONE_REGION = env("PHONE_REGION")

# --- A caching proxy in front (deploy/varnish/) ---------------------------------
# Each Varnish's address as the app servers reach it, e.g. http://10.0.2.20:6081. Pages
# are purged there on publish (Wagtail's front-end cache invalidation) and banned whole
# when anything else shown on pages changes (core/frontend_cache.py).
VARNISH_URLS = env("VARNISH_URLS")
if VARNISH_URLS:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        f"varnish{number}": {"BACKEND": "core.frontend_cache.VarnishBackend", "LOCATION": url}
        for number, url in enumerate(VARNISH_URLS, start=1)
    }

# --- Security headers (core/security_headers.py) ------------------------------
_PUBLIC_CSP = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_PUBLIC_ORIGINS],  # Bootstrap draws form controls with data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        # A video block's player, loaded only when the reader presses play (static/js/site.js).
        "frame-src": ["https://www.youtube-nocookie.com"],
        "manifest-src": [SELF],
        "form-action": [SELF],
        # Only our own pages may frame a page: Wagtail's preview panel renders a page
        # through the middleware as if it were the public URL, inside the admin.
        "frame-ancestors": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_PUBLIC_CSP["DIRECTIVES"],
        # No inline script: the widgets Wagtail 8 starts inline are started by
        # static/js/admin/start-widgets.js (core/admin_scripts.py). Wagtail's editors
        # (Draftail, the datetime picker, the translation editor) still set style
        # attributes, so styles stay allowed inline here, and only here.
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *MEDIA_PUBLIC_ORIGINS],
        "media-src": [SELF, "blob:"],
        "worker-src": [SELF, "blob:"],
        "frame-src": [SELF, "https://www.youtube-nocookie.com"],  # the preview panel, and its videos
    }
}
if env("CSP_REPORT_ONLY"):
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _PUBLIC_CSP
else:
    CONTENT_SECURITY_POLICY = _PUBLIC_CSP
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# --- Staff logins (django-axes) ---------------------------------------------
# A username is locked out from one address after repeated wrong passwords, for a
# cool-off that ends by itself: nobody can lock a colleague out for good, nor from
# another address. Password reset requests are limited in accounts/sign_in.py.
AXES_FAILURE_LIMIT = env("LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=env("LOGIN_COOLOFF_MINUTES"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_network"  # IPv6 by its /64
AXES_LOCKOUT_CALLABLE = "accounts.sign_in.locked_out"
AXES_SENSITIVE_PARAMETERS = ["password", "new_password1", "new_password2"]
PASSWORD_RESET_RATES = {"address": "3/h", "client": "10/h"}

# --- Second factor (accounts/second_factor.py) -----------------------------------
# Whoever holds one of these permissions (or is a superuser) must use an authenticator
# app: they can read residents' names, phones and answers.
SECOND_FACTOR_REQUIRED_PERMISSIONS = [
    "volunteer_signup.view_volunteerapplication",
    "surveys.view_surveyresponse",
    "feedback.view_anonymousquestion",  # a question may come with a phone or email
    "submissions.handle_data_requests",
]
LOGIN_URL = "wagtailadmin_login"
OTP_TOTP_ISSUER = "Sharaka"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.sign_in.LimitedPasswordResetForm"  # noqa: S105 - a class path

LOGGING = logging_settings(env("LOG_FORMAT"))
# The request id: sent by the load balancer in X-Request-ID (kept when it looks like an
# id), else made here; written on every log line and sent back (core/request_ids.py).
LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"

# Retention of submissions is declared with each queue's statuses
# (StatusFlow in submissions/models/ and each form app). Run `manage.py purge_submissions`
# daily (it has --dry-run).
#: Sent notification emails are kept this long, failed ones three times longer.
SUBMISSION_EMAIL_RETENTION_DAYS = 30
