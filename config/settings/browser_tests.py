"""Settings of the server the browser tests drive (tests/browser/conftest.py).

Like test.py, but media is served (demo images), emails are written to a
folder the tests read, and forms may be sent after one second, as a
person filling them in with Playwright does.
"""

import os

from .test import *  # noqa: F403

SERVE_MEDIA_FILES = True
SUBMISSION_MIN_FILL_SECONDS = 1
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
# tests/browser/conftest.py always sets it to a fresh temporary folder.
EMAIL_FILE_PATH = os.environ["SHARAKA_EMAIL_DIR"]
# The page cache and its kept parts on, as under make run (test.py turns them off for
# the unit tests).
PAGE_CACHE_SECONDS = 300
FRAGMENT_CACHE_SECONDS = 300
# The cache in Redis when tests/browser/conftest.py finds one (every machine of ours has
# one), shared by every process, as production's app servers share theirs: a change saved
# by another process ends the kept pages of the test server at once.
if os.environ.get("BROWSER_TEST_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": os.environ["BROWSER_TEST_REDIS_URL"],
            "KEY_PREFIX": os.environ["BROWSER_TEST_CACHE_PREFIX"],
        }
    }
