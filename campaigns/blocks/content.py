"""General content blocks: headings, text, images, figures, quotes, video, documents.

Every block declares a template, an icon, a description and a preview value,
so editors see what it does in the block picker before they add it.
"""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from core.blocks import RICH_TEXT_FEATURES, FigureBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"
        description = _("A section heading. Use headings in order: sections, then sub-headings.")
        preview_value = {"text": _("How to talk with your child about drugs"), "level": "h2"}


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/rich_text.html"
        description = _("Paragraphs and lists.")
        preview_value = _(
            "<p>Listening without judging is the first step. Ask open questions and give your child time to answer.</p>"
        )


class CaptionedImageBlock(blocks.StructBlock):
    """Image with its alt text (required unless marked decorative) and a caption.

    Wagtail's ImageBlock keeps the alt text with the block, so it is
    translated with the page rather than shared by both languages.
    """

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"
        description = _("A picture with alternative text for people who cannot see it.")
        preview_value = {"caption": _("Volunteers at a road-safety stand near a school.")}


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=160)
    figures = blocks.ListBlock(FigureBlock(), label=_("Figures"), min_num=1, max_num=8)

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "blocks/key_figures.html"
        description = _("Up to eight numbers with short labels.")
        preview_value = {
            "heading": _("The programme in numbers"),
            "figures": [
                {"value": 7263, "label": _("volunteers trained")},
                {"value": 21, "label": _("training courses")},
            ],
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        description = _("Words from a resident, volunteer or officer.")
        preview_value = {
            "text": _("We used to see the police only when something went wrong. Now we plan together."),
            "attribution": _("A member of the neighbourhood committee"),
        }


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def youtube_id(url):
    """The video id of a YouTube URL, or None for any other address."""
    parsed = urlparse(url or "")
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parsed.path.strip("/")
    elif host in ("youtube.com", "youtube-nocookie.com"):
        if parsed.path == "/watch":
            candidate = parse_qs(parsed.query).get("v", [None])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            candidate = parsed.path.split("/")[2]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


class VideoStructValue(blocks.StructValue):
    @cached_property
    def youtube_id(self):
        return youtube_id(self.get("url"))


class VideoBlock(blocks.StructBlock):
    """A video shown as a link until the reader chooses to play it.

    Loading a video player on page load would send every reader's visit to
    the video host; the page makes no third-party request until the reader
    presses play (or follows the link, without JavaScript).
    """

    url = blocks.URLBlock(label=_("Video address"), help_text=_("A YouTube link."))
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"
        value_class = VideoStructValue
        description = _("A YouTube video, loaded only when the reader chooses to watch it.")
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "title": _("Five minutes on road safety near schools"),
        }

    def clean(self, value):
        value = super().clean(value)
        if not youtube_id(value.get("url")):
            raise blocks.StructBlockValidationError({"url": ValidationError(_("Enter a YouTube video address."))})
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        max_length=160,
        help_text=_("Say what the document is, not 'click here'."),
    )
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document.html"
        description = _("A file readers can download, with its type and size shown.")
        preview_value = {"title": _("Guide for parents (PDF)")}
