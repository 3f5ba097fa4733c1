"""The "ask anonymously" block: a question form any page can carry."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from submissions.blocks import EmbeddedFormBlock

from .asking import QuestionHandler


class AskBlock(EmbeddedFormBlock):
    """Residents ask about drugs, safety or volunteering without giving a name."""

    handler_class = QuestionHandler

    heading = blocks.CharBlock(label=_("Heading"), max_length=160, default=_("Ask us anonymously"))
    intro = blocks.TextBlock(
        label=_("Introduction"),
        required=False,
        max_length=600,
        help_text=_("Who answers and how soon. The form itself says what happens to the question."),
    )

    class Meta:
        icon = "help"
        label = _("Anonymous question")
        template = "feedback/blocks/ask.html"
        description = _("A form for asking a question without a name; questions go to the Answerers' queue.")
        preview_value = {"heading": _("Ask us anonymously")}
