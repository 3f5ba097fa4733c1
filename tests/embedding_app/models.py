"""A page whose form blocks sit under other names, in a StreamField not called ``body``.

Forms plug in by block type: nothing in the submission machinery may depend on
how a page model or its stream names them.
"""

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page

from core.search import NormalisedSearchMixin
from core.slugs import NormalisedSlugMixin
from submissions.embedding import EmbeddedFormsMixin
from surveys.blocks import SurveyBlock
from volunteer_signup.blocks import VolunteerFormBlock


class TwoStreamsPage(NormalisedSlugMixin, NormalisedSearchMixin, EmbeddedFormsMixin, Page):
    """Like every page type of the site, with the site's slug rule and normalised search."""

    intro = StreamField([("paragraph", blocks.CharBlock())], blank=True)
    sidebar = StreamField(
        [("apply_here", VolunteerFormBlock()), ("tell_us", SurveyBlock()), ("note", blocks.CharBlock())],
        blank=True,
    )
