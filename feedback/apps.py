from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """ "Was this page helpful?": readers' votes on content pages, and the comments queue."""

    name = "feedback"
    verbose_name = _("Page feedback")
