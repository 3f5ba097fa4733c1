from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """What residents send, whatever the form: embedding, anti-abuse, outbox,
    moderation, retention, the queue admin and exports. Form apps build on it."""

    name = "submissions"
    verbose_name = _("Submissions")

    def ready(self):
        from django.db.models.signals import pre_delete

        from . import checks  # noqa: F401  registers the retention system checks
        from .models import Submission

        def forget_before_delete(sender, instance, **kwargs):
            # However a record is deleted (the admin, a data request, retention), its queued
            # emails, notes and decision reasons go with it; the history keeps who did what.
            if isinstance(instance, Submission):
                instance.forget_history_details()

        # weak=False: a function defined here would otherwise be collected, and the signal lost.
        pre_delete.connect(forget_before_delete, weak=False, dispatch_uid="sharaka-forget-before-delete")
