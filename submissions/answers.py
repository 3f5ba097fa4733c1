"""A submission's answers read field by field from its model.

The inspect view and the exports show the fields a model lists in
``ANSWER_FIELDS``, labelled with each field's verbose name (the question the
form asked), so a new field appears in both without touching either. How a
value reads depends only on the kind of field: a choice shows its label, a list
of choices its labels, a translatable option (role, area) its name in the
staff member's language, a phone number its national form.

``read_answer`` reads one record (the inspect view); ``answer_column`` reads
the same text from plain values, for exports of many rows: its labels and
names are looked up once per export, never per row.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.text import capfirst
from wagtail.models import TranslatableMixin

from core.fields import ChoiceListField, PhoneNumberField
from core.localized import localized_name
from core.text import join_list, list_comma


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


def choice_labels(field):
    """``{stored value: label}`` of a field with choices (or a ``ChoiceListField``), as text."""
    choices = field.item_choices if isinstance(field, ChoiceListField) else field.flatchoices
    return {value: str(label) for value, label in choices}


def value_reader(field):
    """``(kind, read)``: how a stored value of a field that is not a relation reads (``read(raw)``)."""
    if isinstance(field, ChoiceListField):
        labels = choice_labels(field)
        return "list", lambda raw: [labels.get(item, item) for item in raw or []]
    if field.choices:
        labels = choice_labels(field)
        return "text", lambda raw: labels.get(raw, raw)
    if isinstance(field, PhoneNumberField):
        return "phone", field.display
    if isinstance(field, models.EmailField):
        return "email", lambda raw: raw
    if isinstance(field, models.TextField):
        return "long_text", lambda raw: raw
    return "text", lambda raw: "" if raw is None else str(raw)


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
    else:
        kind, read = value_reader(field)
        value = read(raw)
    return Answer(name=name, label=label, value=value, kind=kind, raw=raw)


def read_answers(instance, names=None):
    return [read_answer(instance, name, names) for name in instance.ANSWER_FIELDS]


def option_texts(model, names):
    """``{pk: text}`` of every option of ``model`` in the model's order: a translatable
    option's name in the ``OptionNames``' language, any other its ``str()``."""
    if issubclass(model, TranslatableMixin):
        by_key = names.names(model)
        return {pk: by_key[key] for pk, key in model.objects.values_list("pk", "translation_key")}
    return {option.pk: str(option) for option in model.objects.all()}


@dataclass
class AnswerColumn:
    """An answer as one line of text from plain values (``read_answer(...).text`` without the instance).

    ``value`` is the value to select (``values_list``); ``prepare(values)``, if set, is given
    every row's value of a batch before they are read (a list of choices looks up its links).
    """

    value: str
    read: object
    prepare: object = None


def answer_column(model, name, names):
    field = model._meta.get_field(name)
    comma = list_comma() + " "
    if field.many_to_many:
        return _many_to_many_column(field, names, comma)
    if field.many_to_one:
        texts = option_texts(field.related_model, names)
        return AnswerColumn(field.attname, lambda pk: "" if pk is None else texts[pk])
    _kind, read = value_reader(field)
    if isinstance(field, ChoiceListField):
        joined = {}  # few different lists of choices: each is read once

        def read_list(raw):
            key = tuple(raw or ())
            if key not in joined:
                joined[key] = comma.join(read(raw))
            return joined[key]

        return AnswerColumn(name, read_list)
    return AnswerColumn(name, read)


def _many_to_many_column(field, names, comma):
    texts = option_texts(field.related_model, names)
    order = {pk: position for position, pk in enumerate(texts)}
    through = field.remote_field.through
    owner, option = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = {}

    def prepare(pks):
        links.clear()
        for owner_pk, option_pk in through.objects.filter(**{f"{owner}__in": pks}).values_list(owner, option):
            links.setdefault(owner_pk, []).append(option_pk)

    def read(pk):
        return comma.join(texts[option_pk] for option_pk in sorted(links.get(pk, ()), key=order.__getitem__))

    return AnswerColumn("pk", read, prepare)
