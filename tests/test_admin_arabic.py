"""The Arabic admin speaks Arabic throughout, and titles keep their own direction.

Found by a coordinator and an editor working in the Arabic admin: a refused
view's message, the workflow's name, Wagtail's autosave notice, a filter
labelled "[invalid name]", the brand, the survey results header.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Task, Workflow

from campaigns.models import CampaignPageTopic, SuccessStoryPageTopic
from tests.conftest import make_user, sign_in, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_coordinator(db):
    return make_user("arabic_coordinator", "Volunteer coordinators", language="ar")


def test_a_refused_view_says_so_in_the_staff_members_language(client, arabic_coordinator, campaign_index):
    sign_in(client, arabic_coordinator)
    page = campaign_index["en"]
    response = client.get(f"/admin/pages/{page.pk}/edit/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    messages = [str(message).strip() for message in response.context["messages"]]
    assert "عذرًا، ليس لديك صلاحية للوصول إلى هذه المنطقة." in messages, messages
    assert not any("Sorry" in message for message in messages)


def test_the_default_workflow_and_its_task_are_named_in_both_languages():
    names = list(Workflow.objects.values_list("name", flat=True)) + list(Task.objects.values_list("name", flat=True))
    assert names
    assert all("موافقة المشرفين" in name for name in names), names


def test_wagtails_autosave_notice_is_all_arabic():
    with translation.override("ar"):
        notice = gettext("Autosave is <span>paused</span>")
    assert "paused" not in notice
    assert notice.startswith("الحفظ التلقائي")


@pytest.mark.parametrize("model", [CampaignPageTopic, SuccessStoryPageTopic])
def test_topic_links_have_translated_names(model):
    with translation.override("ar"):
        name = str(model._meta.verbose_name)
    assert name and not name.isascii(), name


@pytest.mark.parametrize(
    ("url", "role"), [("/admin/volunteer_application/", "coordinator"), ("/admin/survey_response/", "officer")]
)
def test_the_find_key_filter_has_a_name(url, role, staff, login):
    response = login(staff[role]).get(url, {"find": "abc"})
    assert response.status_code == 200
    assert "[invalid name]" not in response.content.decode()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_admin_brand_is_in_the_staff_members_language(client, language):
    user = make_user(f"brand_{language}", superuser=True, language=language)
    sign_in(client, user)
    with translation.override(language):
        brand = gettext("Sharaka")
    for url in ("/admin/", "/admin/pages/"):
        title = soup(client.get(url)).title.get_text(" ", strip=True)
        assert title.endswith(f"- {brand}"), title
    assert soup(client.get("/admin/")).h1.get_text(strip=True) == brand


@pytest.mark.parametrize("language", ["ar", "en"])
def test_survey_results_header_names_the_page_not_home(client, language, experience_survey):
    officer = make_user(f"results_{language}", "Feedback officers", language=language)
    sign_in(client, officer)
    survey = experience_survey[language]
    page = soup(client.get(f"/admin/survey_response/results/{survey.pk}/"))
    crumbs = [" ".join(a.get_text(" ", strip=True).split()) for a in page.select("nav[aria-label] ol li")]
    with translation.override(language):
        assert any(gettext("Survey results") in crumb and survey.title in crumb for crumb in crumbs), crumbs
        assert any(gettext("Survey responses") in crumb for crumb in crumbs), crumbs


def test_titles_in_the_admin_keep_their_own_direction(client, staff, login, experience_survey):
    """Each title element takes the direction of its text (<bdi>, or the admin stylesheet's plaintext)."""
    response = login(staff["superuser"]).get("/admin/")
    assert 'href="/static/css/admin.css?v=' in response.content.decode()
    css = (Path(settings.BASE_DIR) / "static" / "css" / "admin.css").read_text()
    assert ".w-breadcrumbs__sublabel" in css and "unicode-bidi: plaintext" in css
    officer = login(staff["officer"])
    survey = experience_survey["ar"]
    results = soup(officer.get(f"/admin/survey_response/results/{survey.pk}/"))
    assert results.select("h2 bdi"), "question titles are isolated"
