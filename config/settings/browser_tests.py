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
