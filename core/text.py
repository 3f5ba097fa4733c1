"""Normalising what people type, before it is validated, stored or compared.

Residents type Arabic-Indic (٠-٩), Persian (۰-۹) or other scripts' digits
on their phone keyboards; Python's ``\\d`` and ``int()`` accept them but they would be stored
as-is and never match the same number typed with Western digits. Bidirectional
control characters can be pasted (or planted) into names to reorder what staff
see ("Trojan Source"), so identifiers lose them; free text keeps the marks that
Arabic writing legitimately uses.
"""

import re
import unicodedata

from django.utils.translation import pgettext

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# ...plus marks, zero-width characters and BOM, none of which belongs in a
# name, phone number or email address.
_INVISIBLE = re.compile("[\u200b-\u200f\u061c\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def to_ascii_digits(value: str) -> str:
    """Replace every decimal digit (Arabic-Indic, Persian, Devanagari, …) with 0-9.

    Python's ``\\d`` accepts all of them, so a number typed on a Hindi or
    Bengali keyboard would otherwise be stored as a different number.
    """
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in value)


def clean_identifier(value: str) -> str:
    """NFKC, ASCII digits, no invisible or bidi characters, single spaces."""
    value = unicodedata.normalize("NFKC", value)
    value = _INVISIBLE.sub("", to_ascii_digits(value))
    return " ".join(value.split())


def clean_free_text(value: str) -> str:
    """NFC and no bidi embedding/override/isolate controls; RLM and ALM stay."""
    value = unicodedata.normalize("NFC", value)
    return _BIDI_CONTROLS.sub("", value).strip()


def tel_href(number: str) -> str:
    """``tel:`` link target: a leading + and digits only."""
    number = to_ascii_digits(number or "")
    digits = re.sub(r"[^\d]", "", number)
    return ("+" if number.strip().startswith("+") else "") + digits


def list_comma() -> str:
    """The current language's list comma: "،" in Arabic, "," in English."""
    return pgettext("list separator", ",")


def join_list(items) -> str:
    """Items joined with the current language's list comma."""
    return f"{list_comma()} ".join(str(item) for item in items)
