"""The survey results a "you said, we did" page publishes, and the rule that keeps them anonymous.

The figures are the survey's own results (``surveys.results.compute_results``: every
language of the survey counted together, spam left out, labels in the reader's
language), over fewer responses, chosen so that nothing published tells anyone what
one person answered. The rule (also in SECURITY.md):

1. **Counted up to the end of yesterday.** Only responses sent before today began (in
   the site's time zone) count, so the figures change once a day, at midnight. The page
   cache's keys carry the date (core/page_cache.py), so a kept page is never older than
   the figures it shows; a response marked as spam or erased today shows within
   ``PAGE_CACHE_SECONDS`` (and ``PAGE_CACHE_PROXY_SECONDS`` behind a proxy).
2. **In whole steps of N answers** (``OUTCOME_MINIMUM_RESPONSES``, 10). For each question,
   the answers counted are the earliest 10, 20, 30… given to it; a question answered
   fewer than N times is not shown at all. Two views of the page, on any two days,
   differ by whole steps of at least N people's answers, never by one person's, so
   comparing them (before and after a neighbour said they answered) teaches nothing
   about anyone. Rounding only the displayed total would not do this: the bars would
   still move by one answer.
3. **No small bar.** A choice picked by 1 to M−1 people (``OUTCOME_MINIMUM_BAR``, 5) is
   shown as "fewer than M", with no figure and no bar. When only one bar of a question
   would be hidden, the next smallest is hidden too, or the hidden figure could be
   worked out by subtracting the others from the total; and a rating question's average
   is left out when any bar is hidden, for the same reason.
4. Free-text answers and contact details are never published.

The question in the reader's language gives the labels; results are keyed by the
question's synchronised key, so a page in either language shows the same figures.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from surveys.models import CHOICE_TYPES, QuestionType
from surveys.results import compute_results, responses_for

COUNTED_TYPES = frozenset({*CHOICE_TYPES, QuestionType.YES_NO, QuestionType.RATING})


def minimum_responses():
    return max(1, settings.OUTCOME_MINIMUM_RESPONSES)


def minimum_bar():
    return max(1, settings.OUTCOME_MINIMUM_BAR)


def cutoff(today=None):
    """The start of ``today`` (the site's today by default): responses sent before it count."""
    today = today or timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))


@dataclass
class Bar:
    label: str
    count: int | None  # None: hidden (fewer than the minimum)
    percent: int | None  # of the question's counted answers, rounded
    width: float = 0.0  # of the chart's width, in per cent

    @property
    def hidden(self):
        return self.count is None

    @property
    def rest(self):
        """Where a bar that grows from the right (right-to-left) starts, in per cent."""
        return round(100 - self.width, 1)


@dataclass
class PublishedQuestion:
    question: object
    answered: int
    kind: str  # "counts" or "rating"
    bars: list = field(default_factory=list)
    average: float | None = None

    @property
    def any_hidden(self):
        return any(bar.hidden for bar in self.bars)


def counted_responses(survey, today=None):
    """Every language version's responses the page may count: not spam, sent before ``today``."""
    return responses_for(survey).filter(submitted_at__lt=cutoff(today))


def _boundaries(questions, responses, step):
    """For each question's key, the (submitted_at, pk) of the last answer counted, or None.

    The answers counted are the earliest whole steps of ``step`` answers to that question.
    """
    answered = defaultdict(list)
    rows = responses.order_by("submitted_at", "pk").values_list("submitted_at", "pk", "answers")
    for submitted_at, pk, answers in rows.iterator(chunk_size=2000):
        for question in questions:
            if answers.get(question.clean_name) not in (None, "", []):
                answered[question.clean_name].append((submitted_at, pk))
    found = {}
    for question in questions:
        order = answered[question.clean_name]
        counted = len(order) - len(order) % step
        found[question.clean_name] = order[counted - 1] if counted else None
    return found


def _bars(result, least):
    """The result's rows as bars, the small ones hidden (rule 3)."""
    rows = [(label, count) for label, count, _percent in result.rows]
    hidden = {index for index, (_label, count) in enumerate(rows) if 0 < count < least}
    if len(hidden) == 1:
        shown = [(count, index) for index, (_label, count) in enumerate(rows) if count and index not in hidden]
        if shown:
            hidden.add(min(shown)[1])
    bars = []
    for index, (label, count) in enumerate(rows):
        if index in hidden:
            bars.append(Bar(label=label, count=None, percent=None))
            continue
        share = 100 * count / result.answered
        bars.append(Bar(label=label, count=count, percent=round(share), width=round(share, 1)))
    return bars


def published_results(survey, locale=None, today=None, keys=None):
    """The questions a page may show for ``survey``, with their bars, labelled in ``locale``.

    Questions of the survey's counted types (choices, yes or no, rating), those of ``keys``
    only when given, with at least one whole step of answers, in the survey's order.
    """
    if survey is None:
        return []
    if locale is not None and survey.locale_id != getattr(locale, "pk", locale):
        survey = survey.get_translation_or_none(locale) or survey
    questions = [question for question in survey.questions() if question.field_type in COUNTED_TYPES]
    if keys:
        questions = [question for question in questions if question.clean_name in keys]
    if not questions:
        return []
    responses = counted_responses(survey, today)
    boundaries = _boundaries(questions, responses, minimum_responses())
    # Questions that share a boundary share one computation (required questions all do).
    results = {}
    for boundary in {b for b in boundaries.values() if b is not None}:
        last_at, last_pk = boundary
        upto = responses.filter(Q(submitted_at__lt=last_at) | Q(submitted_at=last_at, pk__lte=last_pk))
        computed = compute_results(survey, upto)
        results[boundary] = {result.question.clean_name: result for result in computed["questions"]}
    published = []
    for question in questions:
        boundary = boundaries[question.clean_name]
        if boundary is None:
            continue
        result = results[boundary][question.clean_name]
        bars = _bars(result, minimum_bar())
        entry = PublishedQuestion(question=question, answered=result.answered, kind=result.kind, bars=bars)
        if result.kind == "rating" and not entry.any_hidden:
            entry.average = result.average
        published.append(entry)
    return published
