from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteerSignupConfig(AppConfig):
    name = "volunteer_signup"
    verbose_name = _("Submissions")

    def ready(self):
        from . import checks  # noqa: F401 - register the system checks
