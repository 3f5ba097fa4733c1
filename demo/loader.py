"""Build pages and snippets from the data files in demo/content.

The files hold the prose; this module turns them into model instances
through the ``Bilingual`` engine, so every Arabic text is stored and its
English text beside it becomes the wagtail-localize translation. The model
and block definitions say how to read a value (plain text, rich text, a
stream, a date, a page or snippet named by key), so one set of rules serves
every page type and snippet, and a new field or block needs no new code.
demo/content/README.md describes the format.
"""

from __future__ import annotations

import datetime
import re
import tomllib
import uuid
from pathlib import Path

from django.apps import apps
from django.db import models
from django.utils import timezone
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, TranslatableMixin

from demo.images import demo_image

CONTENT = Path(__file__).resolve().parent / "content"
ARABIC_LETTERS = re.compile("[\u0600-\u06ff]")
# Keys of a page file that describe the tree rather than the page's fields.
STRUCTURE = ("page_type", "pages", "links")


def read(name: str) -> dict:
    """The data file ``demo/content/<name>.toml``."""
    with open(CONTENT / f"{name}.toml", "rb") as file:
        return tomllib.load(file)


# --- values -----------------------------------------------------------------
def text(demo, value):
    """The Arabic text of an ``{ar, en}`` pair, its English remembered for the translation.

    Any other value (a URL, a number, a choice) is stored as it is; Arabic
    outside a pair would reach the English site untranslated, so it is refused.
    """
    if isinstance(value, dict):
        if value.get("ar") and not value.get("en"):
            raise ValueError(f"No English text beside {value['ar']!r}")
        return demo.t(value["ar"], value["en"])
    if isinstance(value, str) and ARABIC_LETTERS.search(value):
        raise ValueError(f"Arabic text without its English text: {value!r}")
    return value


def rich(demo, value) -> str:
    """Rich text from one ``{ar, en}`` paragraph or a list of them.

    An item may say ``tag = "li"`` (consecutive items make one list) or h2/h3;
    each item is a segment of its own in wagtail-localize.
    """
    if value == "":
        return ""
    items = [value] if isinstance(value, dict) else value
    return demo.rich(*[(item.get("tag", "p"), item["ar"], item["en"]) for item in items])


def days_from_today(days: int) -> datetime.date:
    """Dates are written as days from loading, so the demo always has current and past campaigns."""
    return timezone.localdate() + datetime.timedelta(days=days)


def block_value(demo, block, value):
    """The value of one block, read as its definition says (struct, list, rich text, chooser)."""
    if isinstance(block, blocks.StructBlock):
        unknown = set(value) - set(block.child_blocks)
        if unknown:
            raise ValueError(f"{type(block).__name__} has no {sorted(unknown)}")
        return {name: block_value(demo, block.child_blocks[name], child) for name, child in value.items()}
    if isinstance(block, blocks.ListBlock):
        return [block_value(demo, block.child_block, child) for child in value]
    if isinstance(block, blocks.RichTextBlock):
        return rich(demo, value)
    if isinstance(block, blocks.ChooserBlock):
        return demo.recall(block.target_model, value).pk
    return text(demo, value)


def stream(demo, stream_block, items) -> list:
    """StreamField data as the editor would save it, from a list of ``{type, ...fields}``.

    A struct block's fields sit beside ``type``; any other block's value is
    under ``value``. Passed through the block definitions so list items get
    their own ids (wagtail-localize only extracts list items in that format,
    and myth anchors are built from them); an unknown block type is an error.
    """
    raw = []
    for item in items:
        kind = item["type"]
        if kind not in stream_block.child_blocks:
            raise ValueError(f"unknown block {kind!r}")
        block = stream_block.child_blocks[kind]
        data = without(item, "type") if isinstance(block, blocks.StructBlock) else item["value"]
        raw.append({"type": kind, "value": block_value(demo, block, data)})
    value = stream_block.to_python(raw)
    list(value)  # materialise every child, so it is re-serialised from its block rather than copied raw
    return stream_block.get_prep_value(value)


def children(demo, relation, items) -> list:
    """Inline child objects (page topics, featured campaigns, survey questions).

    An item is either a table of the child's fields or the key of the one
    object the child points to (a topic slug, a page's English slug).
    """
    model = relation.related_model
    extra = {"locale": demo.arabic} if issubclass(model, TranslatableMixin) else {}
    result = []
    for position, item in enumerate(items):
        fields = {pointer(model, relation): item} if isinstance(item, str) else item
        # The order in the file is the editors' order: store it, as the admin's inline panel does.
        order = {"sort_order": position} if issubclass(model, Orderable) else {}
        result.append(model(**field_values(demo, model, fields), **extra, **order))
    return result


def pointer(model, relation) -> str:
    """The one foreign key of a child model besides its parent and its locale."""
    (name,) = [
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one and field is not relation.remote_field and field.name != "locale"
    ]
    return name


def field_value(demo, field, value):
    """The value of one model field, read as the field's type says."""
    if field.one_to_many:
        return children(demo, field, value)
    if isinstance(field, StreamField):
        return stream(demo, field.stream_block, value)
    if field.name == "slug" and isinstance(value, dict):
        return demo.slug(value["ar"], value["en"])
    if field.many_to_one and issubclass(field.related_model, get_image_model()):
        return demo_image(value["drawing"], value["title"])
    if field.many_to_one:
        return demo.recall(field.related_model, value)
    if isinstance(field, models.DateField) and isinstance(value, int):
        return days_from_today(value)
    return text(demo, value)


def field_values(demo, model, data: dict) -> dict:
    """Keyword arguments for ``model`` from a data table; an unknown key is an error, not ignored."""
    return {name: field_value(demo, model._meta.get_field(name), value) for name, value in data.items()}


def without(data: dict, *keys: str) -> dict:
    return {key: value for key, value in data.items() if key not in keys}


# --- objects ----------------------------------------------------------------
def snippet(demo, model, data: dict, lookup: str = "name"):
    """An Arabic snippet and its English translation, found by ``lookup`` or created.

    Registered under its ``key`` (or its lookup value) for pages and blocks
    to point to.
    """
    fields = field_values(demo, model, without(data, "key"))
    found = model.objects.filter(locale=demo.arabic, **{lookup: fields[lookup]}).first()
    if found is None:
        found = model(locale=demo.arabic, **fields)
        found.save()
    if demo.english_of(found) is None:
        demo.translate(found)
    return demo.remember(data.get("key", fields[lookup]), found)


def snippets(demo, model, name: str, lookup: str = "name") -> list:
    """Every snippet of the file's list (named like the file), in order."""
    items = [snippet(demo, model, data, lookup) for data in read(name)[name]]
    demo.say(f"  {len(items)} {name.replace('_', ' ')} in both languages")
    return items


def page(demo, parent, name: str):
    """The Arabic page of a data file under ``parent``, with its English translation.

    Created and published only if missing (an editor's later changes stay);
    registered under its English slug. Then the pages the file lists under
    it, and last its links, which may point to those pages.
    """
    data = read(name)
    model = apps.get_model(data["page_type"])
    fields = field_values(demo, model, without(data, *STRUCTURE))
    made, _ = demo.child_page(parent, model, fields.pop("slug"), **fields)
    if demo.english_of(made) is None:
        demo.translate(made)
    demo.remember(data["slug"]["en"], made)
    subtree(demo, made, data, folder=Path(name).parent)
    return made


def subtree(demo, parent, data: dict, folder: Path = Path()):
    """The pages a data file lists under ``parent`` (paths from the file's folder), then its links."""
    pages = data.get("pages", [])
    for child in pages:
        page(demo, parent, (folder / child).as_posix())
    if pages:
        demo.say(f"  {len(pages)} pages under {data['slug']['en']}, in both languages")
    complete(demo, parent, data.get("links", {}))


def complete(demo, obj, data: dict):
    """Set the fields of ``obj`` that are still empty: settings, and links to pages made after it.

    A page is republished and its translation refreshed, so the English page
    points to the English pages.
    """
    empty = {name: value for name, value in data.items() if is_empty(obj, name)}
    if not empty:
        return
    for name, value in field_values(demo, type(obj), empty).items():
        setattr(obj, name, value)
    if isinstance(obj, Page):
        obj.save_revision().publish()
        demo.translate(obj)
    else:
        obj.save()
    demo.say(f"  {type(obj).__name__}: {', '.join(empty)}")


def is_empty(obj, name: str) -> bool:
    field = obj._meta.get_field(name)
    if field.one_to_many:
        return not getattr(obj, name).exists()
    return getattr(obj, field.attname) in (None, "")


# --- fictitious submissions -------------------------------------------------
def in_language(demo, obj, language: str):
    """``obj`` as a resident using ``language`` saw it: the English translation for English."""
    return demo.english_of(obj) if language == "en" else obj


def submission(demo, language: str, source_page, status: str, submitted: datetime.datetime) -> dict:
    """The fields every fictitious application or survey response shares.

    Sent in ``language`` from that language's page, with its own idempotency
    key as the form gives every submission, and in ``status`` since then.
    """
    return {
        "locale": demo.english if language == "en" else demo.arabic,
        "source_page": in_language(demo, source_page, language),
        "status": status,
        "submitted_at": submitted,
        "status_changed_at": submitted,
        "idempotency_key": f"demo-{uuid.uuid4().hex}",
    }
