"""Submissions: volunteer applications and survey responses, the options and
surveys editors manage for them, and the shared moderation machinery."""

from .application import (
    AgeBand,
    ApplicationStatus,
    Availability,
    SpokenLanguage,
    VolunteerApplication,
)
from .options import Area, VolunteerRole
from .outbox import OutgoingEmail
from .submission import ExportRecord, RetentionRecord, Submission, SubmissionNote, TransitionError, Workflow
from .survey import QuestionType, ResponseStatus, Survey, SurveyField, SurveyResponse

__all__ = [
    "AgeBand",
    "ApplicationStatus",
    "Area",
    "Availability",
    "ExportRecord",
    "OutgoingEmail",
    "QuestionType",
    "ResponseStatus",
    "RetentionRecord",
    "SpokenLanguage",
    "Submission",
    "SubmissionNote",
    "Survey",
    "SurveyField",
    "SurveyResponse",
    "TransitionError",
    "VolunteerApplication",
    "VolunteerRole",
    "Workflow",
]
