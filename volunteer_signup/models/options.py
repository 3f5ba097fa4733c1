"""Choices editors manage for the volunteer application: roles and areas."""

from django.apps import apps
from django.db import models
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
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

    def delete(self, *args, **kwargs):
        """Refused while applications chose this role (volunteer_signup/in_use.py): close it instead."""
        application = apps.get_model("volunteer_signup", "VolunteerApplication")
        if application.roles.through.objects.filter(volunteerrole=self).exists():
            raise ProtectedError(f"{self} is chosen by applications; close it instead.", {self})
        return super().delete(*args, **kwargs)


class Area(NormalisedSearchMixin, TranslatableMixin, index.Indexed, models.Model):
    """A district or neighbourhood applicants choose from."""

    name = models.CharField(_("name"), max_length=120)
    is_offered = models.BooleanField(
        _("offered on forms"),
        default=True,
        help_text=_("Untick to archive: applications keep this area, new ones cannot choose it."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=100)

    panels = [FieldPanel("name"), FieldPanel("is_offered"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("is_offered", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
