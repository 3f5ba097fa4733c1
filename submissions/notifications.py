"""Emails about a submission, written to the outbox in the recipient's language.

Staff notifications carry the reference and a link to the admin, never the
answers: mailboxes get forwarded, searched and kept for years. The resident's
confirmation carries the reference, what happens next and how to reach us.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_permission_codename, get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import get_resolver
from django.utils import translation
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.users.models import UserProfile

from core.models import SiteSettings

from .models import OutgoingEmail
from .models.outbox import same_mailbox

STAFF_TEMPLATE = "submissions/emails/staff_new_submission"
logger = logging.getLogger("sharaka.notifications")


def within_daily_limit(address):
    """True if ``address`` may get one more email a stranger can trigger today.

    Call inside the transaction that saves the email: two forms sent in the same
    instant must not both take the last one. On PostgreSQL a lock per mailbox
    (released at commit) makes the second wait for the first's email to be counted;
    SQLite already lets one writing transaction run at a time (``transaction_mode``
    IMMEDIATE in the settings).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            mailbox = same_mailbox(address)
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"sharaka-email-budget:{mailbox}"])
    return OutgoingEmail.objects.triggered_by_strangers_to(address).count() < settings.RECIPIENT_DAILY_EMAIL_LIMIT


def _render(template, context, language):
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def _email(kind, to, template, context, language, submission):
    subject, body = _render(template, context, language)
    return OutgoingEmail(kind=kind, to=to, subject=subject, body=body, submission=submission)


def staff_with_permission(model, action):
    """Active users who may ``action`` (view, change…) ``model`` directly, by group, or as superusers."""
    permission = Permission.objects.filter(
        codename=get_permission_codename(action, model._meta), content_type__app_label=model._meta.app_label
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .exclude(email="")
        .distinct()
    )


def staff_recipients(model, action="change"):
    """Users who work the queue (not superusers, who would get every email of every queue)."""
    return staff_with_permission(model, action).filter(is_superuser=False)


def staff_addresses(users):
    """(email, language) for each user, in the language they chose for the admin."""
    return [
        (
            user.email,
            UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE,
        )
        for user in users
    ]


def admin_url(submission):
    """The record's page in its queue, for staff emails, also outside a web request.

    Queues register their URL finder when the admin URLs are loaded, which a
    request does but a management command or a task worker may not have done yet.
    """
    get_resolver().url_patterns  # noqa: B018 - loads the admin URLs and with them the queues
    path = AdminURLFinder().get_edit_url(submission)
    if path is None:
        raise ImproperlyConfigured(f"No admin queue is registered for {type(submission).__name__}.")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def queue_emails(
    submission,
    *,
    page,
    confirmation_to,
    confirmation_template,
    staff,
    staff_template=STAFF_TEMPLATE,
):
    """Create the confirmation and staff emails for ``submission``; return them saved.

    A confirmation past the recipient's daily limit is saved as held back, not sent.

    ``staff`` is a list of (email address, language) pairs. Templates are
    named without their ``_subject.txt``/``_body.txt`` ending. The staff link
    is the record's page in its queue, found through the queue's viewset.
    """
    # Part of the caller's transaction when there is one (the record and its emails are
    # saved together or not at all), without a savepoint of its own.
    with transaction.atomic(savepoint=False):
        return _queue_emails(submission, page, confirmation_to, confirmation_template, staff, staff_template)


def queue_notice(submission, *, to, template, kind=OutgoingEmail.Kind.NOTICE, extra=None, calendar="", budgeted=False):
    """One email to the resident about ``submission``, in its language; saved and returned.

    ``extra`` adds to the template's context; ``calendar`` is an iCalendar file to attach.

    A notice staff caused is always sent; one a resident caused (``budgeted``, saved as
    ``SELF``) and a kind a stranger can cause (``STRANGER_TRIGGERED``) are held back past the
    recipient's daily limit, as confirmations are.
    """
    if budgeted and kind == OutgoingEmail.Kind.NOTICE:
        kind = OutgoingEmail.Kind.SELF
    with transaction.atomic(savepoint=False):
        context = {
            "submission": submission,
            "contact": SiteSettings.for_page(submission.source_page),
            "link_days": settings.PERSONAL_LINK_DAYS,
            **(extra or {}),
        }
        email = _email(kind, to, template, context, submission.locale.language_code, submission)
        email.calendar = calendar
        if kind in OutgoingEmail.STRANGER_TRIGGERED and not within_daily_limit(to):
            email.status = OutgoingEmail.Status.HELD
            logger.warning("%s email held back: the recipient's daily email limit was reached", kind)
        email.save()
        return email


def _queue_emails(submission, page, confirmation_to, confirmation_template, staff, staff_template):
    language = submission.locale.language_code
    context = {
        "submission": submission,
        "contact": SiteSettings.for_page(page),
        "admin_url": admin_url(submission),
        "link_days": settings.PERSONAL_LINK_DAYS,
    }
    emails = []
    if confirmation_to:
        confirmation = _email(
            OutgoingEmail.Kind.CONFIRMATION,
            confirmation_to,
            confirmation_template,
            context,
            language,
            submission,
        )
        if not within_daily_limit(confirmation_to):
            # Kept, so staff see it was held back; never sent.
            confirmation.status = OutgoingEmail.Status.HELD
            logger.warning("confirmation held back: the recipient's daily email limit was reached")
        emails.append(confirmation)
    for address, staff_language in staff:
        emails.append(
            _email(
                OutgoingEmail.Kind.STAFF,
                address,
                staff_template,
                context,
                staff_language,
                submission,
            )
        )
    OutgoingEmail.objects.bulk_create(emails)
    return emails
