"""Does a question mention a crisis? The staff-edited word list, matched as search matches.

Words and question are both normalised as site search normalises (core/search.py:
hamza and alef forms, ta marbuta, diacritics and tatweel, the article and its clitics,
English word endings by the Snowball stemmer), then each listed word or phrase is looked
for as a run of whole words. An Arabic word also matches behind one or two of the
clitics search keeps (و ف ب ل ك: "بجرعة" has "جرعة"), since missing a crisis costs far
more than showing the help lines to someone who did not need them.
"""

from core.search import normalise

CLITICS = frozenset("وفبلك")


def _word_matches(word, wanted):
    if word == wanted:
        return True
    extra = len(word) - len(wanted)
    return 0 < extra <= 2 and word.endswith(wanted) and all(letter in CLITICS for letter in word[:extra])


def _contains(words, wanted):
    size = len(wanted)
    return any(
        all(_word_matches(words[start + offset], wanted[offset]) for offset in range(size))
        for start in range(len(words) - size + 1)
    )


def matched_terms(text, terms):
    """The listed ``terms`` found in ``text``, as listed."""
    words = normalise(text).split()
    found = []
    for term in terms:
        wanted = normalise(term).split()
        if wanted and _contains(words, wanted) and term not in found:
            found.append(term)
    return found
