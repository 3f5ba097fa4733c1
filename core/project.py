"""Which installed apps are this project's own (not Django's, Wagtail's or a test app)."""

from pathlib import Path

from django.apps import apps
from django.conf import settings


def project_app_configs():
    """The apps whose package sits at the top of the repository (core, home, campaigns…)."""
    return [config for config in apps.get_app_configs() if Path(config.path).parent == Path(settings.BASE_DIR)]
