"""The volunteer application form block."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import RICH_TEXT_FEATURES
from submissions.blocks import EmbeddedFormBlock

from .applications import VolunteerApplicationHandler


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
