"""Logging: one line per record on standard error, as plain text or as JSON (``LOG_FORMAT``).

Every record carries the request's id (``request_id``: core/request_ids.py; "none" outside
a request). What is logged never holds personal data: form events name the form and a
hash of the client's address (submissions/antiabuse.py), the cache's outage its error class.
Django attaches the request itself to its own records (a 404, a refused host); the JSON
lines leave it out, as the plain ones do: its full address can hold a search or a form's
answers, and Django's message already names the path.
"""

from pythonjsonlogger.core import RESERVED_ATTRS

# Record attributes never written as JSON fields: logging's own, and Django's ``request``.
LEFT_OUT = [*RESERVED_ATTRS, "request"]

PLAIN = "%(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"


def logging_settings(log_format="plain"):
    """Django's ``LOGGING`` for ``log_format`` ("plain" or "json")."""
    formatters = {
        "plain": {"format": PLAIN},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,  # Arabic stays readable
            "reserved_attrs": LEFT_OUT,
        },
    }
    if log_format not in formatters:
        raise ValueError(f"LOG_FORMAT must be plain or json, not {log_format!r}")
    console = {
        "class": "logging.StreamHandler",
        "formatter": log_format,
        "filters": ["request_id"],
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "log_request_id.filters.RequestIDFilter"}},
        "formatters": formatters,
        "handlers": {"console": console},
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "sharaka": {"handlers": ["console"], "level": "INFO", "propagate": False},
            # Failed logins and lockouts: username and client address, never the password.
            "axes": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "axes.apps": {"handlers": ["console"], "level": "WARNING", "propagate": False},  # not its banner
        },
    }
