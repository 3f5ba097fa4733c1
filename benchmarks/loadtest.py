"""The acceptance load test (``make loadtest``): nothing lost, nothing duplicated.

On loopback: two app instances (gunicorn, production's gunicorn.conf.py) sharing one
database and one Redis, a task worker and a local mail server. N volunteer applications,
each a new resident's, are sent ``--concurrency`` at a time, alternately to each instance;
one in ten is sent again to the other instance (a double-click, a replay). While they
arrive, the mail server goes down for a third of the run, and the worker is killed
(SIGKILL) once and started again. Then the outbox is given the time it needs (the
operator's ``send_queued_emails --retry-now`` once the mail server is back, as after a
real outage).

It prints sent / stored / duplicated / lost / 5xx / emails delivered and exits non-zero
unless every application sent was stored once, no answer was a 5xx, every application's
emails were written (by the worker, after the request) and every email written was
delivered. PostgreSQL (DATABASE_URL, else the local one) and Redis are needed.

    python benchmarks/loadtest.py [--applications 2000] [--concurrency 16]
"""

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pages import PAGES  # noqa: E402
from benchmarks.posts import application_body  # noqa: E402
from benchmarks.stack import Stack, free_port, post  # noqa: E402

SETTINGS = """import os

from config.settings.test import *  # noqa: F403

# As production: the shared cache, the database task queue, mail over SMTP.
PAGE_CACHE_SECONDS = 300
CACHES = {"default": {"BACKEND": "core.cache.FailOpenRedisCache", "LOCATION": os.environ["REDIS_URL"]}}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["LOADTEST_SMTP_PORT"])
EMAIL_TIMEOUT = 5
"""

COUNT_SCRIPT = """
import json
from volunteer_signup.models import VolunteerApplication as A
from submissions.models import OutgoingEmail as E, PendingEmails as P
rows = A.objects.filter(email__startswith="load")
confirmed = set(E.objects.filter(kind="confirmation").values_list("object_id", flat=True))
print(json.dumps({
    "stored": rows.count(),
    "distinct": rows.values("email").distinct().count(),
    "emails": E.objects.count(),
    "unsent": E.objects.exclude(status="sent").count(),
    "not written": P.objects.count(),
    "without confirmation": sum(1 for pk in rows.values_list("pk", flat=True) if pk not in confirmed),
    "message_ids": list(E.objects.values_list("message_id", flat=True)),
}))
"""


class MailServer:
    """A local SMTP server (aiosmtpd) that can go down and come back on the same port."""

    def __init__(self, port):
        self.port = port
        self.received = []  # Message-IDs, one per delivery (a resend counts again)
        self.lock = threading.Lock()
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        message_id = next(
            (
                line.split(":", 1)[1].strip()
                for line in envelope.content.decode().splitlines()
                if line.lower().startswith("message-id:")
            ),
            "",
        )
        with self.lock:
            self.received.append(message_id)
        return "250 OK"

    def up(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def down(self):
        self.controller.stop()
        self.controller = None


def run(applications, concurrency, say=print):
    work = Path(tempfile.mkdtemp(prefix="sharaka-loadtest-"))
    mail = MailServer(free_port())
    mail.up()
    say(f"Setting up: database, demo content, two app instances, a worker ({work})")
    stack = Stack(
        work,
        SETTINGS,
        database="sharaka_loadtest",
        redis_db=12,
        LOADTEST_SMTP_PORT=str(mail.port),
        SUBMISSION_IP_RATE="1000000/h",  # every resident comes from this machine's address
        RECIPIENT_DAILY_EMAIL_LIMIT="1000000",
        EMAIL_STALE_SENDING_SECONDS="10",  # a killed worker's emails are sent again soon
    )
    try:
        stack.start_apps(2)
        stack.start_worker()
        path = dict(PAGES)["volunteer form page, English"]
        bases = [stack.url("", through_varnish=False, instance=number).rstrip("/") for number in (0, 1)]
        template, token_url = application_body(stack.get(path, through_varnish=False)[2])
        say(f"Fetching {applications} form tokens")
        bodies = []
        for number in range(applications):
            with urllib.request.urlopen(f"{bases[0]}{token_url}&shown=60000", timeout=30) as response:
                token = urllib.parse.quote(json.loads(response.read())["token"], safe="")
            bodies.append(
                template.replace("__TOKEN__", token)
                .replace("__PHONE__", urllib.parse.quote(f"+97158{3000000 + number:07d}"))
                .replace("__EMAIL__", f"load{number}%40example.org")
            )
        statuses, done, lock = [], [0], threading.Lock()
        events = {applications // 3: "mail down", applications // 2: "kill worker", 2 * applications // 3: "mail up"}

        def send(number):
            answers = [post(bases[number % 2] + urllib.parse.quote(path), bodies[number], bases[number % 2])[0]]
            if number % 10 == 0:  # the same form again, to the other instance
                other = bases[(number + 1) % 2]
                answers.append(post(other + urllib.parse.quote(path), bodies[number], other)[0])
            with lock:
                statuses.append((number, answers))
                done[0] += 1
                event = events.pop(done[0], None)
            if event == "mail down":
                mail.down()
                say("  the mail server is down")
            elif event == "mail up":
                mail.up()
                say("  the mail server is back")
            elif event == "kill worker":
                stack.kill("worker")
                stack.start_worker("worker-2")
                say("  the worker was killed and started again")

        say(f"Sending {applications} applications, {concurrency} at a time, to both instances")
        started = time.monotonic()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(send, range(applications)))
        seconds = time.monotonic() - started
        if mail.controller is None:
            mail.up()
        say("Waiting for every email to be delivered")
        stack.manage("send_queued_emails", "--retry-now")
        deadline = time.monotonic() + 180
        while True:
            counts = json.loads(stack.shell(COUNT_SCRIPT))
            if (counts["unsent"] == 0 and counts["not written"] == 0) or time.monotonic() > deadline:
                break
            time.sleep(2)
            if counts["unsent"] or counts["not written"]:
                stack.manage("send_queued_emails", "--retry-now")
    finally:
        stack.stop()
        if mail.controller is not None:
            mail.down()
    accepted = sum(1 for _number, answers in statuses if answers[0] == 303)
    server_errors = sum(1 for _number, answers in statuses for status in answers if status >= 500 or status == 0)
    replays_ok = all(answers[1] == 303 for _number, answers in statuses if len(answers) > 1)
    delivered = set(mail.received) & set(counts["message_ids"])
    figures = {
        "sent": applications,
        "answered 303": accepted,
        "replays answered with their confirmation": replays_ok,
        "stored": counts["stored"],
        "duplicated": counts["stored"] - counts["distinct"],
        "lost": accepted - counts["distinct"],
        "5xx or no answer": server_errors,
        "emails written": counts["emails"],
        "applications whose emails are not written": counts["not written"],
        "applications without a confirmation email": counts["without confirmation"],
        "emails delivered": len(delivered),
        "emails delivered more than once": len(mail.received) - len(set(mail.received)),
        "seconds": round(seconds, 1),
        "load average": " / ".join(f"{value:.2f}" for value in os.getloadavg()),
    }
    return figures


def passed(figures):
    return (
        figures["lost"] == 0
        and figures["duplicated"] == 0
        and figures["5xx or no answer"] == 0
        and figures["answered 303"] == figures["sent"]
        and figures["replays answered with their confirmation"]
        and figures["emails delivered"] == figures["emails written"]
        and figures["applications whose emails are not written"] == 0
        and figures["applications without a confirmation email"] == 0
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=int(os.environ.get("LOADTEST_APPLICATIONS", 2000)))
    parser.add_argument("--concurrency", type=int, default=16)
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    figures = run(options.applications, options.concurrency)
    width = max(len(name) for name in figures)
    for name, value in figures.items():
        print(f"{name.ljust(width)}  {value}")
    ok = passed(figures)
    print("PASSED: nothing lost or duplicated" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
