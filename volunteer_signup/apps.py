from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteerSignupConfig(AppConfig):
    name = "volunteer_signup"
    verbose_name = _("Submissions")

    def ready(self):
        from . import applications, checks, surveys  # noqa: F401 - register the embedded forms and checks
