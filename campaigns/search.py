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

Stemming further (plurals, suffixes) is left out on purpose: it is where
stemmers disagree and surprise readers.
"""

import re
import unicodedata

from home.text import clean_identifier

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_WORD = re.compile(r"\w+")
_ARABIC = re.compile("[\u0600-\u06ff]")
_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")
MAX_QUERY_LENGTH = 200


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


def normalise(text: str) -> str:
    """Normalised words of ``text`` joined by spaces (see the module docstring)."""
    text = clean_identifier(unicodedata.normalize("NFKC", text or ""))
    text = _DIACRITICS.sub("", text).translate(_LETTERS).lower()
    return " ".join(_strip_prefix(word) for word in _WORD.findall(text))


def normalise_query(query: str) -> str:
    """A query as the index stores text, capped so long input stays cheap."""
    return normalise((query or "")[:MAX_QUERY_LENGTH])
