"""Background tasks (django-tasks; run in the request in development, by
``manage.py run_worker`` in production: submissions/worker.py)."""

import logging

from django_tasks import task

from .delivery import send_one

logger = logging.getLogger("sharaka.email")


@task()
def deliver_email(email_id):
    send_one(email_id)


def enqueue(email_ids):
    """Hand each email to the task backend; the outbox keeps it if that fails."""
    for email_id in email_ids:
        try:
            deliver_email.enqueue(email_id)
        except Exception:
            logger.exception("could not enqueue email %s; it stays in the outbox", email_id)
