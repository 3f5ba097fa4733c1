"""Background tasks (django-tasks; run in the request in development, by
``manage.py db_worker`` in production)."""

from django_tasks import task


@task()
def deliver_email(email_id):
    from .delivery import send_one

    send_one(email_id)
