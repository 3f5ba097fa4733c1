from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteerSignupConfig(AppConfig):
    """Volunteer applications: the form, its queue, and the roles and areas it offers."""

    name = "volunteer_signup"
    verbose_name = _("Volunteering")

    def ready(self):
        from . import signals  # noqa: F401  connects the receivers
