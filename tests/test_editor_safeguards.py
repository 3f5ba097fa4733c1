"""Editors cannot damage data they may not see (issue 11, item 7).

Roles and areas that applications chose are closed or archived, not deleted (deleting
took them out of the applications); a survey's notifications go only to the
department's own mail. Survey answers kept by choice key: tests/test_survey_choice_keys.py.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from tests.conftest import soup
from tests.factories import AreaFactory, SurveyFactory, VolunteerApplicationFactory, VolunteerRoleFactory
from volunteer_signup.models import Area, VolunteerRole

pytestmark = pytest.mark.django_db


def delete_url(obj):
    return reverse(type(obj).snippet_viewset.get_url_name("delete"), args=[obj.pk])


@pytest.mark.parametrize("model", [VolunteerRole, Area])
def test_an_option_applications_chose_cannot_be_deleted_and_the_editor_is_told_how_to_archive(model, login, staff):
    application = VolunteerApplicationFactory()
    option = VolunteerRoleFactory() if model is VolunteerRole else application.area
    if model is VolunteerRole:
        application.roles.add(option)
    client = login(staff["superuser"])
    response = client.post(delete_url(option), follow=True)
    assert model.objects.filter(pk=option.pk).exists()
    message = soup(response).select_one(".messages .error").get_text(" ", strip=True)
    assert (
        "cannot be deleted" in message
        and ("taking applications" if model is VolunteerRole else "offered on forms") in message
    )
    application.refresh_from_db()
    assert option in (application.roles.all() if model is VolunteerRole else [application.area])


@pytest.mark.parametrize("factory", [VolunteerRoleFactory, AreaFactory])
def test_an_option_nobody_chose_can_be_deleted(factory, login, staff):
    option = factory()
    response = login(staff["superuser"]).post(delete_url(option))
    assert response.status_code == 302
    assert not type(option).objects.filter(pk=option.pk).exists()


def test_the_database_refuses_too():
    application = VolunteerApplicationFactory()
    role = VolunteerRoleFactory()
    application.roles.add(role)
    with pytest.raises(ProtectedError):
        role.delete()
    with pytest.raises(ProtectedError):
        application.area.delete()


def test_an_archived_area_is_not_offered_but_applications_keep_it(client, open_form, volunteer_pages, roles_and_areas):
    archived = roles_and_areas["areas"]["en"][0]
    application = VolunteerApplicationFactory(area=archived)
    Area.objects.filter(translation_key=archived.translation_key).update(is_offered=False)
    form = open_form(client, volunteer_pages["en"].url)
    assert str(archived.pk) not in form.options("area")
    application.refresh_from_db()
    assert application.area == archived


@pytest.mark.parametrize(
    ("address", "accepted"),
    [
        ("feedback@police.example", True),
        ("Feedback@Mail.Police.Example", True),
        ("team@gmail.com", False),
        ("team@evilpolice.example", False),
        ("team@police.example.attacker.net", False),
    ],
)
def test_survey_notifications_go_only_to_the_departments_mail(settings, address, accepted):
    settings.STAFF_EMAIL_DOMAINS = ["police.example"]
    survey = SurveyFactory.build(notification_email=address)
    if accepted:
        survey.full_clean(exclude=["translation_key", "locale"])
    else:
        with pytest.raises(ValidationError) as error:
            survey.full_clean(exclude=["translation_key", "locale"])
        assert "notification_email" in error.value.message_dict
