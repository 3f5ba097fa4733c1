"""The survey block: embeds a survey snippet in any page's StreamField."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.blocks import SnippetChooserBlock

from submissions.blocks import EmbeddedFormBlock

from .forms import SurveyHandler


class SurveyBlock(EmbeddedFormBlock):
    """A survey chosen from the survey snippets; several can share a page."""

    handler_class = SurveyHandler

    survey = SnippetChooserBlock("surveys.Survey", label=_("Survey"))

    class Meta:
        icon = "list-ul"
        label = _("Survey")
        template = "surveys/blocks/survey.html"
        description = _("A feedback survey; responses go to the feedback officers' queue.")
