"""Settings every page reads: the footer's contact numbers and links."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, Site

from . import page_links, per_request
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
    def for_site(cls, site):
        """Wagtail's, once per request (core/per_request.py) whoever asks: the footer, a form, its emails."""
        if site is None:
            raise cls.DoesNotExist(f"{cls.__name__} does not exist for site None.")
        return cls._for_site_id(site.pk)

    @classmethod
    def _for_site_id(cls, site_id):
        return per_request.kept(
            ("site_settings", site_id), lambda: cls.base_queryset().get_or_create(site_id=site_id)[0]
        )

    @classmethod
    def for_page(cls, page):
        """The settings of ``page``'s site (the default site's without a page)."""
        # The site's id from Wagtail's cached site root paths (no query, unlike get_site()).
        if page is not None:
            parts = page.get_url_parts()
            site_id = parts[0] if parts else None
        else:
            site_id = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
        return cls._for_site_id(site_id) if site_id else None

    def privacy_notice(self, locale_id):
        """The chosen privacy notice's live translation in ``locale_id``, else the notice itself.

        One query, kept on this object (so once per request); a plain ``Page``: links and
        the consent's revision need nothing of its specific type.
        """
        notices = self.__dict__.setdefault("_privacy_notices", {})
        if locale_id not in notices:
            notices[locale_id] = self._find_privacy_notice(locale_id)
        return notices[locale_id]

    def _find_privacy_notice(self, locale_id):
        return page_links.in_language([self.privacy_page_id], locale_id).get(self.privacy_page_id)

    @property
    def localized_privacy_notice(self):
        """The privacy notice in the reader's language (the footer's link), as Wagtail's
        ``localized`` would find it: the chosen notice when the language has no locale."""
        try:
            locale_id = Locale.get_active().pk
        except (LookupError, Locale.DoesNotExist):
            locale_id = None
        return self.privacy_notice(locale_id)
