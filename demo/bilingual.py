"""Build Arabic content with its English text, then translate it with wagtail-localize."""

from __future__ import annotations

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource


class MissingEnglishText(Exception):
    """A string of the Arabic source has no English text in the demo data."""


class Bilingual:
    """Collects (Arabic, English) pairs while Arabic content is written.

    ``t("نص", "text")`` returns the Arabic text and remembers its English
    counterpart; ``translate(obj)`` later fills every string segment of
    ``obj`` from those pairs. A segment without a pair is an error rather
    than a silent fallback to Arabic on an English page. It also keeps the
    pages and snippets made so far by key, for later data to point to.
    """

    def __init__(self, stdout=None):
        self.pairs: dict[str, str] = {}
        self.slugs: dict[str, str] = {}
        self.named: dict[tuple[type, str], object] = {}
        self.stdout = stdout
        self.arabic = Locale.objects.get(language_code="ar")
        self.english = Locale.objects.get(language_code="en")

    # --- writing content -------------------------------------------------
    def t(self, arabic: str, english: str) -> str:
        existing = self.pairs.get(arabic)
        if existing is not None and existing != english:
            raise ValueError(f"Two English texts for one Arabic string: {arabic!r}")
        self.pairs[arabic] = english
        if "\n" in arabic:
            # wagtail-localize turns line breaks of plain text into <br/> in segments.
            self.pairs[arabic.replace("\n", "<br/>")] = english.replace("\n", "<br/>")
        return arabic

    def slug(self, arabic: str, english: str) -> str:
        self.slugs[arabic] = english
        return arabic

    def rich(self, *blocks: tuple[str, str, str]) -> str:
        """Rich text from (tag, Arabic, English) triples; tag is p, h2, h3 or li.

        Consecutive ``li`` items become one list. Each paragraph or item is a
        segment in wagtail-localize, so each is paired on its own.
        """
        html, in_list = [], False
        for tag, arabic, english in blocks:
            self.t(escape(arabic), escape(english))
            if tag == "li" and not in_list:
                html.append("<ul>")
                in_list = True
            elif tag != "li" and in_list:
                html.append("</ul>")
                in_list = False
            html.append(f"<{tag}>{escape(arabic)}</{tag}>")
        if in_list:
            html.append("</ul>")
        return "".join(html)

    # --- pages -----------------------------------------------------------
    def child_page(self, parent: Page, model, slug: str, **fields):
        """The Arabic child page with this slug, created and published if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific, False
        page = model(slug=slug, locale=self.arabic, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, True

    # --- objects the data files name ------------------------------------
    def remember(self, key: str, obj):
        """Register a page (by its English slug) or a snippet (by its key) for data to point to."""
        self.named[(self._kind(type(obj)), key)] = obj
        return obj

    def recall(self, model, key: str):
        try:
            return self.named[(self._kind(model), key)]
        except KeyError:
            raise LookupError(f"no {model.__name__} {key!r} loaded (yet)") from None

    @staticmethod
    def _kind(model):
        """Pages share one namespace whatever their type; a field may point to any page."""
        return Page if issubclass(model, Page) else model

    # --- translation -----------------------------------------------------
    def translate(self, obj):
        """Create (or refresh) the English translation of a page or snippet.

        Pages must be translated parent first: wagtail-localize's "include
        subtree" leaves the translated parent's child count wrong
        (wagtail/wagtail-localize#773), so children would not route.
        """
        source, _ = TranslationSource.update_or_create_from_instance(obj)
        for segment in source.stringsegment_set.select_related("string", "context"):
            arabic = segment.string.data
            if not arabic.strip():
                english = arabic
            elif segment.context.path == "slug":
                english = self.slugs.get(arabic)
            else:
                english = self.pairs.get(arabic)
            if english is None:
                raise MissingEnglishText(
                    f"{type(obj).__name__} {obj}: no English for {segment.context.path}={arabic!r}"
                )
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=self.english,
                context=segment.context,
                defaults={"data": english},
            )
        Translation.objects.get_or_create(source=source, target_locale=self.english, defaults={"enabled": True})
        with transaction.atomic():
            translated, _ = source.create_or_update_translation(self.english, publish=True, fallback=False)
        return translated

    def english_of(self, obj):
        return obj.get_translation_or_none(self.english)

    def say(self, message: str):
        if self.stdout is not None:
            self.stdout.write(message)
