"""Arabic-aware text normalisation for site search.

Applied to both the indexed text and the query, so that spelling variants
meet: المُخَدِّرات, مـخـدرات and المخدرات all become مخدرات. The steps:

1. NFKC (presentation forms become letters), Western digits, no invisible
   or bidirectional control characters;
2. no diacritics (tashkeel, dagger alef) and no tatweel;
3. alef forms (أ إ آ ٱ) become ا, alef maqsura ى becomes ي, ta marbuta ة
   becomes ه, hamza on waw/ya becomes و/ي;
4. lower case, then a light prefix strip on each Arabic word, repeated
   until none is left: the article ال, the clitics و ف ب ك before it, and
   لل (ل + ال).

Arabic stemming further (plurals, suffixes) is left out on purpose: it is
where stemmers disagree and surprise readers. English words (Latin letters
only) are stemmed with the Snowball English stemmer, so "volunteering",
"volunteers" and "volunteer" meet, and so do "drug" and "drugs". Doing this
in Python rather than in the database keeps SQLite and PostgreSQL identical.

Pages and snippets index normalised text through ``NormalisedSearchField``
and ``NormalisedAutocompleteField`` (see ``normalised_fields``); the search
backend (core.search_backend) normalises the query for those models, so
the public search, the admin's page search and the snippet listings agree.
"""

import functools
import re
import threading
import unicodedata

import snowballstemmer
from wagtail.search import index

from core.text import clean_identifier

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_WORD = re.compile(r"\w+")
_ARABIC = re.compile("[\u0600-\u06ff]")
_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")
_LATIN_WORD = re.compile("[a-z]+")
MAX_QUERY_LENGTH = 200
_stemmers = threading.local()


@functools.lru_cache(maxsize=20_000)
def stem_english(word: str) -> str:
    """The Snowball English stem of a lower-case Latin word (stemmers are not thread-safe)."""
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


def _strip_prefix(word: str) -> str:
    """Strip article and clitic prefixes until none is left.

    Repeating matters: الالتزام and التزام must meet, so both become تزام.
    """
    if not _ARABIC.match(word):
        return word
    stripped = True
    while stripped:
        stripped = False
        for prefix in _PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                word = word[len(prefix) :]
                stripped = True
                break
    return word


def _normalise_word(word: str) -> str:
    if _LATIN_WORD.fullmatch(word):
        return stem_english(word)
    return _strip_prefix(word)


def normalise(text: str) -> str:
    """Normalised words of ``text`` joined by spaces (see the module docstring)."""
    text = clean_identifier(unicodedata.normalize("NFKC", text or ""))
    text = _DIACRITICS.sub("", text).translate(_LETTERS).lower()
    return " ".join(_normalise_word(word) for word in _WORD.findall(text))


def normalise_query(query: str) -> str:
    """A query as the index stores text, capped so long input stays cheap."""
    return normalise((query or "")[:MAX_QUERY_LENGTH])


# --- indexing normalised text -------------------------------------------------------------


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return str(value)


class NormalisedSearchField(index.SearchField):
    """A SearchField indexed as ``normalise()``d text (boost and name unchanged).

    Keeping the field name matters: a field named ``title`` is the title column
    of the database backends, which is what makes a title match rank higher.
    """

    def get_value(self, obj):
        return normalise(_as_text(super().get_value(obj)))


class NormalisedAutocompleteField(index.AutocompleteField):
    """An AutocompleteField indexed as the text as typed plus its normalised form.

    The admin's find boxes autocomplete (the last word is a prefix): the normalised
    form meets a normalised query ("ساره" finds "سارة"), and the text as typed still
    meets a half-typed word that the stemmer would shorten differently.
    """

    def get_value(self, obj):
        text = _as_text(super().get_value(obj))
        return f"{text} {normalise(text)}".strip()


def normalised_fields(search_fields):
    """``search_fields`` with every SearchField and AutocompleteField indexed normalised."""
    fields = []
    for field in search_fields:
        if type(field) is index.SearchField:
            field = NormalisedSearchField(field.field_name, boost=field.boost, **field.kwargs)
        elif type(field) is index.AutocompleteField:
            field = NormalisedAutocompleteField(field.field_name, **field.kwargs)
        fields.append(field)
    return fields


class NormalisedSearchMixin:
    """Index the model's SearchFields and AutocompleteFields normalised.

    ``search_fields`` stays as written (``Page.search_fields + [...]``, which
    Wagtail's checks look for); the normalised fields replace them where the
    search backends read them, in ``get_search_fields``.
    """

    @classmethod
    def get_search_fields(cls):
        cached = cls.__dict__.get("_normalised_search_fields")
        if cached is None or cached[0] is not cls.search_fields:
            cached = (cls.search_fields, normalised_fields(super().get_search_fields()))
            cls._normalised_search_fields = cached
        return list(cached[1])


def indexes_normalised_text(model) -> bool:
    """Whether ``model``'s search fields are normalised, so its queries must be too."""
    return any(
        isinstance(field, (NormalisedSearchField, NormalisedAutocompleteField)) for field in model.get_search_fields()
    )
