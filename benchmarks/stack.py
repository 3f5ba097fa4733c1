"""The site as several processes on loopback: app instances (gunicorn, gunicorn.conf.py)
sharing one database and one Redis, and optionally Varnish in front and a task worker.

Used by tests/test_varnish.py and benchmarks/loadtest.py (make loadtest).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
VCL_DIR = ROOT / "deploy" / "varnish"

BACKENDS = """
probe ready {{ .url = "/readyz"; .interval = 0.5s; .timeout = 2s; .window = 2; .threshold = 1; }}
{backends}
sub vcl_init {{
    new app_servers = directors.round_robin();
{adds}
}}
acl purgers {{ "127.0.0.1"; }}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, log):
    for _ in range(240):
        if process.poll() is not None:
            raise RuntimeError(f"exited: {Path(log).read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"did not start: {Path(log).read_text()[-3000:]}")


def fresh_database_url(tmp_path, name):
    """A new, empty database: on the PostgreSQL of DATABASE_URL, else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{Path(tmp_path) / (name + '.sqlite3')}"
    import psycopg

    parsed = urlparse(url)
    name = f"{name}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return parsed._replace(path=f"/{name}").geturl()


class Stack:
    """Processes of one site; ``settings`` is the text of its settings module."""

    def __init__(self, tmp_path, settings, database, redis_db, **env):
        self.tmp = Path(tmp_path)
        self.processes = {}
        self.app_ports = []
        self.varnish_port = None
        (self.tmp / "stack_settings.py").write_text(settings)
        self.env = {
            **os.environ,
            "PYTHONPATH": f"{self.tmp}:{ROOT}",
            "DJANGO_SETTINGS_MODULE": "stack_settings",
            "DATABASE_URL": fresh_database_url(self.tmp, database),
            "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
            "MEDIA_ROOT": str(self.tmp / "media"),
            **env,
        }
        flush = ["redis-cli", "-n", str(redis_db), "FLUSHDB"]  # the stack's own Redis database
        subprocess.run(flush, check=True, capture_output=True)  # noqa: S603
        self.manage("migrate", "--noinput")
        self.manage("load_demo_content")

    def manage(self, *args):
        command = [sys.executable, "manage.py", *args]
        return subprocess.run(command, cwd=ROOT, env=self.env, check=True, capture_output=True, text=True)  # noqa: S603

    def shell(self, script):
        """The last line ``script`` prints, run as ``manage.py shell -c``."""
        return self.manage("shell", "-c", script).stdout.strip().splitlines()[-1]

    def start(self, name, command, port=None):
        log = self.tmp / f"{name}.log"
        with open(log, "a") as output:
            process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
        self.processes[name] = process
        if port is not None:
            wait_for_port(port, process, log)
        return process

    def start_apps(self, count=2):
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        for number in range(1, count + 1):
            port = free_port()
            command = [gunicorn, "config.wsgi", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
            self.start(f"app{number}", [*command, "--workers", "1"], port)
            self.app_ports.append(port)

    def start_worker(self, name="worker"):
        return self.start(name, [sys.executable, "manage.py", "run_worker", "--interval", "0.2"])

    def kill(self, name):
        """As a machine that loses power would: SIGKILL, nothing finished."""
        process = self.processes.pop(name)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def start_varnish(self):
        """varnishd with deploy/varnish/sharaka.vcl in front of the app instances (on
        ``varnish_port`` when it was set before the apps started, to give them VARNISH_URLS)."""
        self.varnish_port = self.varnish_port or free_port()
        backends = "\n".join(
            f'backend app{number} {{ .host = "127.0.0.1"; .port = "{port}"; .probe = ready; }}'
            for number, port in enumerate(self.app_ports, start=1)
        )
        adds = "\n".join(f"    app_servers.add_backend(app{number});" for number in range(1, len(self.app_ports) + 1))
        (self.tmp / "backends.vcl").write_text(BACKENDS.format(backends=backends, adds=adds))
        varnishd = [
            shutil.which("varnishd"),
            "-F",
            "-j",
            "none",  # no privilege separation: a test's folder is private to its user
            "-n",
            str(self.tmp / "varnish"),
            "-a",
            f"127.0.0.1:{self.varnish_port}",
            "-p",
            f"vcl_path={self.tmp}:{VCL_DIR}",
            "-f",
            str(VCL_DIR / "sharaka.vcl"),
            "-s",
            "malloc,32m",
        ]
        self.start("varnish", varnishd, self.varnish_port)
        for _ in range(40):  # until the backends are healthy
            if self.get("/ar/")[0] == 200:
                break
            time.sleep(0.25)
        time.sleep(1.5)

    def stop(self):
        for process in reversed(self.processes.values()):
            process.terminate()
        for process in self.processes.values():
            process.wait(timeout=30)
        self.processes.clear()

    def url(self, path, through_varnish=True, instance=0):
        port = self.varnish_port if through_varnish else self.app_ports[instance]
        return f"http://127.0.0.1:{port}{urllib.parse.quote(path, safe='/?=&%')}"

    def get(self, path, through_varnish=True, instance=0, cookie=None):
        headers = {"Cookie": cookie} if cookie else {}
        request = urllib.request.Request(self.url(path, through_varnish, instance), headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(url, body, origin):
    """(status, headers) of a form POST, not following the redirect."""
    request = urllib.request.Request(
        url,
        data=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": origin},
        method="POST",
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers
    except OSError:
        return 0, {}
