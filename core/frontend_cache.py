"""Varnish (or any cache that speaks PURGE and BAN) in front of the app servers.

Wagtail's front-end cache invalidation (``wagtail.contrib.frontend_cache``) purges a
page's own URLs, in each language, when it is published or unpublished. A page shows
more than itself, though: listings, the menu, snippets, settings, its neighbours after a
move. So every time the page cache's generation is bumped (core/page_cache.py: anything
shown on pages was saved), each Varnish is also sent a BAN of everything, right after the
commit, and once more ``SECOND_BAN_AFTER`` seconds later, for a fetch that was already
under way when the first one arrived. What Varnish fetches, it asks the app to render
anew (``X-Page-Cache-Refresh``, deploy/varnish/sharaka.vcl), so a copy kept after a ban
never comes from an app server that has not yet read the new generation.

Both requests wait ``TIMEOUT`` seconds at most, in a thread of their own: a Varnish that is
down must not hold up an editor's publish. Failures are logged, never raised.
"""

import logging
import threading
import time
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("sharaka.frontend_cache")

TIMEOUT = 2
SECOND_BAN_AFTER = 2.0  # the page cache's GENERATION_TTL (1 s), and a margin


class CacheRequest(Request):
    def __init__(self, method, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cache_method = method

    def get_method(self):
        return self.cache_method


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP purge, with a timeout, and a BAN of everything."""

    def _send(self, method, url, host):
        request = CacheRequest(method, url, headers={"Host": host, "User-Agent": "Sharaka"})
        try:
            with urlopen(request, timeout=TIMEOUT):  # noqa: S310 - the configured cache's address
                return True
        except (URLError, OSError) as error:
            logger.warning("%s %s not done by the front-end cache: %s", method, url, type(error).__name__)
            return False

    def purge(self, url):
        parsed = urlsplit(url)
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, ""])
        return self._send("PURGE", target, parsed.netloc)

    def ban_everything(self):
        return self._send("BAN", f"{self.cache_scheme}://{self.cache_netloc}/", self.cache_netloc)


def ban_everything():
    """Send every configured Varnish a BAN of all it keeps; return how many took it."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return 0
    return sum(backend.ban_everything() for backend in get_backends().values() if isinstance(backend, VarnishBackend))


def _ban_twice():
    ban_everything()
    time.sleep(SECOND_BAN_AFTER)
    ban_everything()


def ban_after_change():
    """Called once the change is committed (core/page_cache.py ``bump``).

    In a thread: the editor's publish does not wait for Varnish. Not a daemon thread, so a
    command (``publish_scheduled``, ``migrate``) finishes both bans before it exits.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    threading.Thread(target=_ban_twice, name="varnish-ban").start()
