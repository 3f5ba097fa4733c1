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
from .submission import (
    ExportRecord,
    Retention,
    RetentionAction,
    RetentionRecord,
    StatusFlow,
    Submission,
    SubmissionNote,
    TransitionError,
)
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
    "Retention",
    "RetentionAction",
    "RetentionRecord",
    "SpokenLanguage",
    "StatusFlow",
    "Submission",
    "SubmissionNote",
    "Survey",
    "SurveyField",
    "SurveyResponse",
    "TransitionError",
    "VolunteerApplication",
    "VolunteerRole",
]
