"""Campaign, story and standard pages, and the snippets they use.

Split by concept; imported here so Django finds every model of the app.
"""

from .campaigns import CampaignIndexPage, CampaignPage, CampaignPageTopic, FeaturedCampaign, featured_in
from .outcomes import OutcomeIndexPage, OutcomePage, OutcomeStatus, outcomes_of
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
    "StandardPage",
    "StoryIndexPage",
    "SuccessStoryPage",
    "SuccessStoryPageTopic",
    "Topic",
    "featured_in",
    "outcomes_of",
]
