"""A submission's answers read field by field from its model.

The inspect view and the exports show the fields a model lists in
``ANSWER_FIELDS``, labelled with each field's verbose name (the question the
form asked), so a new field appears in both without touching either. How a
value reads depends only on the kind of field: a choice shows its label, a list
of choices its labels, a translatable option (role, area) its name in the
staff member's language, a phone number its national form.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.text import capfirst
from wagtail.models import TranslatableMixin

from core.fields import PhoneNumberField
from core.localized import localized_name
from core.text import join_list


@dataclass
class Answer:
    name: str
    label: str
    value: object  # a string, or a list of strings
    kind: str  # "text", "long_text", "list", "phone" or "email"
    raw: object = None  # the stored value (for tel: and mailto: links)

    @property
    def text(self):
        """The answer as one line of text, for a spreadsheet cell."""
        return join_list(self.value) if isinstance(self.value, list) else self.value


def _option_name(option, names):
    if isinstance(option, TranslatableMixin):
        return localized_name(option, names)
    return str(option)


def read_answer(instance, name, names=None):
    """The ``Answer`` to field ``name`` of ``instance``; ``names``: an ``OptionNames`` shared by many rows."""
    field = instance._meta.get_field(name)
    label = capfirst(field.verbose_name)
    raw = getattr(instance, field.attname) if not field.many_to_many else None
    if field.many_to_many:
        value, kind = [_option_name(option, names) for option in getattr(instance, name).all()], "list"
    elif field.many_to_one:
        option = getattr(instance, name)
        value, kind = (_option_name(option, names) if option is not None else ""), "text"
    elif hasattr(instance, f"get_{name}_display"):
        value = getattr(instance, f"get_{name}_display")()
        kind = "list" if isinstance(value, list) else "text"
    elif isinstance(field, PhoneNumberField):
        value, kind = field.display(raw), "phone"
    elif isinstance(field, models.EmailField):
        value, kind = raw, "email"
    elif isinstance(field, models.TextField):
        value, kind = raw, "long_text"
    else:
        value, kind = "" if raw is None else str(raw), "text"
    return Answer(name=name, label=label, value=value, kind=kind, raw=raw)


def read_answers(instance, names=None):
    return [read_answer(instance, name, names) for name in instance.ANSWER_FIELDS]
