"""Reading survey answers: labels for one response, and results per question.

Responses in every language are counted together: answers are keyed by the
question's key and choices by their stable key, so the labels can come from the
survey in whichever language the reader of the results uses.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.text import join_list

from .models import CHOICE_TYPES, TEXT_TYPES, QuestionType, ResponseStatus, SurveyResponse

LATEST_TEXT_ANSWERS = 10


def display_value(question, value):
    if value in (None, "", []):
        return ""
    if question.field_type in CHOICE_TYPES:
        labels = question.labels_by_key
        values = value if isinstance(value, list) else [value]
        return join_list(labels.get(str(item), _("a choice since removed")) for item in values)
    if question.field_type == QuestionType.YES_NO:
        return _("Yes") if value == "yes" else _("No")
    return str(value)


def answers_for_display(response):
    """(question label, answer) pairs in the survey's question order."""
    survey = response.survey.localized  # in the admin's language, else as answered
    pairs = []
    for question in survey.questions():
        if question.field_type == QuestionType.CONTACT:
            continue
        pairs.append((question.label, display_value(question, response.answers.get(question.clean_name))))
    return pairs


def responses_for(survey):
    """Every language version of the survey, spam left out."""
    return SurveyResponse.objects.filter(survey__translation_key=survey.translation_key).exclude(
        status=ResponseStatus.SPAM
    )


@dataclass
class QuestionResult:
    question: object
    answered: int = 0
    rows: list = field(default_factory=list)  # (label, count, percent)
    average: float | None = None
    latest: list = field(default_factory=list)  # (text, date, language)

    @property
    def kind(self):
        if self.question.field_type in TEXT_TYPES:
            return "text"
        if self.question.field_type == QuestionType.RATING:
            return "rating"
        return "counts"


def _percent(count, total):
    return round(100 * count / total, 1) if total else 0.0


def compute_results(survey, responses):
    """Results per question for ``responses`` (a queryset), labelled in ``survey``'s language."""
    questions = [q for q in survey.questions() if q.field_type != QuestionType.CONTACT]
    counters = {q.clean_name: Counter() for q in questions}
    answered = Counter()
    total = 0
    with_contact = 0
    for answers, contact in responses.values_list("answers", "contact").iterator(chunk_size=2000):
        total += 1
        with_contact += bool(contact)
        for question in questions:
            value = answers.get(question.clean_name)
            if value in (None, "", []):
                continue
            answered[question.clean_name] += 1
            if question.field_type in TEXT_TYPES:
                continue
            for item in value if isinstance(value, list) else [value]:
                counters[question.clean_name][str(item)] += 1

    results = []
    for question in questions:
        key = question.clean_name
        result = QuestionResult(question=question, answered=answered[key])
        counts = counters[key]
        if question.field_type in CHOICE_TYPES:
            # This language's choices in its order, then any the translation does not have yet.
            result.rows = [
                (label, counts[key], _percent(counts[key], result.answered))
                for key, label in question.labels_by_key.items()
                if key in dict(question.choice_pairs) or counts[key]
            ]
        elif question.field_type == QuestionType.YES_NO:
            result.rows = [
                (_("Yes"), counts["yes"], _percent(counts["yes"], result.answered)),
                (_("No"), counts["no"], _percent(counts["no"], result.answered)),
            ]
        elif question.field_type == QuestionType.RATING:
            result.rows = [
                (str(score), counts[str(score)], _percent(counts[str(score)], result.answered))
                for score in range(5, 0, -1)
            ]
            scored = sum(score * counts[str(score)] for score in range(1, 6))
            result.average = round(scored / result.answered, 1) if result.answered else None
        else:
            latest = (
                responses.exclude(anonymised_at__isnull=False)
                .filter(**{f"answers__{key}__isnull": False})
                .select_related("locale")
                .order_by("-submitted_at")[:LATEST_TEXT_ANSWERS]
            )
            result.latest = [
                (r.answers.get(key), r.submitted_at, r.locale.get_display_name()) for r in latest if r.answers.get(key)
            ]
        results.append(result)
    return {"total": total, "with_contact": with_contact, "questions": results}
