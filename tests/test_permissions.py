"""Who may open which queue URL: one table, every staff role, every queue.

Volunteer coordinators work applications and nothing else; feedback officers
work survey responses and page comments and nothing else; Answerers work the
anonymous questions and nothing else; editors, moderators and translators see
none; superusers see all; anonymous visitors are sent to the login.
A refusal must not leak the record (its reference or what the resident typed)
and must not change anything (status, assignee, notes, audit log).
"""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, ModelLogEntry

from surveys.models import SurveyResponse
from tests.conftest import soup
from tests.factories import AnonymousQuestionFactory, PageCommentFactory, SurveyFieldFactory
from volunteer_signup.models import VolunteerApplication

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "moderator", "translator", "coordinator", "officer", "answerer", "superuser"]
APPS, RESPONSES, COMMENTS, QUESTIONS = "applications", "responses", "comments", "questions"
QUEUES = (APPS, RESPONSES, COMMENTS, QUESTIONS)
ALLOWED = {
    "anonymous": set(),
    "editor": set(),
    "moderator": set(),
    "translator": set(),
    "coordinator": {APPS},
    "officer": {RESPONSES, COMMENTS},
    "answerer": {QUESTIONS},
    "superuser": set(QUEUES),
}
INDEX = {
    APPS: "/admin/volunteer_application/",
    RESPONSES: "/admin/survey_response/",
    COMMENTS: "/admin/page_comment/",
    QUESTIONS: "/admin/anonymous_question/",
}
BULK = {
    APPS: "/admin/bulk/volunteer_signup/volunteerapplication/",
    RESPONSES: "/admin/bulk/surveys/surveyresponse/",
    COMMENTS: "/admin/bulk/feedback/pagecomment/",
    QUESTIONS: "/admin/bulk/feedback/anonymousquestion/",
}
#: A status each queue's new record may move to.
NEXT_STATUS = {APPS: "in_review", RESPONSES: "in_review", COMMENTS: "read", QUESTIONS: "spam"}

# What an allowed user gets: "ok" (2xx), or a redirect to the record ("inspect"),
# to the listing ("index") or to the listing with an opaque find key ("find").
OK, TO_INSPECT, TO_INDEX, TO_FIND = "ok", "inspect", "index", "find"


def _endpoints(queue):
    index, bulk = INDEX[queue], BULK[queue]
    back = f"&next={index}"
    return [
        # (name, method, path, data, expectation, effect of an allowed request)
        ("list", "get", index, None, OK, None),
        ("results-fragment", "get", index + "results/", None, OK, None),
        ("inspect", "get", index + "inspect/{pk}/", None, OK, "viewed"),
        ("history", "get", index + "history/{pk}/", None, OK, None),
        ("edit", "get", index + "edit/{pk}/", None, TO_INSPECT, None),
        ("export-csv", "get", index + "?export=csv", None, OK, "exported"),
        ("export-xlsx", "get", index + "?export=xlsx", None, OK, "exported"),
        ("find", "post", index + "find/", {"q": "{reference}"}, TO_FIND, None),
        ("status", "post", index + "status/{pk}/", {"status": NEXT_STATUS[queue], "reason": ""}, TO_INSPECT, "moved"),
        ("assign", "post", index + "assign/{pk}/", {"assign_to_me": "1"}, TO_INSPECT, "assigned_to_me"),
        ("note", "post", index + "note/{pk}/", {"text": "Checked by phone."}, TO_INSPECT, "noted"),
        ("bulk-status-get", "get", bulk + "change_status/?id={pk}" + back, None, OK, None),
        (
            "bulk-status-post",
            "post",
            bulk + "change_status/?id={pk}" + back,
            {"status": NEXT_STATUS[queue], "reason": ""},
            TO_INDEX,
            "moved",
        ),
        ("bulk-assign-get", "get", bulk + "assign/?id={pk}" + back, None, OK, None),
        (
            "bulk-assign-post",
            "post",
            bulk + "assign/?id={pk}" + back,
            {"assignee": "{superuser}"},
            TO_INDEX,
            "assigned",
        ),
        # Records leave only through the retention purge: deleting is for superusers.
        ("delete", "get", index + "delete/{pk}/", None, OK, "superuser_only"),
    ]


ENDPOINTS = [(queue, *e) for queue in QUEUES for e in _endpoints(queue)]
ENDPOINTS += [
    (
        QUESTIONS,
        "answer",
        "post",
        "/admin/anonymous_question/answer/{pk}/",
        {"answer": "Matrix answer", "send_privately": "on"},
        TO_INSPECT,
        "answered",
    ),
    (RESPONSES, "survey-results", "get", "/admin/survey_response/results/{survey}/", None, OK, None),
    (RESPONSES, "survey-results-csv", "get", "/admin/survey_response/results/{survey}/?format=csv", None, OK, None),
]
MATRIX = [(role, endpoint) for endpoint in ENDPOINTS for role in ROLES]


@pytest.fixture
def records(db):
    """One new application and one new survey response, with text that must never leak."""
    english = Locale.objects.get(language_code="en")
    application = VolunteerApplication.objects.create(
        full_name="Zaynab Matrixtest",
        phone="0507770001",
        email="zaynab.matrix@example.org",
        age_band="25_34",
        motivation="Matrix motivation text",
        consented_at=timezone.now(),
        locale=english,
    )
    question = SurveyFieldFactory(field_type="multiline")
    survey, text_key = question.survey, question.clean_name
    response = SurveyResponse.objects.create(
        survey=survey,
        answers={text_key: "Matrix secret answer"},
        contact="matrix.resident@example.org",
        contact_consent=True,
        locale=survey.locale,
    )
    comment = PageCommentFactory(comment="Matrix page comment")
    question = AnonymousQuestionFactory(question="Matrix anonymous question", contact="matrix.asker@example.org")
    return {
        QUESTIONS: question,
        APPS: application,
        RESPONSES: response,
        COMMENTS: comment,
        "survey": survey,
        "secrets": {
            APPS: [application.reference, "Zaynab Matrixtest", "0507770001", "zaynab.matrix"],
            RESPONSES: [response.reference, "Matrix secret answer", "matrix.resident"],
            COMMENTS: [comment.reference, "Matrix page comment"],
            QUESTIONS: [question.reference, "Matrix anonymous question", "matrix.asker"],
        },
    }


def snapshot(record):
    model = type(record)
    fields = ["status", "assignee_id", *(["answer"] if model._meta.model_name == "anonymousquestion" else [])]
    row = model.objects.filter(pk=record.pk).values(*fields).first()
    log = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
    return row, record.notes.count(), log.count()


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _fill(value, record, records, staff):
    return value.format(
        pk=record.pk,
        reference=record.reference,
        survey=records["survey"].pk,
        superuser=staff["superuser"].pk,
    )


@pytest.mark.parametrize(
    ("role", "endpoint"),
    MATRIX,
    ids=[f"{endpoint[0]}-{endpoint[1]}-{role}" for role, endpoint in MATRIX],
)
def test_queue_url_is_open_only_to_the_roles_that_work_that_queue(role, endpoint, staff, login, records):
    queue, _name, method, path, data, expectation, effect = endpoint
    record = records[queue]
    url = _fill(path, record, records, staff)
    payload = {key: _fill(value, record, records, staff) for key, value in (data or {}).items()}
    user = None if role == "anonymous" else staff[role]
    client = Client() if user is None else login(user)
    client.raise_request_exception = False
    before = snapshot(record)

    response = client.post(url, payload) if method == "post" else client.get(url)

    allowed = queue in ALLOWED[role] and (effect != "superuser_only" or role == "superuser")
    if allowed:
        index = INDEX[queue]
        if expectation == OK:
            assert 200 <= response.status_code < 300, response.status_code
        elif expectation == TO_INSPECT:
            assert response.status_code == 302
            assert response["Location"] == f"{index}inspect/{record.pk}/"
        elif expectation == TO_INDEX:
            assert response.status_code == 302
            assert response["Location"] == index
        elif expectation == TO_FIND:
            assert response.status_code == 302
            assert response["Location"].startswith(f"{index}?find=")
            assert record.reference not in response["Location"]
        record.refresh_from_db()
        if effect == "moved":
            assert record.status == NEXT_STATUS[queue]
        elif effect == "assigned_to_me":
            assert record.assignee == user
        elif effect == "assigned":
            assert record.assignee == staff["superuser"]
        elif effect == "noted":
            assert record.notes.get().author == user
        elif effect == "viewed":
            assert ModelLogEntry.objects.filter(action="sharaka.submission.view", user=user).exists()
        elif effect == "answered":
            assert (record.answer, record.answered_by, record.status) == ("Matrix answer", user, "answered")
        elif effect == "exported":
            assert ModelLogEntry.objects.filter(action="sharaka.submission.export", user=user).exists()
        return

    # Refused.
    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code in (302, 403), response.status_code
        if response.status_code == 302:
            assert response["Location"] == "/admin/"
    leaked = body_of(response).decode("utf-8", "replace")
    if response.status_code == 302 and user is not None:
        leaked += client.get(response["Location"]).content.decode()
    for secret in records["secrets"][queue]:
        assert secret not in leaked
        assert secret not in response.get("Location", "")
    assert snapshot(record) == before
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("role", ["editor", "moderator", "translator", "coordinator", "officer", "answerer"])
def test_staff_other_than_superusers_cannot_delete_an_application(role, staff, login, records):
    client = login(staff[role])
    client.raise_request_exception = False
    application = records[APPS]
    response = client.post(f"/admin/volunteer_application/delete/{application.pk}/")
    assert response.status_code in (302, 403)
    assert VolunteerApplication.objects.filter(pk=application.pk).exists()


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def sidebar_urls(page):
    props = json.loads(page.select_one("#wagtail-sidebar-props").string)
    return {value for value in _strings(props) if value in INDEX.values()}


@pytest.mark.parametrize("role", ROLES[1:])
def test_dashboard_panel_and_submissions_menu_list_only_the_queues_the_user_may_see(role, staff, login, records):
    response = login(staff[role]).get("/admin/")
    assert response.status_code == 200
    page = soup(response)
    expected = {INDEX[queue] for queue in ALLOWED[role]}

    panel = page.select_one("section[aria-labelledby=sharaka-submissions-heading]")
    if expected:
        assert {a["href"] for a in panel.select("tbody th a")} == expected
    else:
        assert panel is None
    assert sidebar_urls(page) == expected
    text = response.content.decode()
    for queue in set(QUEUES) - ALLOWED[role]:
        assert records["secrets"][queue][0] not in text


def test_wagtails_deliberate_error_page_is_not_reachable(login, staff):
    """/admin/failwhale/ raises an error on purpose; nobody, not even a superuser, may trigger it."""
    for role in ("superuser", "editor"):
        assert login(staff[role]).get("/admin/failwhale/").status_code == 404
