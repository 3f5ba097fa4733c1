"""``/healthz`` and ``/readyz`` for load balancers and orchestrators.

* ``/healthz``: the process answers (liveness). Touches nothing else, so a database or
  Redis outage never makes an orchestrator restart healthy app servers.
* ``/readyz``: whether this app server can serve (readiness), which depends on the
  database only: 200 when it answers, 503 when it does not. A Redis outage must not pull
  every instance out of the load balancer (pages are rendered and forms accepted without
  it, core/cache.py), so the cache, the media storage and the task worker are reported
  as ``degraded``, still with 200.

Both are answered by a middleware placed first, before the host check, the HTTPS redirect,
sessions and the language prefix: a probe asks an instance by its address over plain HTTP.
They say nothing a visitor could use: states and error class names, never addresses,
hosts or messages. Never cached.
"""

import json
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from core import cache as shared_cache

LIVE_PATH = "/healthz"
READY_PATH = "/readyz"


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return {"state": "down", "error": type(error).__name__}
    return {"state": "ok"}


STORAGE_TIMEOUT = 2  # seconds; the probe itself must answer within a load balancer's timeout
_storage_checks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="readyz-storage")


def _list_storage():
    try:
        default_storage.listdir("")
    except FileNotFoundError:
        return {"state": "ok"}  # a local folder not created yet: nothing uploaded so far
    except Exception as error:  # any backend's failure (disk, object storage) reads as "down"
        return {"state": "down", "error": type(error).__name__}
    return {"state": "ok"}


def storage_state():
    """Whether the media storage (uploaded images and documents) can be listed, within
    ``STORAGE_TIMEOUT``: an object store that hangs is reported, not waited for."""
    check = _storage_checks.submit(_list_storage)
    try:
        return check.result(timeout=STORAGE_TIMEOUT)
    except FutureTimeout:
        return {"state": "down", "error": "TimeoutError"}


HEARTBEAT_KEY = "worker:heartbeat"


def worker_heartbeat():
    """Called by the task worker at every round (submissions/worker.py): it is alive now."""
    cache.set(HEARTBEAT_KEY, time.time(), timeout=None)


def worker_state():
    """Whether a task worker is alive, and how long the oldest task that is due has waited
    (emails are sent by the worker).

    A worker beats in the shared cache at every round; none for ``WORKER_STALE_SECONDS``
    (or a due task waiting that long: a worker that is alive but stuck) reports ``late``.
    With the cache down the heartbeat cannot be read, and the waiting task decides alone.
    Without the database task queue (development; tests run tasks at once) there is no
    worker to wait for.
    """
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return {"state": "not used"}
    from django_tasks_db.models import DBTaskResult, get_date_max

    try:
        oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", "run_after").first()
    except DatabaseError as error:
        return {"state": "unknown", "error": type(error).__name__}
    now = time.time()
    waiting = 0
    if oldest is not None:
        enqueued_at, run_after = oldest
        due = enqueued_at if run_after == get_date_max() else max(enqueued_at, run_after)
        waiting = max(0, int(now - due.timestamp()))
    report = {"waiting_seconds": waiting}
    beat = cache.get(HEARTBEAT_KEY)
    if beat is not None:
        report["heartbeat_seconds_ago"] = max(0, int(now - beat))
    elif shared_cache.state()["state"] == "down":
        report["heartbeat_seconds_ago"] = "unknown (the cache is down)"
    else:
        report["heartbeat_seconds_ago"] = "never"
    silent = beat is None and report["heartbeat_seconds_ago"] == "never"
    stale = beat is not None and now - beat > settings.WORKER_STALE_SECONDS
    late = silent or stale or waiting > settings.WORKER_STALE_SECONDS
    return {"state": "late" if late else "ok", **report}


def readiness():
    """(HTTP status, report) of ``/readyz``."""
    database = database_state()
    if database["state"] != "ok":
        return 503, {"status": "unavailable", "database": database}
    cache = shared_cache.state()
    report = {
        "database": database,
        "cache": cache,
        # django-ratelimit counts in the cache; without it every request is let through.
        "rate_limits": "counted" if cache["state"] != "down" else "not counted (the cache is down)",
        "storage": storage_state(),
        "worker": worker_state(),
    }
    degraded = cache["state"] == "down" or report["storage"]["state"] != "ok" or report["worker"]["state"] == "late"
    return 200, {"status": "degraded" if degraded else "ready", **report}


def _answer(status, report):
    response = HttpResponse(json.dumps(report), status=status, content_type="application/json")
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Answers the two probes before anything else runs (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == LIVE_PATH:
            return _answer(200, {"status": "alive"})
        if request.path_info == READY_PATH:
            return _answer(*readiness())
        return self.get_response(request)
