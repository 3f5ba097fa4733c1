"""Volunteers, their applications and personal links, and the options editors manage (roles, areas)."""

from .application import (
    AgeBand,
    ApplicationStatus,
    Availability,
    SpokenLanguage,
    VolunteerApplication,
)
from .options import Area, VolunteerRole
from .volunteer import ApplicantLink, Volunteer

__all__ = [
    "AgeBand",
    "ApplicantLink",
    "ApplicationStatus",
    "Area",
    "Availability",
    "SpokenLanguage",
    "VolunteerApplication",
    "Volunteer",
    "VolunteerRole",
]
