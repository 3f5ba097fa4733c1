"""Does a question mention a crisis? The staff-edited word list, matched as search matches.

Words and question are both normalised as site search normalises (core/search.py:
hamza and alef forms, ta marbuta, diacritics and tatweel, the article and its clitics,
English word endings by the Snowball stemmer), then each listed word or phrase is looked
for as a run of whole words, with two allowances, because missing a crisis costs far
more than showing the help lines to someone who did not need them:

- Arabic is written with prefixes and suffixes search does not strip. A listed Arabic
  word of four letters or more is reduced to a core (one trailing ه ي ت ني taken off, and
  once more with one leading ا ي ن ت also taken off, keeping three letters at least: نفسي
  gives نفس, يضربني gives ضرب), and a word of the question matches
  if it is that core with at most three prefix letters (و ف ب ل ك س ي ت ن ا) and three
  suffix letters (ت ا ن ي ه ك م و) around it: "انتحر" finds ينتحر, سأنتحر and انتحرت;
  "يضربني" finds يضربنا; "جرعة زائدة" finds جرعات زائدة. A shorter word matches as it is,
  or behind one or two of the clitics و ف ب ل ك.
- In English, "myself" stands for any reflexive pronoun and "me" for any object pronoun,
  so "kill myself" also finds "wants to kill himself", as asked about a brother.
"""

from core.search import normalise, stem_english

CLITICS = frozenset("وفبلك")
PREFIX_LETTERS = frozenset("وفبلكسيتنا")
SUFFIX_LETTERS = frozenset("تانيهكمو")
LEADING = frozenset("اينت")
TRAILING = ("ني", "ه", "ي", "ت")
AFFIX_MAX = 3
CORE_MIN = 3
REFLEXIVE = frozenset(
    stem_english(word) for word in ("myself", "yourself", "himself", "herself", "ourselves", "themselves", "themself")
)
OBJECT = frozenset(stem_english(word) for word in ("me", "him", "her", "us", "them"))


def _is_arabic(word):
    return "\u0600" <= word[0] <= "\u06ff"


def _without_ending(word):
    for ending in TRAILING:
        if word.endswith(ending) and len(word) - len(ending) >= CORE_MIN:
            return word[: -len(ending)]
    return word


def arabic_cores(word):
    """The parts of a listed Arabic word that its other forms share (see the module docstring):
    with its first letter if that is part of the root (نفسي: نفس), without it if it is a
    verb's prefix (يضربني: ضرب). Both are tried."""
    if len(word) <= CORE_MIN:
        return {word}
    cores = {_without_ending(word)}
    if word[0] in LEADING and len(word) - 1 >= CORE_MIN:
        cores.add(_without_ending(word[1:]))
    return cores


def _arabic_form(word, wanted):
    if len(wanted) <= CORE_MIN:
        extra = len(word) - len(wanted)
        return 0 < extra <= 2 and word.endswith(wanted) and set(word[:extra]) <= CLITICS
    for core in arabic_cores(wanted):
        start = word.find(core)
        while start != -1:
            prefix, suffix = word[:start], word[start + len(core) :]
            if len(prefix) <= AFFIX_MAX and len(suffix) <= AFFIX_MAX:
                if set(prefix) <= PREFIX_LETTERS and set(suffix) <= SUFFIX_LETTERS:
                    return True
            start = word.find(core, start + 1)
    return False


def _word_matches(word, wanted):
    if word == wanted:
        return True
    if wanted in REFLEXIVE:
        return word in REFLEXIVE
    if wanted in OBJECT:
        return word in OBJECT
    return _is_arabic(wanted) and _arabic_form(word, wanted)


def _contains(words, wanted):
    size = len(wanted)
    return any(
        all(_word_matches(words[start + offset], wanted[offset]) for offset in range(size))
        for start in range(len(words) - size + 1)
    )


def matched_terms(text, terms):
    """The listed ``terms`` found in ``text``, as listed (one per spelling: "انتحر" and
    "أنتحر" are one word once normalised)."""
    words = normalise(text).split()
    found, seen = [], set()
    for term in terms:
        wanted = normalise(term).split()
        key = " ".join(wanted)
        if wanted and key not in seen and _contains(words, wanted):
            found.append(term)
            seen.add(key)
    return found
