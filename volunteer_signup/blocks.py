"""Blocks that embed resident forms in the shared body StreamBlock."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from campaigns.blocks.content import RICH_TEXT_FEATURES

from . import embedding
from .applications import VolunteerApplicationHandler
from .surveys import SurveyHandler


class EmbeddedFormBlock(blocks.StructBlock):
    """Base for form blocks: carries its form's handler and finds its state in the page context.

    Subclasses set ``handler_class`` (an ``embedding.EmbeddedForm``); that is all a page
    needs to receive the form, whatever the block is called in the stream.
    """

    handler_class = None

    @cached_property
    def form_handler(self):
        return self.handler_class()

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        block_id = parent_context.get("block_id") or ""
        states = parent_context.get("form_states") or {}
        state = states.get(block_id)
        page = parent_context.get("page")
        request = parent_context.get("request")
        handler = self.form_handler
        if state is None and page is not None and request is not None and block_id:
            # Rendered outside EmbeddedFormsMixin (a preview): a working, empty form.
            state = embedding.fresh_state(handler, value, page, request, block_id)
        context.update(
            {
                "block_id": block_id,
                "state": state,
                "is_open": handler.is_open(value),
            }
        )
        return context


class VolunteerFormBlock(EmbeddedFormBlock):
    handler_class = VolunteerApplicationHandler

    heading = blocks.CharBlock(label=_("Heading"), max_length=160, default=_("Apply to volunteer"))
    intro = blocks.RichTextBlock(label=_("Introduction"), required=False, features=RICH_TEXT_FEATURES)
    roles = blocks.ListBlock(
        SnippetChooserBlock("volunteer_signup.VolunteerRole"),
        label=_("Roles to offer"),
        help_text=_("Leave empty to offer every open role."),
        # Without this a new block starts with one empty (required) row, and the page
        # cannot be saved until the editor deletes it.
        default=[],
    )
    next_steps = blocks.TextBlock(
        label=_("What happens next"),
        required=False,
        max_length=600,
        help_text=_("Shown with the reference after the form is sent. Leave empty for the standard text."),
    )

    class Meta:
        icon = "group"
        label = _("Volunteer application form")
        template = "volunteer_signup/blocks/volunteer_form.html"
        description = _("The volunteer application form; applications go to the coordinators' queue.")
        preview_value = {"heading": _("Apply to volunteer")}


class SurveyBlock(EmbeddedFormBlock):
    """A survey chosen from the survey snippets; several can share a page."""

    handler_class = SurveyHandler

    survey = SnippetChooserBlock("volunteer_signup.Survey", label=_("Survey"))

    class Meta:
        icon = "list-ul"
        label = _("Survey")
        template = "volunteer_signup/blocks/survey.html"
        description = _("A feedback survey; responses go to the feedback officers' queue.")
