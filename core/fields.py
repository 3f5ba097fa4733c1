"""Model fields that carry their own rule, so a form, the admin and exports read it from one place.

``PhoneNumberField``: a personal phone number stored in E.164 whatever way it is
typed (core/phones.py); its form field rejects what is not a real number with
the site's message. ``ChoiceListField``: several choices from a fixed list
(languages spoken, availability), stored as a JSON list; its form field is a
group of checkboxes and the model gets ``get_<name>_display()`` returning the
labels, like Django's for single choices.
"""

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .phones import display_phone, normalise_phone

PHONE_ERROR = _("Enter a phone number we can call, like 050 123 4567 or +971 50 123 4567.")


class PhoneNumberFormField(forms.CharField):
    default_error_messages = {"invalid_phone": PHONE_ERROR}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        phone = normalise_phone(value)
        if not phone:
            raise forms.ValidationError(self.error_messages["invalid_phone"], code="invalid_phone")
        return phone


class PhoneNumberField(models.CharField):
    """A person's phone number, always saved in E.164 (``display_phone`` shows it nationally)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        # One normal form however the record is made (form, demo, admin, tests).
        value = getattr(model_instance, self.attname)
        normalised = normalise_phone(value) or value
        setattr(model_instance, self.attname, normalised)
        return normalised

    def formfield(self, **kwargs):
        # Typed numbers are longer than stored ones (spaces, a prefix): the input limit is its own.
        return super().formfield(**{"form_class": PhoneNumberFormField, **kwargs, "max_length": 30})

    @staticmethod
    def display(value):
        return display_phone(value)


class ChoiceListField(models.JSONField):
    """Several values from ``item_choices``, stored as a JSON list."""

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        field = self

        def get_display(instance):
            labels = dict(field.item_choices)
            return [labels.get(value, value) for value in getattr(instance, field.attname) or []]

        get_display.short_description = self.verbose_name
        setattr(cls, f"get_{name}_display", get_display)

    def formfield(self, **kwargs):
        defaults = {
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
            "required": not self.blank,
            "choices": self.item_choices,
            "widget": forms.CheckboxSelectMultiple,
        }
        return forms.MultipleChoiceField(**{**defaults, **kwargs})

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {choice for choice, _label in self.item_choices}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            raise forms.ValidationError(
                _("Not one of the choices: %(values)s") % {"values": ", ".join(map(str, unknown))}
            )
