"""Standard pages: about, privacy notice, contact."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from core.translation import PAGE_TRANSLATABLE_FIELDS

from .base import ContentPage, readers_tab


class StandardPage(ContentPage):
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
            readers_tab(),
        ]
    )
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("body"),
    ]
    parent_page_types = ["home.HomePage", "campaigns.StandardPage"]
    subpage_types = ["campaigns.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
