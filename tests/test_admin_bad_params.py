"""Staff views answer tampered query strings with a 4xx or a clean fallback, never a 500.

"²" and "٣" pass ``str.isdigit()``, 400 digits overflow every integer column,
and "abc" or an empty id reach the ORM as a primary key unless checked.
"""

import pytest

from core.params import parse_id, parse_ids
from tests.factories import SurveyFieldFactory, SurveyResponseFactory, VolunteerApplicationFactory

pytestmark = pytest.mark.django_db

BAD_NUMBERS = ["²", "٣", "abc", "", "-1", "0", "1.5", "9" * 400, "1e9", " 1", "\x00"]
BULK = "/admin/bulk/{model}/{action}/"


@pytest.mark.parametrize("value", ["1", "42", "000123", "9" * 18])
def test_plain_ascii_ids_are_read(value):
    assert parse_id(value) == int(value)


@pytest.mark.parametrize("value", [*BAD_NUMBERS, None, 7, "9" * 19])
def test_anything_else_is_no_id(value):
    assert parse_id(value) is None


def test_ids_keep_order_and_drop_repeats_and_junk():
    assert parse_ids(["3", "abc", "1", "3", "²", ""]) == [3, 1]


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_survey_results_ignore_a_bad_page_filter(value, staff, login):
    rating = SurveyFieldFactory(field_type="rating")
    survey = rating.survey
    SurveyResponseFactory.create_batch(3, survey=survey, answers={rating.clean_name: 4})
    client = login(staff["officer"])
    url = f"/admin/survey_response/results/{survey.pk}/"
    plain = client.get(url)
    assert plain.context["results"]["total"] == 3
    for params in ({"page": value}, {"page": value, "format": "csv"}):
        response = client.get(url, params)
        assert response.status_code == 200, params
    # A bad page filter is no filter: the same totals as without it.
    assert client.get(url, {"page": value}).context["results"]["total"] == plain.context["results"]["total"]


@pytest.mark.parametrize("value", ["9" * 400, "²", "abc", ""])
@pytest.mark.parametrize("param", ["from", "to", "language"])
def test_survey_results_ignore_other_bad_filters(value, param, staff, login):
    survey = SurveyFieldFactory(field_type="rating").survey
    response = login(staff["officer"]).get(f"/admin/survey_response/results/{survey.pk}/", {param: value})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model", "action", "role"),
    [
        ("volunteer_signup/volunteerapplication", "change_status", "coordinator"),
        ("volunteer_signup/volunteerapplication", "assign", "coordinator"),
        ("surveys/surveyresponse", "change_status", "officer"),
        ("surveys/surveyresponse", "assign", "officer"),
    ],
)
@pytest.mark.parametrize("ids", [["abc"], [""], ["²"], ["9" * 400], ["-1"], []])
def test_bulk_actions_with_bad_ids_are_a_404(model, action, role, ids, staff, login):
    client = login(staff[role])
    url = BULK.format(model=model, action=action)
    assert client.get(url, {"id": ids}).status_code == 404
    query = "&".join(f"id={value}" for value in ids)
    assert client.post(f"{url}?{query}", {"status": "in_review"}).status_code == 404


def test_bulk_action_with_a_good_id_among_bad_ones_shows_the_good_one(staff, login):
    application = VolunteerApplicationFactory()
    response = login(staff["coordinator"]).get(
        BULK.format(model="volunteer_signup/volunteerapplication", action="change_status"),
        {"id": ["abc", str(application.pk), "²"]},
    )
    assert response.status_code == 200
    assert application.reference in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/volunteer_application/?p=²",
        "/admin/volunteer_application/?p=" + "9" * 400,
        "/admin/volunteer_application/?status=nonsense",
        "/admin/volunteer_application/?area=abc",
        "/admin/volunteer_application/?assignee=abc",
        "/admin/volunteer_application/?ordering=nonsense",
        "/admin/survey_response/?p=²",
        "/admin/survey_response/?survey=abc",
        "/admin/survey_response/?survey=" + "9" * 400,
        "/admin/survey_response/?ordering=-nonsense",
    ],
)
def test_queue_listings_never_give_a_500(url, staff, login):
    role = "officer" if "survey" in url else "coordinator"
    assert login(staff[role]).get(url).status_code < 500


def test_a_missing_record_in_the_admin_is_a_404_not_a_redirect_to_a_public_page(staff, login):
    response = login(staff["coordinator"]).get("/admin/volunteer_application/inspect/987654321/")
    assert response.status_code == 404


def test_an_unprefixed_public_path_still_redirects_to_its_language(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/no-such-page/"
