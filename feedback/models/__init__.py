"""What residents say back: page votes and comments, anonymous questions and their answers."""

from .helpful import COMMENT_FLOW, CommentStatus, HelpfulVote, PageComment
from .questions import (
    QUESTION_FLOW,
    AnonymousQuestion,
    CrisisWords,
    PublishedAnswer,
    QuestionLink,
    QuestionStatus,
    Subject,
)

__all__ = [
    "COMMENT_FLOW",
    "QUESTION_FLOW",
    "AnonymousQuestion",
    "CommentStatus",
    "CrisisWords",
    "HelpfulVote",
    "PageComment",
    "PublishedAnswer",
    "QuestionLink",
    "QuestionStatus",
    "Subject",
]
