"""Settings every page reads: the footer's contact numbers and links."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from .validators import validate_phone_number


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact numbers and links shown in every page's footer.

    Numbers are the same in both languages, so they live in a site setting
    rather than in translatable content.
    """

    emergency_number = models.CharField(
        _("emergency number"), max_length=20, default="999", validators=[validate_phone_number]
    )
    police_number = models.CharField(
        _("police non-emergency line"),
        max_length=20,
        blank=True,
        validators=[validate_phone_number],
    )
    help_line_number = models.CharField(
        _("help line"),
        max_length=20,
        blank=True,
        validators=[validate_phone_number],
        help_text=_("Confidential advice line, for example on drugs and addiction."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every page's footer and from every form."),
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    x_url = models.URLField(_("X (Twitter) profile"), blank=True)
    instagram_url = models.URLField(_("Instagram profile"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("emergency_number"),
                FieldPanel("police_number"),
                FieldPanel("help_line_number"),
            ],
            heading=_("Phone numbers"),
        ),
        FieldPanel("contact_email"),
        FieldPanel("privacy_page"),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self):
        """(label, url) pairs for the links that are set, in a stable order."""
        links = [
            ("Facebook", self.facebook_url),
            ("X", self.x_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]

    @classmethod
    def for_page(cls, page):
        """The settings of ``page``'s site (the default site's without a page), looked up once
        per page object, so once per request: the form, its text and its emails all ask."""
        if page is not None and hasattr(page, "_sharaka_site_settings"):
            return page._sharaka_site_settings
        site = page.get_site() if page is not None else Site.objects.filter(is_default_site=True).first()
        found = cls.for_site(site) if site else None
        if page is not None:
            page._sharaka_site_settings = found
        return found
