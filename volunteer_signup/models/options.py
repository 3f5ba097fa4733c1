"""Choices editors manage for the volunteer application: roles and areas."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.search import NormalisedSearchMixin


class VolunteerRole(NormalisedSearchMixin, TranslatableMixin, index.Indexed, models.Model):
    """Something volunteers do: traffic organisation, first aid, …"""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("what volunteers do"), max_length=600)
    time_commitment = models.CharField(
        _("time commitment"), max_length=160, help_text=_("For example: two hours a week.")
    )
    requirements = models.TextField(
        _("requirements"),
        blank=True,
        max_length=600,
        help_text=_("Training or conditions, for example: first-aid course provided."),
    )
    is_open = models.BooleanField(
        _("taking applications"),
        default=True,
        help_text=_("Closed roles are not offered on forms."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("time_commitment"),
        FieldPanel("requirements"),
        FieldPanel("is_open"),
        FieldPanel("sort_order"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("time_commitment"),
        TranslatableField("requirements"),
        SynchronizedField("is_open", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("volunteer role")
        verbose_name_plural = _("volunteer roles")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Area(NormalisedSearchMixin, TranslatableMixin, index.Indexed, models.Model):
    """A district or neighbourhood applicants choose from."""

    name = models.CharField(_("name"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=100)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("sort_order", overridable=False),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class OptionNames:
    """Names of translatable options (roles, areas) in one locale, looked up once.

    An application stores the role and area rows of the applicant's language;
    staff read them in their own admin language, one name per option whatever
    language the applicant used. A listing or an export builds one of these
    and reads every row's options from it: one query per option model, never
    one per row. An option not translated into the locale keeps the default
    language's name (else the name it has).
    """

    def __init__(self, locale=None):
        self.locale = locale or Locale.get_active()
        self._names = {}

    def names(self, model):
        """``{translation_key: name}`` of every option of ``model``."""
        if model not in self._names:
            preference = {self.locale.pk: 0, Locale.get_default().pk: 1}
            names, ranks = {}, {}
            for key, locale_id, name in model.objects.values_list("translation_key", "locale_id", "name"):
                rank = preference.get(locale_id, 2)
                if rank < ranks.get(key, 3):
                    names[key], ranks[key] = name, rank
            self._names[model] = names
        return self._names[model]

    def name(self, option):
        return self.names(option._meta.model).get(option.translation_key, option.name)


def localized_name(option, names=None):
    """An option's name in the staff member's language (``names``: an ``OptionNames``, for many rows)."""
    if option is None:
        return ""
    if names is not None:
        return names.name(option)
    return option.localized.name
