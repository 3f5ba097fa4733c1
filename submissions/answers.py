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


class IdList(models.Aggregate):
    """The ids of a group as text, comma-separated (SQLite's GROUP_CONCAT, PostgreSQL's STRING_AGG)."""

    function = "GROUP_CONCAT"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s((%(expressions)s)::text, ',')"
        )


@dataclass
class AnswerColumn:
    """An answer as one line of text from plain values (``read_answer(...).text`` without the instance).

    ``value`` is the value to select (``values_list``), an annotation when ``annotation``
    (the expression) is given; ``read(value)`` gives the text.
    """

    value: str
    read: object
    annotation: object = None


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
        return AnswerColumn(name, once_per_value(lambda raw: comma.join(read(raw)), key=lambda raw: tuple(raw or ())))
    return AnswerColumn(name, read)


def once_per_value(read, key=None):
    """``read``, remembering what it gave for each value: rows share few lists of options."""
    known = {}

    def remembered(value):
        k = value if key is None else key(value)
        if k not in known:
            known[k] = read(value)
        return known[k]

    return remembered


def _many_to_many_column(field, names, comma):
    """The options' ids come with each row (one subquery in the export's query, no query per row
    or per batch), in the options' order, joined with the reader's list comma."""
    texts = option_texts(field.related_model, names)
    order = {pk: position for position, pk in enumerate(texts)}
    owner, option = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = (
        field.remote_field.through.objects.filter(**{owner: models.OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(ids=IdList(option))
        .values("ids")
    )

    def read(ids):
        chosen = sorted((int(pk) for pk in ids.split(",")), key=order.__getitem__) if ids else ()
        return comma.join(texts[pk] for pk in chosen)

    return AnswerColumn(f"export_{field.name}_ids", once_per_value(read), models.Subquery(links))
