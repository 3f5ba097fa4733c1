"""A person's data across every queue: find it, hand it over as one file, erase it.

When a resident asks what we hold about them, or asks us to forget them, staff
with the ``submissions.handle_data_requests`` permission look up a phone number
or an email address. Found are: the records of every queue whose contact fields
hold it (each queue says how, with ``Submission.held_about``), every email in the
outbox to that address, and the history of those records. The export is one JSON
file; erasing deletes the records with their notes, queued emails and decision
reasons, and the other outbox emails to the address. The audit log then says what
was erased and by whom, in counts, never the data. Apps above this one add what they keep
about the person with two hooks: ``submission_related_personal_data`` (into the file) and
``before_erase_submission`` (erased with the record).

Other people's records that only *mention* the number or address in free text
(``Submission.mentioning``: a resident reporting the number that calls them) are
not the person's: they are listed by reference for staff to review, never put in
the file, and erasing removes the mention from them (``redact``), not the record.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core.phones import normalise_email, normalise_phone

from .models import OutgoingEmail

PERMISSION = "submissions.handle_data_requests"


def queue_models():
    """The model of every queue, as the form apps register them."""
    return [hook().model for hook in hooks.get_hooks("register_submission_viewset")]


class Lookup:
    """What is held about one phone number or email address."""

    def __init__(self, term):
        term = (term or "").strip()
        self.email = normalise_email(term) if "@" in term else ""
        self.phone = "" if self.email else normalise_phone(term)

    @property
    def valid(self):
        return bool(self.email or self.phone)

    def records(self):
        """{model: [records]} for every queue, only queues with records."""
        found = {}
        for model in queue_models():
            records = list(model.held_about(phone=self.phone, email=self.email))
            if records:
                found[model] = records
        return found

    def mentions(self):
        """{model: [records]} of other people's records mentioning the phone or email."""
        found = {}
        for model in queue_models():
            records = model.mentioning(phone=self.phone, email=self.email)
            if records:
                found[model] = records
        return found

    def other_emails(self, records):
        """Emails to the address that are not about a found record (a record deleted earlier, say)."""
        if not self.email:
            return OutgoingEmail.objects.none()
        linked = [
            email.pk for items in records.values() for item in items for email in OutgoingEmail.objects.for_object(item)
        ]
        return OutgoingEmail.objects.filter(to__iexact=self.email).exclude(pk__in=linked)

    def as_file(self):
        """Everything found, as the JSON file handed to the person."""
        records = self.records()
        content = {
            "looked_up": self.email or self.phone,
            "made_at": timezone.now(),
            "records": [_record_data(record) for items in records.values() for record in items],
            "other_emails": [_email_data(email) for email in self.other_emails(records)],
            # Other people's records: only that they mention it, for staff to review.
            "mentioned_in": [
                {"queue": str(record._meta.verbose_name), "reference": record.reference}
                for items in self.mentions().values()
                for record in items
            ],
        }
        return json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)

    def erase(self, user):
        """Delete every record found, its notes, emails and decision reasons; returns the counts."""
        with transaction.atomic():
            records = self.records()
            counts = {model._meta.label: len(items) for model, items in records.items()}
            other = list(self.other_emails(records).values_list("pk", flat=True))
            counts["emails"] = len(other) + sum(
                OutgoingEmail.objects.for_object(record).count() for items in records.values() for record in items
            )
            for items in records.values():
                for record in items:
                    # What other apps keep about the person beside the record (a volunteer's
                    # certificates) is erased first, by the hooks they register.
                    for hook in hooks.get_hooks("before_erase_submission"):
                        for label, count in (hook(record) or {}).items():
                            counts[label] = counts.get(label, 0) + count
                    record.delete()  # the pre_delete signal forgets notes, emails and reasons
            OutgoingEmail.objects.filter(pk__in=other).delete()
            counts["mentions removed"] = sum(
                record.redact(phone=self.phone, email=self.email)
                for items in self.mentions().values()
                for record in items
            )
            log(instance=user, action="sharaka.data_request.erase", user=user, data={"counts": counts})
        return counts


def _record_data(record):
    personal = {
        field.name: getattr(record, field.attname)
        for field in record._meta.concrete_fields
        if field.name not in ("id", "search_text", "idempotency_key")
    }
    return {
        "queue": str(record._meta.verbose_name),
        "reference": record.reference,
        "status": record.get_status_display(),
        "fields": personal,
        "roles": [str(role) for role in record.roles.all()] if hasattr(record, "roles") else [],
        "related": related_personal_data(record),
        "notes": [{"written_at": note.created_at, "text": note.text} for note in record.notes.all()],
        "emails": [_email_data(email) for email in OutgoingEmail.objects.for_object(record)],
        "history": [
            {"when": entry.timestamp, "what": entry.action, "details": entry.data}
            for entry in ModelLogEntry.objects.for_instance(record).order_by("timestamp")
        ],
    }


def related_personal_data(record):
    """What the record's queue keeps about the person beside it, and what other apps keep
    (a volunteer's certificates): each registers a ``submission_related_personal_data`` hook
    taking the record and returning a dict, so this app names none of them."""
    related = dict(record.related_personal_data())
    for hook in hooks.get_hooks("submission_related_personal_data"):
        related.update(hook(record) or {})
    return related


def _email_data(email):
    return {
        "kind": email.get_kind_display(),
        "to": email.to,
        "subject": email.subject,
        "body": email.body,
        "status": email.get_status_display(),
        "created_at": email.created_at,
    }
