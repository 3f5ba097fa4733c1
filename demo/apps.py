from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The bilingual demo content: the top layer, which may import every other app."""

    name = "demo"
    verbose_name = _("Demo content")
