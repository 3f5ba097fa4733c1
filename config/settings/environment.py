"""Reading typed settings from environment variables.

A dozen lines instead of a library: django-environ treats any value that
starts with "$" as the name of another variable, which breaks perfectly good
secret keys and passwords, and it cannot be switched off.
"""

import os

from django.core.exceptions import ImproperlyConfigured

REQUIRED = object()


def _bool(value):
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def _list(value):
    return [item.strip() for item in value.split(",") if item.strip()]


CASTS = {bool: _bool, float: float, int: int, list: _list, str: str}


class Environment:
    """Values of the variables declared in ``schema`` ({name: (type, default)})."""

    def __init__(self, schema, environ=None):
        self.schema = schema
        self.environ = os.environ if environ is None else environ

    def __call__(self, name):
        cast, default = self.schema.get(name, (str, REQUIRED))
        if name not in self.environ:
            if default is REQUIRED:
                raise ImproperlyConfigured(f"Set the {name} environment variable.")
            return default
        try:
            return CASTS[cast](self.environ[name])
        except ValueError as error:
            raise ImproperlyConfigured(f"{name}: {error}") from error
