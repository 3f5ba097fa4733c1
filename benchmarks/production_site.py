"""The site as production runs it, on loopback, for the benchmarks.

Production settings (DEBUG off, the cache in Redis, the database task queue), gunicorn
as gunicorn.conf.py runs it (threaded workers) with 2 workers, collected static files,
the bilingual demo. Media are served by
the app here (``SERVE_MEDIA_FILES``): a benchmark has no object storage, and a page's
images count in its first view.
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = """from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False  # plain HTTP on loopback; TLS ends at the load balancer
SERVE_MEDIA_FILES = True  # no object storage here: images are part of the first view
"""


def load_average():
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def environment(work, database_url, redis_db, cache_seconds=300, **extra):
    return {
        **os.environ,
        "PYTHONPATH": f"{work}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "SECRET_KEY": "bench-not-a-real-secret-key-0123456789abcdef-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "TRUSTED_PROXIES": "10.0.0.0/8",
        "STAFF_EMAIL_DOMAINS": "police.example",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "STATIC_ROOT": f"{work}/static",
        "MEDIA_ROOT": f"{work}/media",
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        **extra,
    }


def manage(env, *args):
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our manage.py


def prepare(work, env):
    """Migrate, load the demo and collect the static files into ``work``."""
    (Path(work) / "bench_settings.py").write_text(SETTINGS)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    manage(env, "collectstatic", "--noinput")
    redis_db = env["REDIS_URL"].rsplit("/", 1)[-1]
    flush = ["redis-cli", "-n", redis_db, "FLUSHDB"]  # the benchmark's own Redis database
    subprocess.run(flush, check=False, stdout=subprocess.DEVNULL)  # noqa: S603


def serve(env, port, workers=2):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "config.wsgi",
        "--config",
        "gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "error",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own server on loopback
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn on {port} did not start")


def stop(server):
    server.terminate()
    server.wait(timeout=20)
