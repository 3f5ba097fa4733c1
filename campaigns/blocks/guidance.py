"""Guidance blocks for awareness and drug-prevention pages.

Built from plain struct and list blocks (no tables, no raw HTML) so that
wagtail-localize extracts every visible string for translation.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import RICH_TEXT_FEATURES


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBlock(blocks.StructBlock):
    """Questions as native ``<details>``: they open and close without JavaScript."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=160, default=_("Questions people ask"))
    items = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")
        template = "blocks/faq.html"
        description = _("Questions that open to show their answers.")
        preview_value = {
            "heading": _("Questions people ask"),
            "items": [
                {
                    "question": _("Will my child get into trouble if they tell me?"),
                    "answer": _("<p>No. Asking for help is never reported as a crime.</p>"),
                }
            ],
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=160)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address on another site"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action.html"
        description = _("A short prompt with one button.")
        preview_value = {
            "heading": _("Give two hours a week"),
            "text": _("Help at school crossings near your home."),
            "button_label": _("Apply to volunteer"),
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError({"page": ValidationError(_("Choose a page or enter an address."))})
        return value


class HelpLinesBlock(blocks.StructBlock):
    """Help services with tap-to-call numbers; crisis lines always come first."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=160, default=_("Where to get help"))
    intro = blocks.TextBlock(label=_("Introduction"), required=False, max_length=400)
    services = blocks.ListBlock(SnippetChooserBlock("campaigns.HelpService"), label=_("Help services"), min_num=1)

    class Meta:
        icon = "mobile-alt"
        label = _("Help lines")
        template = "blocks/help_lines.html"
        description = _("Help services with numbers readers can tap to call.")
        preview_value = {"heading": _("Where to get help"), "services": []}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        services = [service for service in value["services"] if service is not None]
        context["services"] = sorted(services, key=lambda service: not service.is_crisis_line)
        return context


class WarningSignsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=160)
    intro = blocks.TextBlock(label=_("Introduction"), required=False, max_length=400)
    signs = blocks.ListBlock(blocks.CharBlock(label=_("Sign"), max_length=250), label=_("Signs"), min_num=1)
    advice = blocks.RichTextBlock(label=_("What to do"), required=False, features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Warning signs")
        template = "blocks/warning_signs.html"
        description = _("A list of signs to look out for, and what to do about them.")
        preview_value = {
            "heading": _("Signs that something may be wrong"),
            "signs": [_("Sudden change of friends"), _("Falling marks at school")],
        }


class MythFactItemBlock(blocks.StructBlock):
    myth = blocks.CharBlock(label=_("Myth"), max_length=250)
    fact = blocks.TextBlock(label=_("Fact"), max_length=800)

    class Meta:
        icon = "info-circle"
        label = _("Myth and fact")


class MythFactBlock(blocks.StructBlock):
    """Each myth is followed at once by its correction, and has its own link.

    People remember a myth when the correction comes later or not at all; a
    per-myth anchor lets readers share the correction itself.
    """

    heading = blocks.CharBlock(label=_("Heading"), max_length=160, default=_("Myths and facts"))
    # Also the label wagtail-localize shows on every myth and every fact it lists for translation.
    items = blocks.ListBlock(MythFactItemBlock(), label=_("Myths and facts"), min_num=1)

    class Meta:
        icon = "info-circle"
        label = _("Myth and fact")
        template = "blocks/myth_fact.html"
        description = _("Common myths, each followed by the fact that corrects it.")
        preview_value = {
            "heading": _("Myths and facts"),
            "items": [
                {
                    "myth": _("Trying a drug once cannot hurt."),
                    "fact": _("A single dose can be dangerous, especially when the content is unknown."),
                }
            ],
        }
