"""The one body StreamBlock every content page uses."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from feedback.blocks import AskBlock
from surveys.blocks import SurveyBlock
from volunteer_signup.blocks import UpcomingOpportunitiesBlock, VolunteerFormBlock

from .content import (
    CaptionedImageBlock,
    DocumentBlock,
    HeadingBlock,
    KeyFiguresBlock,
    QuoteBlock,
    TextBlock,
    VideoBlock,
)
from .guidance import (
    CallToActionBlock,
    FAQBlock,
    HelpLinesBlock,
    MythFactBlock,
    WarningSignsBlock,
)


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(group=_("Text"))
    text = TextBlock(group=_("Text"))
    quote = QuoteBlock(group=_("Text"))
    image = CaptionedImageBlock(group=_("Media"))
    video = VideoBlock(group=_("Media"))
    document = DocumentBlock(group=_("Media"))
    key_figures = KeyFiguresBlock(group=_("Campaign"))
    call_to_action = CallToActionBlock(group=_("Campaign"))
    opportunities = UpcomingOpportunitiesBlock(group=_("Campaign"))
    faq = FAQBlock(group=_("Guidance"))
    help_lines = HelpLinesBlock(group=_("Guidance"))
    warning_signs = WarningSignsBlock(group=_("Guidance"))
    myth_fact = MythFactBlock(group=_("Guidance"))
    volunteer_form = VolunteerFormBlock(group=_("Forms"))
    survey = SurveyBlock(group=_("Forms"))
    ask = AskBlock(group=_("Forms"))

    class Meta:
        label = _("Body")
