"""Campaign, story, standard and questions pages, and the snippets they use.

Split by concept; imported here so Django finds every model of the app.
"""

from .campaigns import CampaignIndexPage, CampaignPage, CampaignPageTopic, FeaturedCampaign, featured_in
from .outcomes import OutcomeIndexPage, OutcomePage, OutcomeStatus, outcomes_of
from .questions import QuestionsPage
from .snippets import HelpService, Topic
from .standard import StandardPage
from .stories import StoryIndexPage, SuccessStoryPage, SuccessStoryPageTopic

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignPageTopic",
    "FeaturedCampaign",
    "HelpService",
    "OutcomeIndexPage",
    "OutcomePage",
    "OutcomeStatus",
    "QuestionsPage",
    "StandardPage",
    "StoryIndexPage",
    "SuccessStoryPage",
    "SuccessStoryPageTopic",
    "Topic",
    "featured_in",
    "outcomes_of",
]
