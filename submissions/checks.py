"""System checks: every status of every queue says how long its records are kept, and
the forms' rate limits can be read.

A status added without a retention rule would keep residents' data forever,
silently; ``manage.py check`` (run by ``make test`` and at every start) fails instead.
"""

from django.conf import settings
from django.core import checks

from .antiabuse import parse_rate
from .models import RetentionAction
from .retention import submission_models


@checks.register(checks.Tags.models)
def check_retention(app_configs=None, **kwargs):
    errors = []
    for model in submission_models():
        flow = model.status_flow
        statuses = {value for value, _label in model._meta.get_field("status").choices}
        for status in sorted(statuses - set(flow.retention)):
            errors.append(
                checks.Error(
                    f"Status {status!r} of {model._meta.label} has no retention rule.",
                    hint="Add it to the queue's StatusFlow(retention={...}): days and delete or anonymise.",
                    obj=model,
                    id="submissions.E001",
                )
            )
        for status, rule in flow.retention.items():
            if status not in statuses or rule.days <= 0 or rule.action not in RetentionAction.values:
                errors.append(
                    checks.Error(
                        f"Retention rule for {model._meta.label} {status!r} is not valid: {rule!r}.",
                        hint="Use a status of the model, a positive number of days and RetentionAction.",
                        obj=model,
                        id="submissions.E002",
                    )
                )
        for status in sorted(statuses - set(flow.transitions)):
            errors.append(
                checks.Error(
                    f"Status {status!r} of {model._meta.label} is missing from its transitions.",
                    hint="Give it a tuple of the statuses it may move to (empty if none).",
                    obj=model,
                    id="submissions.E003",
                )
            )
    return errors


@checks.register()
def check_rates(app_configs=None, **kwargs):
    """A rate limit django-ratelimit could not read would answer every form with a 500."""
    errors = []
    for name in ("SUBMISSION_IP_RATE", "SUBMISSION_IDENTIFIER_RATE"):
        try:
            count, seconds = parse_rate(getattr(settings, name))
        except ValueError:
            count = seconds = 0
        if count <= 0 or seconds <= 0:
            errors.append(
                checks.Error(
                    f"{name} is not a rate limit: {getattr(settings, name)!r}.",
                    hint='A count and a period, as "20/h", "5/d" or "100/5m" (s, m, h or d).',
                    id="submissions.E010",
                )
            )
    return errors
