"""The machinery every kind of submission shares: the abstract ``Submission``
with its status flow, staff notes, the outbox, and the records that outlive
the data (retention counts, exports)."""

from .outbox import PERSONAL_LINK, OutgoingEmail, PendingEmails
from .submission import (
    ExportRecord,
    Retention,
    RetentionAction,
    RetentionRecord,
    StatusFlow,
    Submission,
    SubmissionNote,
    TransitionError,
    status_changed,
    submission_models,
)

__all__ = [
    "PERSONAL_LINK",
    "ExportRecord",
    "OutgoingEmail",
    "PendingEmails",
    "Retention",
    "RetentionAction",
    "RetentionRecord",
    "StatusFlow",
    "Submission",
    "SubmissionNote",
    "TransitionError",
    "status_changed",
    "submission_models",
]
