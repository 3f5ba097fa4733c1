from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """What residents send, whatever the form: embedding, anti-abuse, outbox,
    moderation, retention, the queue admin and exports. Form apps build on it."""

    name = "submissions"
    verbose_name = _("Submissions")

    def ready(self):
        from . import checks  # noqa: F401  registers the retention system checks
