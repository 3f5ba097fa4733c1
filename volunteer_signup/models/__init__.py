"""Volunteer applications and the options editors manage for them (roles, areas)."""

from .application import (
    AgeBand,
    ApplicationStatus,
    Availability,
    SpokenLanguage,
    VolunteerApplication,
)
from .options import Area, VolunteerRole

__all__ = [
    "AgeBand",
    "ApplicationStatus",
    "Area",
    "Availability",
    "SpokenLanguage",
    "VolunteerApplication",
    "VolunteerRole",
]
