"""Submissions: volunteer applications (and, later, survey responses), the
options editors manage for them, and the shared moderation machinery."""

from .application import (
    ApplicationStatus,
    AgeBand,
    Availability,
    SpokenLanguage,
    VolunteerApplication,
)
from .options import Area, VolunteerRole
from .outbox import OutgoingEmail
from .submission import RetentionRecord, Submission, SubmissionNote, TransitionError, Workflow

__all__ = [
    "AgeBand",
    "ApplicationStatus",
    "Area",
    "Availability",
    "OutgoingEmail",
    "RetentionRecord",
    "SpokenLanguage",
    "Submission",
    "SubmissionNote",
    "TransitionError",
    "VolunteerApplication",
    "VolunteerRole",
    "Workflow",
]
