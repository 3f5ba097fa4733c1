"""Form blocks as an editor adds them: a new block can be saved as it comes."""

import pytest
from django.core.exceptions import ValidationError

from volunteer_signup.blocks import SurveyBlock, VolunteerFormBlock

pytestmark = pytest.mark.django_db


def test_a_new_volunteer_form_block_offers_every_role_and_saves_without_edits():
    block = VolunteerFormBlock()
    value = block.get_default()
    assert list(value["roles"]) == []  # "Leave empty to offer every open role": it starts empty
    cleaned = block.clean(value)  # would raise for an empty required role row
    assert cleaned["heading"]


def test_a_survey_block_still_requires_its_survey():
    with pytest.raises(ValidationError):
        SurveyBlock().clean(SurveyBlock().get_default())
