"""The shared cache (Redis) failing open: the site keeps serving when Redis does not answer.

Nothing the site keeps in the cache is needed to answer a request: a page not read from it
is rendered (core/page_cache.py, Wagtail's site root paths), a rate limit not counted in
it lets the request through (``RATELIMIT_FAIL_OPEN``), and sessions, sign-in lockouts and
email budgets live in the database. Django's ``RedisCache`` raises on a refused or silent
connection, which turned every page and every form into a 500 while Redis was down.

This backend answers as an empty cache would instead (a read finds nothing, a write keeps
nothing, a count gives None), logs the outage once when it starts and once when it ends,
and then leaves Redis alone for ``CACHE_RETRY_SECONDS`` (a circuit breaker, one per
process, shared by its threads): a Redis that accepts connections and never answers costs
one ``REDIS_TIMEOUT`` every few seconds per process, not one per cache call. ``/readyz``
reports the state (core/health.py); an outage never takes an app server out of service.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("sharaka.cache")

FAILURES = (RedisError, OSError)
# Called (each in a thread) when the cache answers again after an outage: what this process
# could not write to it meanwhile (the page cache's generation, bumped on publish) is
# written then.
RECOVERY_HOOKS = []


class Breaker:
    """Whether to ask Redis now, and since when it has been failing (per process)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.down_since = None  # time.time() of the first failure of this outage
        self.last_error = ""

    def closed(self):
        return time.monotonic() >= self.retry_at

    def failed(self, error):
        with self.lock:
            self.retry_at = time.monotonic() + settings.CACHE_RETRY_SECONDS
            self.last_error = type(error).__name__
            starting = self.down_since is None
            if starting:
                self.down_since = time.time()
        if starting:
            logger.warning(
                "the cache (Redis) is unavailable (%s): pages are rendered without it and rate limits "
                "are not counted until it answers again; next try in %s s",
                self.last_error,
                settings.CACHE_RETRY_SECONDS,
            )

    def succeeded(self):
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is None:
                return
            down_for, self.down_since = time.time() - self.down_since, None
        logger.warning("the cache (Redis) answers again after %.0f s", down_for)
        # In a thread of its own: not inside the cache call that found Redis again (a
        # resident's request, whose answer must not wait, and whose read must not be
        # undone by what the hooks write).
        for hook in RECOVERY_HOOKS:
            threading.Thread(target=hook, name="cache-recovered", daemon=True).start()


# One breaker per Redis server and process. Django keeps a cache client per thread, and a
# gunicorn worker has several: each would otherwise find the outage, and wait, on its own.
_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(servers):
    key = tuple(servers)
    with _breakers_lock:
        return _breakers.setdefault(key, Breaker())


def _fail_open(method, fallback):
    """``method`` of the client, answering ``fallback(*args)`` when Redis fails or the breaker is open."""

    def guarded(self, *args, **kwargs):
        if not self.breaker.closed():
            return fallback(*args)
        try:
            result = method(self, *args, **kwargs)
        except FAILURES as error:
            self.breaker.failed(error)
            return fallback(*args)
        self.breaker.succeeded()
        return result

    guarded.__name__ = method.__name__
    return guarded


class FailOpenRedisCacheClient(RedisCacheClient):
    """Django's Redis client; each operation answers as an empty cache would when Redis fails."""

    def __init__(self, servers, *args, **kwargs):
        super().__init__(servers, *args, **kwargs)
        self.breaker = breaker_for(servers)

    add = _fail_open(RedisCacheClient.add, lambda *args: False)
    get = _fail_open(RedisCacheClient.get, lambda key, default: default)
    set = _fail_open(RedisCacheClient.set, lambda *args: None)
    touch = _fail_open(RedisCacheClient.touch, lambda *args: False)
    delete = _fail_open(RedisCacheClient.delete, lambda *args: False)
    get_many = _fail_open(RedisCacheClient.get_many, lambda *args: {})
    has_key = _fail_open(RedisCacheClient.has_key, lambda *args: False)
    # None, not the ValueError of a missing key: django-ratelimit reads None as "not
    # counted" and lets the request through (RATELIMIT_FAIL_OPEN).
    incr = _fail_open(RedisCacheClient.incr, lambda *args: None)
    set_many = _fail_open(RedisCacheClient.set_many, lambda *args: None)
    delete_many = _fail_open(RedisCacheClient.delete_many, lambda *args: None)
    clear = _fail_open(RedisCacheClient.clear, lambda *args: False)


class FailOpenRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that fails open (module docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailOpenRedisCacheClient


def state(alias="default"):
    """The cache's state for the health check: ``{"state": "ok" | "down" | "local", ...}``.

    Asks Redis now (one PING within ``REDIS_TIMEOUT``), whatever the breaker says.
    """
    cache = caches[alias]
    if not isinstance(cache, FailOpenRedisCache):
        return {"state": "local"}  # in-process (development): nothing to lose
    client = cache._cache
    try:
        client.get_client(write=True).ping()
    except FAILURES as error:
        client.breaker.failed(error)
        return {"state": "down", "since": client.breaker.down_since, "error": type(error).__name__}
    client.breaker.succeeded()
    return {"state": "ok"}
