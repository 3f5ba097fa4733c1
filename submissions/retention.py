"""Deleting or anonymising submissions whose retention period has passed.

The schedule is each queue's ``StatusFlow.retention``: per status, how many
days after the last status change, and whether to delete or anonymise.
Counts of what was removed are kept (``RetentionRecord``) and the run is
written to the audit log, so statistics and accountability survive the data.
One record failing does not stop the others.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.log_actions import log

from .models import OutgoingEmail, RetentionRecord, submission_models

logger = logging.getLogger("sharaka.retention")
BATCH_SIZE = 500


@dataclass
class Step:
    model: type
    status: str
    days: int
    action: str

    @property
    def label(self):
        return f"{self.model._meta.label} {self.status}"

    def queryset(self, now):
        due = self.model.objects.filter(status=self.status, status_changed_at__lt=now - timedelta(days=self.days))
        if self.action == "anonymise":
            due = due.filter(anonymised_at__isnull=True)
        return due


def schedule():
    return [
        Step(model, status, rule.days, rule.action)
        for model in submission_models()
        for status, rule in model.status_flow.retention.items()
    ]


def _apply(obj, action):
    with transaction.atomic():
        if action == "delete":
            obj.forget_history_details()
            obj.delete()
        else:
            obj.anonymise()


def purge(*, dry_run=False, now=None, progress=None):
    """Run the schedule; return {step label: (action, count)}."""
    now = now or timezone.now()
    say = progress or (lambda message: None)
    results = {}
    for step in schedule():
        due = step.queryset(now)
        total = due.count()
        if dry_run or not total:
            results[step.label] = (step.action, total)
            say(f"{step.label}: {total} to {step.action}" + (" (dry run)" if dry_run else ""))
            continue
        done = 0
        for pk in list(due.values_list("pk", flat=True)):
            obj = step.model.objects.filter(pk=pk).first()
            if obj is None:
                continue
            try:
                _apply(obj, step.action)
                done += 1
            except Exception:
                logger.exception("retention: could not %s %s %s", step.action, step.model._meta.label, pk)
            if done and done % BATCH_SIZE == 0:
                say(f"{step.label}: {done}/{total}")
        record = RetentionRecord.objects.create(
            model=step.model._meta.label,
            status=step.status,
            action=RetentionRecord.Action.DELETED if step.action == "delete" else RetentionRecord.Action.ANONYMISED,
            count=done,
            run_at=now,
        )
        log(
            record,
            "sharaka.submission.purge",
            data={
                "status": step.status,
                "deleted": done if step.action == "delete" else 0,
                "anonymised": done if step.action == "anonymise" else 0,
            },
        )
        results[step.label] = (step.action, done)
        say(f"{step.label}: {done} {'deleted' if step.action == 'delete' else 'anonymised'}")
    for model in submission_models():
        ended = model.purge_ended_records(now, dry_run)
        if ended:
            results[f"{model._meta.label} ended"] = ("delete", ended)
            say(f"{model._meta.label}: {ended} ended {'to delete (dry run)' if dry_run else 'deleted'}")
    # Apps above this one delete what they keep past its own retention (certificates).
    for hook in hooks.get_hooks("purge_expired_records"):
        for label, ended in (hook(now, dry_run) or {}).items():
            results[label] = ("delete", ended)
            say(f"{label}: {ended} {'to delete (dry run)' if dry_run else 'deleted'}")
    results["emails"] = ("delete", _purge_emails(now, dry_run))
    say(f"outbox: {results['emails'][1]} old emails {'to delete (dry run)' if dry_run else 'deleted'}")
    return results


def _purge_emails(now, dry_run):
    days = settings.SUBMISSION_EMAIL_RETENTION_DAYS
    old = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENT, created_at__lt=now - timedelta(days=days)
    ) | OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED, created_at__lt=now - timedelta(days=days * 3))
    count = old.count()
    if not dry_run and count:
        old.delete()
    return count
