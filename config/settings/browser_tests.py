"""Settings of the server the browser tests drive (tests/browser/conftest.py).

Like test.py, but media is served (demo images) and emails are written to a
folder the tests read.

No minimum fill time: Playwright fills a form in milliseconds, and a journey that
had to outwait the rule passed or failed with the machine's speed (two did, on CI).
The rule itself is proven where time can be set: tests/test_antiabuse.py, and
tests/test_page_cache.py for a one-click answer after reading; the browser suite
proves the page's script reports how long the page was open
(tests/browser/test_form_token_browser.py).
"""

import os

from .test import *  # noqa: F403

SERVE_MEDIA_FILES = True
SUBMISSION_MIN_FILL_SECONDS = 0
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
