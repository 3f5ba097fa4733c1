"""Volunteers, their applications and personal links, and the options editors manage (roles, areas)."""

from .application import (
    AgeBand,
    ApplicationStatus,
    Availability,
    SpokenLanguage,
    VolunteerApplication,
)
from .opportunity import Attendance, Opportunity, OpportunityKind, SignUp, SignUpStatus
from .options import Area, VolunteerRole
from .reported import ReportedHours, ReportStatus
from .volunteer import ApplicantLink, Volunteer

__all__ = [
    "AgeBand",
    "ApplicantLink",
    "Attendance",
    "Opportunity",
    "ReportedHours",
    "ReportStatus",
    "OpportunityKind",
    "SignUp",
    "SignUpStatus",
    "ApplicationStatus",
    "Area",
    "Availability",
    "SpokenLanguage",
    "VolunteerApplication",
    "Volunteer",
    "VolunteerRole",
]
