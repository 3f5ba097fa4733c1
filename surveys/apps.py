from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Feedback surveys: the snippets editors write, the form, the responses queue and results."""

    name = "surveys"
    verbose_name = _("Surveys")
