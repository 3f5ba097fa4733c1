"""Translatable snippets: topics campaigns are filed under, and help services.

``translatable_fields`` is spelled out on each: copy is translated; slugs,
phone numbers, URLs and flags are synchronised so the two languages can never
disagree about them.
"""

from django.core.validators import validate_slug
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.search import NormalisedSearchMixin
from core.validators import validate_phone_number


class Topic(NormalisedSearchMixin, TranslatableMixin, index.Indexed, models.Model):
    """A subject residents browse by: drug prevention, road safety, …

    The slug is the same in both languages (``?topic=drug-prevention``), so a
    filtered listing keeps its filter when the reader switches language.
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        validators=[validate_slug],
        help_text=_("Latin letters, digits and hyphens; shared by both languages."),
    )
    description = models.TextField(_("description"), blank=True, max_length=400)
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


class HelpService(NormalisedSearchMixin, TranslatableMixin, index.Indexed, models.Model):
    """A support service or help line that guidance pages point to.

    Crisis lines are listed first wherever services are shown, and are marked
    so that a reader in distress can tell them from information lines.
    """

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("what it offers"), max_length=600)
    phone = models.CharField(_("phone number"), max_length=20, validators=[validate_phone_number])
    second_phone = models.CharField(
        _("second phone number"), max_length=20, blank=True, validators=[validate_phone_number]
    )
    hours = models.CharField(_("opening hours"), max_length=120, help_text=_("For example: around the clock."))
    website = models.URLField(_("website"), blank=True)
    area = models.CharField(_("area served"), max_length=120, blank=True)
    is_crisis_line = models.BooleanField(
        _("crisis line"),
        default=False,
        help_text=_("Urgent help for someone at risk now. Crisis lines are listed first."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("second_phone"), FieldPanel("hours")],
            heading=_("How to reach it"),
        ),
        FieldPanel("website"),
        FieldPanel("area"),
        FieldPanel("is_crisis_line"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("hours"),
        TranslatableField("area"),
        SynchronizedField("phone", overridable=False),
        SynchronizedField("second_phone", overridable=False),
        SynchronizedField("website"),
        SynchronizedField("is_crisis_line", overridable=False),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("help service")
        verbose_name_plural = _("help services")
        ordering = ["-is_crisis_line", "name"]

    def __str__(self):
        return self.name

    @property
    def phones(self):
        return [number for number in (self.phone, self.second_phone) if number]


class PageTopic(TranslatableMixin, Orderable):
    """Abstract link from a page to a topic.

    A translatable child (rather than a plain many-to-many, which
    wagtail-localize copies untouched) so the English page links to the
    English topic.
    """

    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
