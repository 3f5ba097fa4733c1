from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates of a volunteer's hours and training courses, and the public page that
    verifies them. Above ``volunteer_signup`` in the layers: it reads volunteers and their
    hours; volunteer_signup never imports it."""

    name = "certificates"
    verbose_name = _("Certificates")
