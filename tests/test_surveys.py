"""Surveys from a resident's side: the embedded survey form in both languages.

Labels are translated but each question keeps one key in every language, so
answers given on the Arabic and the English page land under the same keys
(choices by position, ratings as numbers). Bad answers get a 400 with the
error summary; contact details need consent and consent needs details;
nothing personal is stored otherwise. Closed and not-yet-open surveys say so.
Two surveys on one page keep their errors and confirmations to themselves,
and the team notification carries no answers.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField

from campaigns.models import StandardPage
from submissions.models import OutgoingEmail
from surveys.models import Survey, SurveyField, SurveyResponse
from tests.conftest import choice_key, soup
from tests.factories import bilingual_survey, translate_page

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]
SURVEY_FORM = "section.survey-form form"


def keys_by_type(survey):
    keys = {}
    for question in survey.questions():
        keys.setdefault(question.field_type, []).append(question.clean_name)
    return keys


def build_survey(title, questions, **fields):
    """A survey in Arabic with its English translation (keys shared, labels translated).

    ``questions``: (type, Arabic label, English label, required, Arabic choices, English choices).
    """
    return bilingual_survey(questions, title=(f"{title} (ar)", f"{title} (en)"), **fields)


FEEDBACK_QUESTIONS = [
    ("rating", "قيّم الخدمة", "Rate the service", True, "", ""),
    ("checkboxes", "ما الذي أعجبك؟", "What did you like?", False, "السرعة\nاللطف\nالوضوح", "Speed\nKindness\nClarity"),
    ("multiline", "ملاحظات أخرى", "Anything else?", False, "", ""),
    ("contact", "وسيلة التواصل", "How to reach you", False, "", ""),
]
VISIT_QUESTIONS = [
    ("radio", "أين التقيتم بنا؟", "Where did you meet us?", True, "المركز\nالمدرسة\nالسوق", "Station\nSchool\nMarket"),
    ("yesno", "هل ستعودون؟", "Will you come again?", True, "", ""),
]


@pytest.fixture
def two_surveys(db):
    feedback = build_survey("Feedback", FEEDBACK_QUESTIONS, notification_email="feedback-team@example.org")
    visit = build_survey("Visit", VISIT_QUESTIONS, notification_email="visits-team@example.org")
    arabic = Locale.objects.get(language_code="ar")
    english = Locale.objects.get(language_code="en")
    home = Page.objects.get(depth=2, locale=arabic)
    translate_page(home)  # the English home page, for the translation below
    page = StandardPage(
        title="استبيانان",
        slug="two-surveys-test",
        summary="صفحة فيها استبيانان.",
        locale=arabic,
        body=[
            {"type": "survey", "value": {"survey": feedback["ar"].pk}},
            {"type": "survey", "value": {"survey": visit["ar"].pk}},
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    translated = page.copy_for_translation(english)
    translated.title = "Two surveys"
    translated.save_revision().publish()
    pages = {"ar": StandardPage.objects.get(pk=page.pk), "en": StandardPage.objects.get(pk=translated.pk)}
    blocks = [child.id for child in pages["ar"].body]
    return {"feedback": feedback, "visit": visit, "pages": pages, "blocks": blocks}


def keys(survey):
    return {q.field_type: q.clean_name for q in survey.questions()}


def summary(response, block_id):
    """The error summary of one form: the first thing in <main>, naming its form."""
    page = soup(response)
    found = page.select_one(f'main .error-summary[data-form-block="{block_id}"]')
    if found is not None:
        first = page.select_one("main").find(True)
        assert found in first.find_all(True) or found is first, "the error summary is not first in <main>"
    return found


def section(response, block_id):
    return soup(response).select_one(f"#form-{block_id}")


# --- one survey, two languages -------------------------------------------------------------------


def test_survey_has_translated_labels_but_the_same_field_names_in_both_languages(
    client, survey_pages, experience_survey, open_form
):
    forms = {language: open_form(client, page.url, SURVEY_FORM) for language, page in survey_pages.items()}
    assert forms["ar"].names == forms["en"].names
    assert forms["ar"].prefix == forms["en"].prefix
    expected = set()
    for key_list in keys_by_type(experience_survey["ar"]).values():
        expected.update(key_list)
    contact = keys_by_type(experience_survey["ar"])["contact"][0]
    assert forms["ar"].names == expected | {contact + "__consent"}

    survey = experience_survey["ar"]
    for language in LANGUAGES:
        other = "en" if language == "ar" else "ar"
        text = forms[language].form.get_text(" ")
        page = forms[language].page_soup
        assert page.html["lang"] == language
        for question in survey.get_translation(Locale.objects.get(language_code=language)).questions():
            assert question.label in text
        for question in survey.get_translation(Locale.objects.get(language_code=other)).questions():
            assert question.label not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_answers_in_either_language_are_stored_under_the_same_keys(
    language, client, survey_pages, experience_survey, open_form, django_capture_on_commit_callbacks
):
    page = survey_pages[language]
    form = open_form(client, page.url, SURVEY_FORM)
    k = keys_by_type(experience_survey["ar"])
    second = choice_key(k["radio"][0], 1)
    answers = {k["rating"][0]: "4", k["radio"][0]: second, k["yesno"][0]: "yes", k["multiline"][0]: "  Helpful staff. "}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, form.data(**answers))
    assert response.status_code == 303
    stored = SurveyResponse.objects.latest("pk")
    assert stored.answers == {
        k["rating"][0]: 4,
        k["radio"][0]: second,
        k["yesno"][0]: "yes",
        k["multiline"][0]: "Helpful staff.",
    }
    assert stored.locale.language_code == language
    assert stored.survey.locale.language_code == language
    assert stored.source_page_id == page.pk
    assert stored.contact == ""
    assert stored.contact_consent is False

    confirmation = client.get(response["Location"])
    assert stored.reference in confirmation.content.decode()
    assert stored.survey.thank_you_text in confirmation.content.decode()


def test_renaming_or_translating_a_label_keeps_the_key(client, survey_pages, experience_survey, open_form):
    translated = experience_survey["en"]
    names_before = open_form(client, survey_pages["en"].url, SURVEY_FORM).names
    for question in translated.fields.all():
        key = question.clean_name
        question.label = f"Reworded: {question.label}"
        question.save()
        question.refresh_from_db()
        assert question.clean_name == key
    arabic_field = Survey.objects.get(
        locale=Locale.get_default(), translation_key=translated.translation_key
    ).questions()[0]
    key = arabic_field.clean_name
    arabic_field.label = "سؤال معاد صياغته"
    arabic_field.save()
    arabic_field.refresh_from_db()
    assert arabic_field.clean_name == key
    assert open_form(client, survey_pages["en"].url, SURVEY_FORM).names == names_before


@pytest.mark.parametrize("label", ["كم مرة زرتم المركز؟", "How often did you visit?", "???", "  "])
def test_a_new_question_without_a_key_gets_a_non_empty_one(label, two_surveys):
    survey = two_surveys["visit"]["ar"]
    question = SurveyField(survey=survey, label=label, field_type="singleline", locale=survey.locale)
    question.save()
    assert question.clean_name
    assert question.clean_name.isascii()
    assert len(question.clean_name) <= 255
    twin = SurveyField(survey=survey, label=label, field_type="singleline", locale=survey.locale)
    twin.save()
    assert twin.clean_name and twin.clean_name != question.clean_name


def test_keys_are_synchronised_and_the_notification_address_is_not_translatable():
    survey_fields = {f.field_name: f for f in Survey.translatable_fields}
    assert isinstance(survey_fields["notification_email"], SynchronizedField)
    assert survey_fields["notification_email"].overridable is False
    question_fields = {f.field_name: f for f in SurveyField.translatable_fields}
    assert isinstance(question_fields["clean_name"], SynchronizedField)
    assert question_fields["clean_name"].overridable is False


# --- bad answers --------------------------------------------------------------------------------


def _feedback_form(client, open_form, two_surveys, language):
    block = two_surveys["blocks"][0]
    url = two_surveys["pages"][language].url
    return url, block, open_form(client, url, f"#form-{block} form")


INVALID = {
    "rating-too-high": {"rating": "6"},
    "rating-zero": {"rating": "0"},
    "rating-not-a-number": {"rating": "five"},
    # Whole numbers stand for the key of the choice at that position; strings are sent as they are.
    "choice-not-offered": {"rating": "3", "checkboxes": [0, "7"]},
    "choice-by-position": {"rating": "3", "checkboxes": ["0"]},
    "choice-by-label": {"rating": "3", "checkboxes": ["Speed"]},
    "rating-missing": {"checkboxes": [1]},
}


def sent(question_key, value):
    if isinstance(value, list):
        return [sent(question_key, item) for item in value]
    return choice_key(question_key, value) if isinstance(value, int) else value


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", INVALID)
def test_answers_that_were_not_offered_get_400_and_the_error_summary(case, language, client, open_form, two_surveys):
    url, block, form = _feedback_form(client, open_form, two_surveys, language)
    k = keys(two_surveys["feedback"]["ar"])
    answers = {k[kind]: sent(k[kind], value) for kind, value in INVALID[case].items()}
    before = SurveyResponse.objects.count()
    response = client.post(url, form.data(**answers))
    assert response.status_code == 400
    found = summary(response, block)
    assert found is not None
    assert found.select("li")
    assert SurveyResponse.objects.count() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_radio_choice_not_offered_gets_400(language, client, open_form, two_surveys):
    block = two_surveys["blocks"][1]
    url = two_surveys["pages"][language].url
    form = open_form(client, url, f"#form-{block} form")
    k = keys(two_surveys["visit"]["ar"])
    before = SurveyResponse.objects.count()
    response = client.post(url, form.data(**{k["radio"]: "9", k["yesno"]: "maybe"}))
    assert response.status_code == 400
    errors = summary(response, block).select("li")
    assert len(errors) == 2
    assert SurveyResponse.objects.count() == before


CONTACT_CASES = {
    "contact-without-consent": ("resident@example.org", None),
    "consent-without-contact": ("", "on"),
    "contact-not-a-phone-or-email": ("call me maybe", "on"),
}


@pytest.mark.parametrize("case", CONTACT_CASES)
def test_contact_details_and_consent_go_together(case, client, open_form, two_surveys):
    url, block, form = _feedback_form(client, open_form, two_surveys, "en")
    k = keys(two_surveys["feedback"]["ar"])
    contact, consent = CONTACT_CASES[case]
    answers = {k["rating"]: "5", k["contact"]: contact}
    if consent:
        answers[k["contact"] + "__consent"] = consent
    before = SurveyResponse.objects.count()
    response = client.post(url, form.data(**answers))
    assert response.status_code == 400
    assert summary(response, block) is not None
    assert SurveyResponse.objects.count() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_contact_with_consent_is_kept_and_confirmed_by_email(
    language, client, open_form, two_surveys, django_capture_on_commit_callbacks
):
    url, _block, form = _feedback_form(client, open_form, two_surveys, language)
    k = keys(two_surveys["feedback"]["ar"])
    answers = {k["rating"]: "5", k["contact"]: " Resident@Example.org ", k["contact"] + "__consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form.data(**answers))
    assert response.status_code == 303
    stored = SurveyResponse.objects.latest("pk")
    assert stored.contact == "resident@example.org"
    assert stored.contact_consent is True
    assert "resident@example.org" not in str(stored.answers)
    assert "resident" not in response["Location"]

    confirmations = [m for m in mail.outbox if m.to == ["resident@example.org"]]
    assert len(confirmations) == 1
    assert stored.reference in confirmations[0].body
    assert OutgoingEmail.objects.for_object(stored).filter(kind="confirmation", to="resident@example.org").exists()


def test_phone_contact_in_arabic_digits_is_normalised_and_gets_no_email(
    client, open_form, two_surveys, django_capture_on_commit_callbacks
):
    url, _block, form = _feedback_form(client, open_form, two_surveys, "ar")
    k = keys(two_surveys["feedback"]["ar"])
    answers = {k["rating"]: "3", k["contact"]: "٠٥٠ ١٢٣ ٤٥٦٧", k["contact"] + "__consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form.data(**answers))
    assert response.status_code == 303
    stored = SurveyResponse.objects.latest("pk")
    assert stored.contact == "+971501234567"
    assert not OutgoingEmail.objects.for_object(stored).filter(kind="confirmation").exists()


def test_an_anonymous_response_stores_nothing_personal(client, open_form, two_surveys):
    names = {field.name for field in SurveyResponse._meta.get_fields()}
    for forbidden in ("ip", "ip_address", "remote_addr", "user_agent", "user", "session_key", "created_by"):
        assert forbidden not in names
    assert not [name for name in names if "agent" in name or name.startswith("ip") or name.endswith("_ip")]
    user_links = [
        f.name
        for f in SurveyResponse._meta.get_fields()
        if f.is_relation and f.related_model and f.related_model._meta.label == "auth.User"
    ]
    assert user_links == ["assignee"]  # the staff member working it, never the resident

    url, _block, form = _feedback_form(client, open_form, two_surveys, "en")
    k = keys(two_surveys["feedback"]["ar"])
    response = client.post(
        url,
        form.data(**{k["rating"]: "2", k["multiline"]: "Fine."}),
        HTTP_USER_AGENT="UniqueAgent/1.0",
        REMOTE_ADDR="203.0.113.77",
    )
    assert response.status_code == 303
    stored = SurveyResponse.objects.latest("pk")
    assert stored.contact == ""
    assert stored.contact_consent is False
    assert stored.assignee is None
    row = SurveyResponse.objects.filter(pk=stored.pk).values().get()
    assert "203.0.113.77" not in str(row)
    assert "UniqueAgent" not in str(row)


# --- open and close dates ------------------------------------------------------------------------


def _set_dates(survey_pair, **dates):
    Survey.objects.filter(translation_key=survey_pair["ar"].translation_key).update(**dates)


@pytest.mark.parametrize("language", LANGUAGES)
def test_closed_survey_says_so_and_refuses_answers(language, client, open_form, two_surveys):
    url, block, form = _feedback_form(client, open_form, two_surveys, language)
    closed_at = timezone.now() - timedelta(days=2)
    _set_dates(two_surveys["feedback"], closes_at=closed_at)

    page = client.get(url)
    assert page.status_code == 200
    part = section(page, block)
    assert part.select_one("form") is None
    with translation.override(language):
        date = dateformat.format(timezone.localtime(closed_at), "j F Y")
        expected = gettext("This survey closed on %(date)s. Thank you to everyone who answered.") % {"date": date}
    assert part.select_one(".survey-closed").get_text(strip=True) == expected
    assert section(page, two_surveys["blocks"][1]).select_one("form") is not None  # the other survey is open

    k = keys(two_surveys["feedback"]["ar"])
    before = SurveyResponse.objects.count()
    response = client.post(url, form.data(**{k["rating"]: "4"}))
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_survey_not_yet_open_says_when_it_opens(language, client, open_form, two_surveys):
    url, block, form = _feedback_form(client, open_form, two_surveys, language)
    opens_at = timezone.now() + timedelta(days=10)
    _set_dates(two_surveys["feedback"], opens_at=opens_at)

    part = section(client.get(url), block)
    assert part.select_one("form") is None
    with translation.override(language):
        date = dateformat.format(timezone.localtime(opens_at), "j F Y")
        expected = gettext("This survey opens on %(date)s.") % {"date": date}
    assert part.select_one(".survey-closed").get_text(strip=True) == expected

    k = keys(two_surveys["feedback"]["ar"])
    response = client.post(url, form.data(**{k["rating"]: "4"}))
    assert response.status_code == 400
    assert not SurveyResponse.objects.filter(survey__translation_key=two_surveys["feedback"]["ar"].translation_key)


# --- two surveys on one page ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_errors_stay_with_the_survey_that_was_sent(language, client, open_form, two_surveys):
    url = two_surveys["pages"][language].url
    feedback_block, visit_block = two_surveys["blocks"]
    form = open_form(client, url, f"#form-{feedback_block} form")
    k = keys(two_surveys["feedback"]["ar"])

    response = client.post(url, form.data(**{k["rating"]: "9", k["multiline"]: "Keep this text"}))
    assert response.status_code == 400
    feedback = section(response, feedback_block)
    visit = section(response, visit_block)
    assert summary(response, feedback_block) is not None
    assert "Keep this text" in feedback.select_one("textarea").get_text()
    assert summary(response, visit_block) is None
    assert len(soup(response).select(".error-summary")) == 1
    assert visit.select_one("form") is not None
    assert not visit.select("[aria-invalid=true]")
    assert not visit.select("input[checked]")
    assert not [i for i in visit.select("input[type=text]") if i.get("value")]
    assert soup(response).select_one(".confirmation-panel") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_confirmation_shows_only_in_the_survey_that_was_sent(
    language, client, open_form, two_surveys, django_capture_on_commit_callbacks
):
    url = two_surveys["pages"][language].url
    feedback_block, visit_block = two_surveys["blocks"]
    form = open_form(client, url, f"#form-{visit_block} form")
    k = keys(two_surveys["visit"]["ar"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form.data(**{k["radio"]: choice_key(k["radio"], 2), k["yesno"]: "no"}))
    assert response.status_code == 303
    stored = SurveyResponse.objects.latest("pk")
    assert stored.survey.translation_key == two_surveys["visit"]["ar"].translation_key
    assert stored.answers == {k["radio"]: choice_key(k["radio"], 2), k["yesno"]: "no"}

    page = client.get(response["Location"])
    visit = section(page, visit_block)
    feedback = section(page, feedback_block)
    assert stored.reference in visit.select_one(".confirmation-panel").get_text()
    assert feedback.select_one(".confirmation-panel") is None
    assert feedback.select_one("form") is not None
    assert stored.reference not in feedback.get_text()


def test_team_notification_goes_to_the_survey_address_without_answers(
    client, open_form, two_surveys, django_capture_on_commit_callbacks
):
    url, _block, form = _feedback_form(client, open_form, two_surveys, "en")
    k = keys(two_surveys["feedback"]["ar"])
    answers = {
        k["rating"]: "1",
        k["checkboxes"]: [choice_key(k["checkboxes"], 2)],
        k["multiline"]: "The desk officer was rude to me.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form.data(**answers))
    assert response.status_code == 303
    stored = SurveyResponse.objects.latest("pk")

    to_team = [m for m in mail.outbox if m.to == ["feedback-team@example.org"]]
    assert len(to_team) == 1
    assert not [m for m in mail.outbox if m.to == ["visits-team@example.org"]]
    message = to_team[0]
    assert stored.reference in message.body
    assert f"http://testserver/admin/survey_response/inspect/{stored.pk}/" in message.body
    for answer in ("rude", "Clarity", "الوضوح"):
        assert answer not in message.body
        assert answer not in message.subject


# --- errors name their question -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_error_names_its_question_in_the_summary_and_beside_the_field(language, client, open_form, two_surveys):
    block = two_surveys["blocks"][1]
    url = two_surveys["pages"][language].url
    form = open_form(client, url, f"#form-{block} form")
    response = client.post(url, form.data())
    assert response.status_code == 400
    errors = [li.get_text(" ", strip=True) for li in summary(response, block).select("li")]
    labels = {"ar": ["أين التقيتم بنا؟", "هل ستعودون؟"], "en": ["Where did you meet us?", "Will you come again?"]}
    with translation.override(language):
        expected = [gettext("Choose an answer to “%(question)s”.") % {"question": label} for label in labels[language]]
    assert errors == expected
    assert len(set(errors)) == 2
    inline = [p.get_text(" ", strip=True) for p in section(response, block).select(".invalid-feedback, .errorlist li")]
    for message in expected:
        assert any(message in text for text in inline), (message, inline)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_text_answer_is_asked_for_by_its_question(language, client, open_form, two_surveys):
    survey = two_surveys["feedback"]["ar"]
    SurveyField.objects.filter(survey=survey, field_type="multiline").update(required=True)
    SurveyField.objects.filter(survey=two_surveys["feedback"]["en"], field_type="multiline").update(required=True)
    url, block, form = _feedback_form(client, open_form, two_surveys, language)
    k = keys(survey)
    response = client.post(url, form.data(**{k["rating"]: "3"}))
    assert response.status_code == 400
    errors = [li.get_text(" ", strip=True) for li in summary(response, block).select("li")]
    label = {"ar": "ملاحظات أخرى", "en": "Anything else?"}[language]
    with translation.override(language):
        assert errors == [gettext("Answer “%(question)s”.") % {"question": label}]


def test_a_long_question_is_shortened_in_its_error(client, open_form, two_surveys):
    long_label = "How safe do you feel walking in your neighbourhood after dark on a weekday evening?"
    SurveyField.objects.filter(survey=two_surveys["visit"]["en"], field_type="yesno").update(label=long_label)
    block = two_surveys["blocks"][1]
    url = two_surveys["pages"]["en"].url
    form = open_form(client, url, f"#form-{block} form")
    k = keys(two_surveys["visit"]["ar"])
    response = client.post(url, form.data(**{k["radio"]: choice_key(k["radio"], 0)}))
    errors = [li.get_text(" ", strip=True) for li in summary(response, block).select("li")]
    assert errors == ["Choose an answer to “How safe do you feel walking in your neighbourhood after…”."]
