"""What a reader of one language meets on a rendered page: the text outside parts marked
as another language (``lang``, or ``dir="ltr"`` for numbers and addresses on Arabic pages).

Shared by the interface checks (test_i18n, on the sample site) and the demo's checks.
"""

import re

from bs4 import Comment, Doctype, Tag

ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Brand names that Arabic text conventionally keeps in Latin script (they are
# trademarks, not English words); everything else on an Arabic page must be Arabic.
BRAND_NAMES = {"Facebook", "Instagram", "YouTube", "WhatsApp"}
ACCESSIBLE_ATTRIBUTES = ("alt", "aria-label", "placeholder", "title")


def in_other_language(element, language):
    """True if ``element`` or an ancestor is marked as another language or as LTR text."""
    for node in [element, *element.parents]:
        if not isinstance(node, Tag):
            continue
        if node.name in ("script", "style", "template"):
            return True
        lang = node.get("lang")
        if lang and not lang.lower().startswith(language):
            return True
        if language == "ar" and node.get("dir") == "ltr":
            return True
    return False


def visible_texts(page, language):
    """Text a reader sees or hears on ``page`` (parsed HTML), outside parts marked as another language."""
    texts = []
    for node in page.find_all(string=True):
        if isinstance(node, Comment | Doctype):
            continue
        if not in_other_language(node.parent, language) and node.strip():
            texts.append(node.strip())
    for element in page.find_all(True):
        for attribute in ACCESSIBLE_ATTRIBUTES:
            if element.get(attribute) and not in_other_language(element, language):
                texts.append(element[attribute])
    return texts


def english_words(page):
    """Latin-script words an Arabic reader meets on the page (brand names aside)."""
    words = set()
    for text in visible_texts(page, "ar"):
        words |= {word for word in LATIN_WORD.findall(text) if word not in BRAND_NAMES}
    return sorted(words)


def arabic_texts(page):
    """Texts holding Arabic letters that an English reader meets on the page."""
    return [text for text in visible_texts(page, "en") if ARABIC_LETTERS.search(text)]
