"""Form blocks as an editor adds them: a new block can be saved as it comes."""

import pytest
from django.core.exceptions import ValidationError

from surveys.blocks import SurveyBlock
from volunteer_signup.blocks import VolunteerFormBlock

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


# --- forms plug in by block type ------------------------------------------------------------------


@pytest.fixture
def two_streams_page(arabic, roles_and_areas, experience_survey):
    from home.models import HomePage
    from tests.embedding_app.models import TwoStreamsPage

    survey = experience_survey["ar"]
    page = TwoStreamsPage(
        title="صفحة بنموذجين",
        slug="صفحة-بنموذجين",
        locale=arabic,
        intro=[("paragraph", "مقدمة قصيرة")],
        sidebar=[
            ("note", "ملاحظة"),
            ("apply_here", {"heading": "تطوّع معنا", "roles": []}),
            ("tell_us", {"survey": survey}),
        ],
    )
    HomePage.objects.get(locale=arabic).add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_form_block_under_another_name_in_another_stream_receives_applications(
    client, open_form, valid_application, two_streams_page
):
    from volunteer_signup.models import VolunteerApplication

    url = two_streams_page.url
    form = open_form(client, url)
    response = client.post(url, valid_application(form, full_name="Sama Odeh"))
    assert response.status_code == 303
    application = VolunteerApplication.objects.get(full_name="Sama Odeh")
    assert application.source_page_id == two_streams_page.pk
    confirmation = client.get(response["Location"])
    assert application.reference in confirmation.content.decode()


def test_a_survey_block_under_another_name_receives_responses(client, open_form, two_streams_page):
    from surveys.models import SurveyResponse

    url = two_streams_page.url
    form = open_form(client, url, "section.survey-form form")
    before = SurveyResponse.objects.count()
    answers = {}
    for control in form.form.select("input[type=radio], select"):
        name = control["name"].split("-", 1)[1]
        values = [o["value"] for o in control.select("option") if o["value"]] or [control["value"]]
        answers.setdefault(name, values[0])
    response = client.post(url, form.data(**answers))
    assert response.status_code == 303, response.content.decode()[:500]
    assert SurveyResponse.objects.count() == before + 1
    assert SurveyResponse.objects.latest("pk").source_page_id == two_streams_page.pk
