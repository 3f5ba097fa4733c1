"""Standard pages: about, privacy notice, contact."""

from django.utils.translation import gettext_lazy as _

from .base import SummaryAndBodyPage


class StandardPage(SummaryAndBodyPage):
    parent_page_types = ["home.HomePage", "campaigns.StandardPage"]
    subpage_types = ["campaigns.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
