"""Survey answers are stored by a stable choice key, not by position (issue 10, item 5b).

Re-ordering, correcting or adding choices in the original never re-labels what
residents already answered, and every translation shares the original's keys.
"""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from surveys.models import Survey, SurveyField, SurveyResponse, assign_choice_keys
from surveys.results import compute_results, display_value


def test_a_choice_keeps_its_key_when_moved_or_corrected_and_only_a_new_one_gets_a_new_key():
    old = ["Station", "School", "Market"]
    keys = ["c1", "c2", "c3"]
    assert assign_choice_keys(["Market", "Station", "School"], old, keys) == ["c3", "c1", "c2"]
    assert assign_choice_keys(["Station", "Schoool", "Market"], old, keys) == ["c1", "c2", "c3"]
    added = assign_choice_keys(["Station", "School", "Market", "Mosque"], old, keys)
    assert added[:3] == keys
    assert added[3] not in keys
    assert assign_choice_keys(["Market"], old, keys) == ["c3"]
    assert assign_choice_keys(["Market", "Central station"], old, keys) == ["c3", "c1"]  # moved and corrected


def test_a_different_choice_in_the_same_place_gets_a_new_key_so_old_answers_keep_their_label():
    replaced = assign_choice_keys(["المركز", "المسجد", "السوق"], ["المركز", "المدرسة", "السوق"], ["c1", "c2", "c3"])
    assert replaced[0] == "c1" and replaced[2] == "c3"
    assert replaced[1] not in {"c1", "c2", "c3"}


def test_repeated_labels_keep_their_keys_from_save_to_save_and_the_editor_is_told_to_make_them_differ():
    assert assign_choice_keys(["Yes", "Yes", "No"], ["Yes", "Yes", "No"], ["k1", "k2", "k3"]) == ["k1", "k2", "k3"]
    field = SurveyField(label="Again?", field_type="radio", choices="Yes\nYes\nNo")
    with pytest.raises(ValidationError) as error:
        field.clean()
    assert "choices" in error.value.message_dict


@pytest.fixture
def translated_survey():
    arabic = Locale.objects.get(language_code="ar")
    english = Locale.objects.get(language_code="en")
    survey = Survey(locale=arabic, title="أين التقيتم بنا؟ (اختبار)", thank_you_text="شكراً")
    survey.fields = [
        SurveyField(
            locale=arabic, label="أين التقيتم بنا؟", field_type="radio", choices="المركز\nالمدرسة\nالسوق", sort_order=0
        )
    ]
    survey.save()
    source, _created = TranslationSource.get_or_create_from_instance(survey)
    translation = Translation.objects.create(source=source, target_locale=english)
    translation.save_target()
    return survey, translation


def questions(survey, language):
    return survey.get_translation(Locale.objects.get(language_code=language)).questions()[0]


@pytest.mark.django_db
def test_the_translation_shares_the_originals_keys(translated_survey):
    survey, _translation = translated_survey
    arabic, english = questions(survey, "ar"), questions(survey, "en")
    assert len(arabic.choice_keys.split()) == 3
    assert english.choice_keys == arabic.choice_keys
    assert english.clean_name == arabic.clean_name


@pytest.mark.django_db
def test_reordering_the_original_does_not_relabel_stored_answers(translated_survey):
    survey, translation = translated_survey
    question = questions(survey, "ar")
    school = {label: key for key, label in question.choice_pairs}["المدرسة"]
    response = SurveyResponse.objects.create(survey=survey, locale=survey.locale, answers={question.clean_name: school})

    question.choices = "السوق\nالمدرسة\nالمركز الرئيسي\nالمسجد"  # moved, corrected, added
    question.save()
    translation.source.update_from_db()
    translation.save_target()

    reread = questions(survey, "ar")
    assert display_value(reread, response.answers[question.clean_name]) == "المدرسة"
    assert reread.choice_pairs[1] == (school, "المدرسة")
    assert questions(survey, "en").choice_keys == reread.choice_keys
    assert response.search_text == ""  # a choice key is not text staff could find
    results = compute_results(survey, SurveyResponse.objects.filter(pk=response.pk))
    assert [(label, count) for label, count, _share in results["questions"][0].rows] == [
        ("السوق", 0),
        ("المدرسة", 1),
        ("المركز الرئيسي", 0),
        ("المسجد", 0),
    ]


@pytest.mark.django_db
def test_labelling_many_answers_to_a_translated_question_queries_once(translated_survey, django_assert_num_queries):
    """An export labels every row with the same question objects: no query per row."""
    survey, _translation = translated_survey
    english = questions(survey, "en")
    key = english.choice_pairs[0][0]
    display_value(english, key)  # the first answer works out the labels
    with django_assert_num_queries(0):
        for _row in range(50):
            display_value(english, key)
