"""Demo: the residents' experience survey, on its own campaign page in both
languages, with fifty fictitious responses so the results show something."""

import datetime
import random

from django.utils import timezone
from wagtail.models import Page

from demo.loader import in_language, page, read, snippet, submission
from surveys.models import QuestionType, ResponseStatus, Survey, SurveyResponse

# The status of each response that is not spam, picked at random with these weights.
STATUSES = (
    [ResponseStatus.NEW] * 5
    + [ResponseStatus.IN_REVIEW] * 2
    + [ResponseStatus.CLOSED] * 4
    + [ResponseStatus.NEEDS_FOLLOW_UP]
)


def load(demo):
    data = read("survey")
    survey = snippet(demo, Survey, data["survey"], lookup="title")
    demo.say(f"  survey with {len(data['survey']['fields'])} questions in both languages")
    survey_page = page(demo, demo.recall(Page, "campaigns"), "campaigns/your-views-count")
    demo.say("  survey page in both languages")
    if not SurveyResponse.objects.filter(survey__translation_key=survey.translation_key).exists():
        _responses(demo, survey, survey_page, data["responses"])


def _responses(demo, survey, survey_page, texts):
    """Fifty responses, a third of them in English, two marked as spam."""
    rng = random.Random(2026)  # the same fictitious responses on every machine
    now = timezone.now()
    for number in range(50):
        language = "en" if number % 3 == 0 else "ar"
        answers = _answers(rng, survey, texts, language)
        status = ResponseStatus.SPAM if number in (7, 31) else rng.choice(STATUSES)
        contact = f"demo.resident{number}@example.org" if number % 10 == 4 else ""
        submitted = now - datetime.timedelta(days=rng.randrange(60), hours=rng.randrange(24))
        SurveyResponse.objects.create(
            survey=in_language(demo, survey, language),
            answers=answers,
            contact=contact,
            contact_consent=bool(contact),
            **submission(demo, language, survey_page, status, submitted),
        )
    demo.say("  50 fictitious survey responses (2 marked as spam)")


def _answers(rng, survey, texts, language):
    """Answers keyed by question, as the form stores them; texts in the response's language."""
    questions = survey.questions()
    by_type = {q.field_type: q for q in questions if q.field_type != QuestionType.LONG_TEXT}
    keys = {field_type: question.clean_name for field_type, question in by_type.items()}
    went_well, to_improve = (q.clean_name for q in questions if q.field_type == QuestionType.LONG_TEXT)
    answers = {
        keys[QuestionType.RATING]: rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 6, 5])[0],
        keys[QuestionType.SINGLE_CHOICE]: by_type[QuestionType.SINGLE_CHOICE].choice_pairs[rng.randrange(4)][0],
        keys[QuestionType.YES_NO]: "yes" if rng.random() < 0.7 else "no",
    }
    if rng.random() < 0.5:
        answers[went_well] = rng.choice(texts["went_well"])[language]
    if rng.random() < 0.4:
        answers[to_improve] = rng.choice(texts["to_improve"])[language]
    return answers
