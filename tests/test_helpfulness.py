""" "Was this page helpful?" on every content page, in Arabic and English (issue 15, item 1).

Yes or no from a cached page (no token in it: one comes from the token endpoint, or a
confirmation step without JavaScript); a "no" may say what was missing, with phone
numbers and addresses masked when saved; refresh and double clicks count once, two
readers of the same cached page count twice; bad input gets a 4xx. Feedback officers
own the comments queue and the helpfulness report; editors see their page's figure.
"""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from feedback.models import HelpfulVote, PageComment
from submissions import antiabuse
from tests.conftest import soup
from tests.factories import StandardPageFactory, published, translate_page

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]


@pytest.fixture
def pages():
    arabic = published(StandardPageFactory(title="عن الشرطة المجتمعية", slug="عن-الشرطة", summary="من نحن."))
    english = translate_page(
        arabic, {"title": "About community policing", "slug": "about-us", "من نحن.": "Who we are."}
    )
    return {"ar": arabic, "en": english}


def token_for(page, client=None):
    client = client or Client()
    response = client.get(f"/forms/token/?form=helpful&block={page.translation_key}&shown=60000")
    assert response.status_code == 200
    return response.json()["token"]


def vote(client, page, answer, token=""):
    return client.post(
        f"/{page.locale.language_code}/helpful/", {"page": page.pk, "answer": answer, "form_token": token}
    )


def text(response):
    return " ".join(soup(response).get_text().split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_question_is_on_the_page_with_no_token_and_no_cookie(pages, language):
    response = Client().get(pages[language].url)
    form = soup(response).select_one("form.page-helpful__form")
    assert form is not None and form["action"] == f"/{language}/helpful/"
    assert form.select_one("input[name=form_token]")["value"] == ""
    assert form["data-token-url"].startswith("/forms/token/?form=helpful")
    assert [button["value"] for button in form.select("button[name=answer]")] == ["yes", "no"]
    assert not response.cookies
    with translation.override(language):
        assert gettext("Was this page helpful?") in text(response)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_yes_with_a_token_counts_once_however_often_it_is_sent(pages, language):
    page, client = pages[language], Client()
    token = token_for(page)
    first = vote(client, page, "yes", token)
    assert first.status_code == 303 and "/helpful/thanks/" in first["Location"]
    assert vote(client, page, "yes", token).status_code == 303  # a double click, a refresh
    assert HelpfulVote.objects.filter(page=page, helpful=True).count() == 1
    thanks = client.get(first["Location"])
    with translation.override(language):
        assert gettext("Thank you for your answer") in text(thanks)
    assert not soup(thanks).select("textarea")  # a "yes" asks nothing more


def test_two_readers_of_the_same_cached_page_count_twice(pages):
    page = pages["en"]
    vote(Client(), page, "yes", token_for(page))
    vote(Client(), page, "no", token_for(page))
    assert HelpfulVote.objects.filter(page=page).count() == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_answer_is_confirmed_once_then_counted(pages, language):
    page, client = pages[language], Client()
    confirm = vote(client, page, "no")
    assert confirm.status_code == 200 and not HelpfulVote.objects.exists()
    form = soup(confirm).select_one("main form")
    fields = {field["name"]: field.get("value", "") for field in form.select("input")}
    assert fields["form_token"] and fields["answer"] == "no"
    sent = client.post(form["action"], fields)
    assert sent.status_code == 303
    assert HelpfulVote.objects.get(page=page).helpful is False


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_no_may_say_what_was_missing_and_numbers_and_addresses_are_masked_when_saved(pages, language, settings):
    settings.SUBMISSION_MIN_FILL_SECONDS = 0
    page, client = pages[language], Client()
    thanks_url = vote(client, page, "no", token_for(page))["Location"]
    thanks = client.get(thanks_url)
    form = soup(thanks).select_one("#form-comment form")
    with translation.override(language):
        assert gettext("Help us make the page better") in text(thanks)
    assert soup(thanks).select_one("textarea")["aria-describedby"] == "comment-warning"
    fields = {field["name"]: field.get("value", "") for field in form.select("input")}
    fields["comment"] = "لا يوجد رقم للاستفسار، اتصلوا بي ٠٥٠ ١٢٣ ٤٥٦٧ أو huda@example.org"
    sent = client.post(form["action"], fields)
    assert sent.status_code == 303
    saved = PageComment.objects.get()
    assert "٤٥٦٧" not in saved.comment and "huda@example.org" not in saved.comment
    assert saved.comment.count("[***]") == 2 and saved.comment.startswith("لا يوجد رقم للاستفسار")
    assert saved.source_page_id == page.pk and saved.locale.language_code == language
    assert saved.vote.helpful is False
    assert client.post(form["action"], fields).status_code == 303  # sent again: still one
    assert PageComment.objects.count() == 1


def test_a_comment_can_only_join_its_own_no(pages):
    page, client = pages["en"], Client()
    thanks = client.get(vote(client, page, "yes", token_for(page))["Location"])
    assert not soup(thanks).select("textarea")
    forged = client.post("/en/helpful/comment/", {"vote": "1", "comment": "spam", "form_token": "x"})
    assert forged.status_code == 400 and not PageComment.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"page": "999999", "answer": "yes"},
        {"page": "abc", "answer": "yes"},
        {"page": "١", "answer": "yes"},
        {"answer": "maybe"},
    ],
)
def test_bad_answers_are_refused_plainly(pages, data):
    data = {"page": str(pages["ar"].pk), **data}
    response = Client().post("/ar/helpful/", data)
    assert response.status_code == 400
    with translation.override("ar"):
        assert gettext("That answer could not be taken") in text(response)
    assert not HelpfulVote.objects.exists()


def test_an_answer_from_another_site_is_refused(pages):
    response = Client(HTTP_SEC_FETCH_SITE="cross-site").post(
        "/en/helpful/", {"page": pages["en"].pk, "answer": "yes", "form_token": token_for(pages["en"])}
    )
    assert response.status_code == 403 and not HelpfulVote.objects.exists()


def test_answers_are_rate_limited_per_address(pages, settings):
    settings.SUBMISSION_IP_RATE = "2/h"
    page = pages["en"]
    statuses = [vote(Client(), page, "yes", token_for(page)).status_code for _ in range(3)]
    assert statuses == [303, 303, 429]
    assert HelpfulVote.objects.count() == 2


def test_a_token_for_another_page_is_refused(pages):
    response = vote(Client(), pages["en"], "yes", antiabuse.issue_token("helpful", "0" * 32, shown_for=60))
    assert response.status_code == 400 and not HelpfulVote.objects.exists()


def answers(page, yes, no):
    for helpful in [True] * yes + [False] * no:
        HelpfulVote.objects.create(page=page, locale=page.locale, helpful=helpful)


def test_feedback_officers_work_the_comments_and_read_the_report_and_others_do_not(pages, login, staff):
    page = pages["en"]
    answers(page, yes=3, no=1)
    comment = PageComment.objects.create(
        vote=HelpfulVote.objects.filter(helpful=False).first(),
        comment="No opening hours.",
        source_page=page,
        locale=page.locale,
    )
    officer = login(staff["officer"])
    queue = officer.get("/admin/page_comment/")
    assert queue.status_code == 200 and comment.reference in text(queue)
    assert "No opening hours." in text(officer.get(f"/admin/page_comment/inspect/{comment.pk}/"))
    report = officer.get("/admin/reports/helpfulness/")
    row = soup(report).select_one("table.sharaka-helpfulness-list tbody tr")
    assert page.title in row.get_text() and "75%" in row.get_text() and "4" in row.get_text()
    weekly = officer.get(f"/admin/reports/helpfulness/{page.pk}/")
    assert weekly.status_code == 200 and len(soup(weekly).select("table.sharaka-report tbody tr")) == 12
    for role in ("coordinator", "editor", "translator"):
        other = login(staff[role])
        assert other.get("/admin/page_comment/").status_code in (302, 403)
        assert other.get("/admin/reports/helpfulness/").status_code in (302, 403)
        assert other.get(f"/admin/page_comment/inspect/{comment.pk}/").status_code in (302, 403)


def test_editors_see_their_pages_figure_in_the_page_editor(pages, login, staff):
    page = pages["ar"]
    answers(page, yes=1, no=1)
    editor = login(staff["editor"])
    edit = editor.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    panel = soup(edit).select_one(".sharaka-helpfulness")
    assert panel is not None and "50%" in panel.get_text() and "2" in panel.get_text()
    assert "/admin/reports/helpfulness/" not in str(panel)  # the comments are the officers'
