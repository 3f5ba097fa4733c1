"""Translations go through approval like any page (issue 9, items 3, 16 and 17).

An editor (who may not publish) translates a page in wagtail-localize's
translation editor, submits it for moderation from the editor's footer, and a
moderator approves it: then, and only then, the translated page is live with the
translated text. The editor marks source and translation with their language and
direction, and titles its sections in the admin's language.

What the browser does with the editor's footer (our action becomes the main
button) is checked in tests/browser/test_translation_editor_browser.py.
"""

import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation

from campaigns.models import StandardPage
from core import translation_workflow
from home.models import HomePage
from tests import factories
from tests.conftest import make_user, soup, translate_strings
from tests.factories import CampaignPageFactory, StandardPageFactory, TopicFactory, published

pytestmark = pytest.mark.django_db


def translate_page(client, page, locale):
    """Submit ``page`` for translation into ``locale`` as the user of ``client``; return the Translation."""
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def editor_page(client, page):
    """The translation editor of ``page``: our additions and the React editor's props."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = soup(response)
    extras = html.select_one("template#sharaka-translation-editor")
    assert extras is not None, "the translation editor is not shown"
    props = json.loads(html.select_one(".js-translation-editor")["data-props"])
    return extras, props


def label(button):
    """The visible label of one of our actions (strings inside <template> are not in get_text())."""
    return str(button.em.string).strip()


def english_gettext(message):
    """The staff users of conftest use the admin in English."""
    with translation.override("en"):
        return gettext(message)


def in_progress(page):
    return WorkflowState.objects.filter(
        base_content_type=page.get_base_content_type(),
        object_id=str(page.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).first()


def approve(client, page, state, capture):
    with capture(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/", {"comment": "Checked."}
        )
    assert response.status_code == 302


@pytest.fixture
def arabic_page(arabic):
    factories.translate_page(HomePage.objects.get(locale=arabic))  # the English home page, for translations
    page = StandardPage(
        title="دليل الجيرة الآمنة", slug="دليل-الجيرة-الآمنة", summary="كيف نتعاون لحماية حيّنا.", locale=arabic
    )
    HomePage.objects.get(locale=arabic).add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def about_pages(db):
    """An Arabic page and its live English translation, made with wagtail-localize."""
    arabic = published(StandardPageFactory(title="عن البرنامج", slug="عن-البرنامج", summary="شراكة مع السكان."))
    english = factories.translate_page(
        arabic, {"title": "About the programme", "slug": "about-the-programme", "شراكة مع السكان.": "With residents."}
    )
    return {"ar": arabic, "en": english}


@pytest.fixture
def myth_fact_page(db):
    """The English translation of a campaign with myths and facts."""
    items = [
        {"type": "item", "id": str(uuid.uuid4()), "value": {"myth": "تجربة واحدة لا تضر.", "fact": "جرعة قد تضر."}}
    ]
    body = [{"type": "myth_fact", "value": {"heading": "خرافات وحقائق", "items": items}}]
    campaign = published(CampaignPageFactory(title="اعرف العلامات", slug="اعرف-العلامات-اختبار", body=body))
    return factories.translate_page(campaign, {"title": "Know the signs", "slug": "know-the-signs-test"})


def test_editor_translates_submits_and_a_moderator_publishes(
    arabic_page, english, login, staff, django_capture_on_commit_callbacks
):
    editor = login(staff["editor"])

    # 1. The editor starts the translation and types the English text.
    translation_row = translate_page(editor, arabic_page, english)
    draft = arabic_page.get_translation(english)
    assert not draft.live
    translate_strings(
        editor,
        translation_row,
        {"title": "Safe neighbourhood guide", "slug": "safe-neighbourhood-guide", "summary": "Working together."},
    )

    # 2. The translation editor offers "Submit for moderation" as the main action; the editor
    #    may not publish, and without our action Delete would be the footer's default.
    extras, props = editor_page(editor, draft)
    assert props["perms"]["canPublish"] is False
    assert props["perms"]["canDelete"] is True
    assert extras.has_attr("data-primary-action")
    actions = extras.select("button[data-sharaka-action]")
    assert actions[0]["data-sharaka-action"] == "submit"
    assert label(actions[0]) == english_gettext("Submit for moderation")
    assert "action-secondary" not in actions[0]["class"]
    submit_url = actions[0]["formaction"]

    # 3. Submitting saves the translation as a draft and starts the workflow.
    response = editor.post(submit_url)
    assert response.status_code == 302
    draft = Page.objects.get(pk=draft.pk).specific
    state = in_progress(draft)
    assert state is not None
    assert state.requested_by == staff["editor"]
    assert state.current_task_state.revision.as_object().title == "Safe neighbourhood guide"
    assert not draft.live
    assert Client().get("/en/safe-neighbourhood-guide/").status_code == 404

    # A second submission while it waits is refused (e.g. a second click), and no longer offered.
    response = editor.post(submit_url, follow=True)
    assert response.redirect_chain[0][0] == f"/admin/pages/{draft.pk}/edit/"
    assert WorkflowState.objects.filter(object_id=str(draft.pk)).count() == 1
    # While it waits the page is locked for the editor (as in Wagtail's page editor): the main
    # button says so, instead of falling back to Delete.
    extras, _ = editor_page(editor, draft)
    assert extras.has_attr("data-primary-action")
    [locked] = extras.select("button[data-sharaka-action]")
    assert locked.has_attr("disabled")
    assert label(locked) == english_gettext("Page locked")

    # 4. A moderator approves: the English page is live with the translated text.
    approve(login(staff["moderator"]), draft, state, django_capture_on_commit_callbacks)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    published = Page.objects.get(pk=draft.pk).specific
    assert published.live
    assert published.title == "Safe neighbourhood guide"
    assert published.url == "/en/safe-neighbourhood-guide/"
    response = Client().get(published.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Safe neighbourhood guide"
    assert "Working together." in html.get_text()


def test_a_live_translation_stays_unchanged_until_approved(
    english, about_pages, login, staff, django_capture_on_commit_callbacks
):
    page = about_pages["en"]
    assert page.live
    live_title = page.title
    translation_row = Translation.objects.get(source__object_id=page.translation_key, target_locale=english)
    editor = login(staff["editor"])
    title_segment = StringSegment.objects.get(source=translation_row.source, context__path="title")
    response = editor.put(
        f"/admin/localize/translate/{translation_row.pk}/strings/{title_segment.pk}/edit/",
        encode_multipart(BOUNDARY, {"value": "About the Sharaka programme"}),
        content_type=MULTIPART_CONTENT,
    )
    assert response.status_code in (200, 201)

    extras, _ = editor_page(editor, page)
    response = editor.post(extras.select_one("button[data-sharaka-action='submit']")["formaction"])
    assert response.status_code == 302

    # Waiting for approval: the public page still shows the published title.
    page = Page.objects.get(pk=page.pk).specific
    assert page.title == live_title
    assert soup(Client().get(page.url)).h1.get_text(strip=True) == live_title
    state = in_progress(page)
    assert state is not None

    approve(login(staff["superuser"]), page, state, django_capture_on_commit_callbacks)
    page = Page.objects.get(pk=page.pk).specific
    assert page.live
    assert page.title == "About the Sharaka programme"
    assert soup(Client().get(page.url)).h1.get_text(strip=True) == "About the Sharaka programme"


def test_editor_resubmits_after_a_moderator_asks_for_changes(
    arabic_page, english, login, staff, django_capture_on_commit_callbacks
):
    editor = login(staff["editor"])
    translation_row = translate_page(editor, arabic_page, english)
    translate_strings(editor, translation_row, {"title": "Neighbourhood guide", "slug": "neighbourhood-guide"})
    draft = arabic_page.get_translation(english)
    extras, _ = editor_page(editor, draft)
    editor.post(extras.select_one("button[data-sharaka-action='submit']")["formaction"])
    state = in_progress(draft)

    moderator = login(staff["moderator"])
    response = moderator.post(
        f"/admin/pages/workflow/action/{draft.pk}/reject/{state.current_task_state.pk}/", {"comment": "Fix the title."}
    )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    extras, _ = editor_page(editor, draft)
    resubmit = extras.select_one("button[data-sharaka-action='submit']")
    task_name = state.current_task_state.task.name
    assert label(resubmit) == english_gettext("Resubmit to %(task_name)s") % {"task_name": task_name}
    assert editor.post(resubmit["formaction"]).status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    approve(moderator, draft, state, django_capture_on_commit_callbacks)
    assert Page.objects.get(pk=draft.pk).live


def test_editor_saves_a_draft_without_submitting(arabic_page, english, login, staff):
    editor = login(staff["editor"])
    translation_row = translate_page(editor, arabic_page, english)
    translate_strings(editor, translation_row, {"title": "Draft guide", "slug": "draft-guide"})
    draft = arabic_page.get_translation(english)
    extras, _ = editor_page(editor, draft)
    response = editor.post(extras.select_one("button[data-sharaka-action='save-draft']")["formaction"])
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    draft = Page.objects.get(pk=draft.pk).specific
    assert draft.get_latest_revision().as_object().title == "Draft guide"
    assert not draft.live
    assert in_progress(draft) is None


def test_a_moderator_can_publish_and_finds_submit_in_the_menu(english, about_pages, login, staff):
    page = about_pages["en"]
    extras, props = editor_page(login(staff["moderator"]), page)
    assert props["perms"]["canPublish"] is True
    assert not extras.has_attr("data-primary-action")
    submit = extras.select_one("button[data-sharaka-action='submit']")
    assert "action-secondary" in submit["class"]


@pytest.mark.parametrize("role", ["coordinator", "officer"])
def test_staff_without_page_permissions_cannot_submit_or_save(role, english, about_pages, login, staff):
    page = about_pages["en"]
    client = login(staff[role])
    for action in ("submit", "save-draft"):
        response = client.post(f"/admin/translations/page/{page.pk}/{action}/")
        assert response.status_code == 403
    assert in_progress(page) is None
    assert Page.objects.get(pk=page.pk).latest_revision_id == page.latest_revision_id


def test_only_translations_and_known_actions_are_accepted(arabic, english, about_pages, login, staff):
    editor = login(staff["editor"])
    source = about_pages["ar"]
    assert editor.post(f"/admin/translations/page/{source.pk}/submit/").status_code == 403
    page = source.get_translation(english)
    assert editor.post(f"/admin/translations/page/{page.pk}/publish/").status_code == 403
    assert editor.get(f"/admin/translations/page/{page.pk}/submit/").status_code == 405
    assert in_progress(page) is None


def test_a_locked_translation_cannot_be_submitted(english, about_pages, login, staff):
    page = about_pages["en"]
    page.locked = True
    page.locked_by = staff["moderator"]
    page.save()
    editor = login(staff["editor"])
    extras, _ = editor_page(editor, page)
    assert [b["data-sharaka-action"] for b in extras.select("button[data-sharaka-action]")] == ["locked"]
    revision = page.latest_revision_id
    for action in ("submit", "save-draft"):
        response = editor.post(f"/admin/translations/page/{page.pk}/{action}/")
        assert response.status_code == 302
        assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert in_progress(page) is None
    assert Page.objects.get(pk=page.pk).latest_revision_id == revision


# --- languages and directions in the editor (wagtail-localize#197) -------------------------


def test_editor_marks_an_english_translation_left_to_right(english, about_pages, login, staff):
    page = about_pages["en"]
    extras, _ = editor_page(login(staff["editor"]), page)
    assert extras["data-source-lang"] == "ar"
    assert extras["data-source-dir"] == "rtl"
    assert extras["data-target-lang"] == "en"
    assert extras["data-target-dir"] == "ltr"


def test_editor_marks_an_arabic_translation_right_to_left(arabic, english, login, staff):
    factories.translate_page(HomePage.objects.get(locale=arabic))  # the English home page
    page = StandardPage(title="Road safety week", slug="road-safety-week", summary="A week of events.", locale=english)
    HomePage.objects.get(locale=english).add_child(instance=page)
    page.save_revision().publish()
    editor = login(staff["editor"])
    translate_page(editor, page, arabic)
    extras, props = editor_page(editor, page.get_translation(arabic))
    assert props["locale"]["code"] == "ar"
    assert extras["data-source-lang"] == "en"
    assert extras["data-source-dir"] == "ltr"
    assert extras["data-target-lang"] == "ar"
    assert extras["data-target-dir"] == "rtl"


def test_editor_page_loads_the_script_that_applies_them(english, about_pages, login, staff):
    page = about_pages["en"]
    response = login(staff["editor"]).get(f"/admin/pages/{page.pk}/edit/")
    scripts = [s.get("src", "") for s in soup(response).select("script")]
    assert any("/static/js/admin/translation-editor.js" in src for src in scripts)
    response = Client().get("/static/js/admin/translation-editor.js")
    assert response.status_code == 200


# --- the editor's words in the admin's language (issue 9, item 16) -------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_section_title_is_in_the_admins_language(language, english, about_pages, login):
    user = make_user(f"editor_{language}", "Editors", language=language)
    page = about_pages["en"]
    extras, props = editor_page(login(user), page)
    source, target = props["sourceLocale"]["displayName"], props["locale"]["displayName"]
    # What wagtail-localize's bundle writes (a literal, not translatable) is replaced by:
    assert extras["data-section-title-original"] == f"{source} to {target} translation"
    with translation.override(language):
        expected = gettext("Translation from %(source)s into %(target)s") % {"source": source, "target": target}
    assert extras["data-section-title"] == expected
    if language == "ar":
        assert " to " not in expected
        assert "translation" not in expected


@pytest.mark.parametrize("language", ["ar", "en"])
def test_myth_and_fact_segments_are_not_all_labelled_myths(language, myth_fact_page, login):
    page = myth_fact_page
    user = make_user(f"translator_{language}", "Editors", language=language)
    _, props = editor_page(login(user), page)
    myth_fact = [s for s in props["segments"] if ".items." in s.get("contentPath", "") and s["type"] == "string"]
    assert {s["contentPath"].rsplit(".", 1)[1] for s in myth_fact} == {"myth", "fact"}
    with translation.override(language):
        expected, wrong = gettext("Myths and facts"), gettext("Myths")
    assert {s["location"]["subField"] for s in myth_fact} == {expected}
    assert wrong not in {s["location"]["subField"] for s in myth_fact}


def test_snippet_translation_editor_is_marked_too_and_offers_no_page_workflow(login, staff):
    topic = factories.localize(TopicFactory(name="السلامة المرورية"), {"name": "Road safety"})
    response = login(staff["editor"]).get(f"/admin/snippets/campaigns/topic/edit/{topic.pk}/")
    assert response.status_code == 200
    extras = soup(response).select_one("template#sharaka-translation-editor")
    assert extras["data-target-lang"] == "en"
    assert extras["data-target-dir"] == "ltr"
    assert not extras.select("button[data-sharaka-action]")


def test_an_invalid_translation_is_not_submitted(english, about_pages, login, staff, monkeypatch):
    def invalid(*args, **kwargs):
        raise ValidationError({"title": ["This field is required."]})

    monkeypatch.setattr(translation_workflow, "save_draft", invalid)
    page = about_pages["en"]
    editor = login(staff["editor"])
    response = editor.post(f"/admin/translations/page/{page.pk}/submit/", follow=True)
    assert response.redirect_chain[0][0] == f"/admin/pages/{page.pk}/edit/"
    assert "This field is required." in soup(response).select_one(".messages").get_text()
    assert in_progress(page) is None


def test_a_live_arabic_translation_keeps_its_slug_and_the_sources_restriction(
    arabic, english, login, staff, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    factories.translate_page(HomePage.objects.get(locale=arabic))  # the English home page
    source = StandardPage(title="Road safety for families", slug="road-safety", summary="How to cross.", locale=english)
    HomePage.objects.get(locale=english).add_child(instance=source)
    source.save_revision().publish()
    admin = login(staff["superuser"])
    translation_row = translate_page(admin, source, arabic)
    translate_strings(admin, translation_row, {"title": "السلامة المرورية للأسر", "slug": "السلامة-المرورية-2026"})
    with django_capture_on_commit_callbacks(execute=True):
        translation_row.save_target(user=staff["superuser"], publish=True)
    target = StandardPage.objects.get(locale=arabic, translation_key=source.translation_key)
    assert target.live and target.slug == "السلامة-المرورية-2026"
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.PASSWORD, password="x")

    editor = login(staff["editor"])
    extras, _ = editor_page(editor, target)
    assert editor.post(extras.select_one("button[data-sharaka-action='submit']")["formaction"]).status_code == 302
    approve(admin, target, in_progress(target), django_capture_on_commit_callbacks)
    target = StandardPage.objects.get(pk=target.pk)
    assert target.slug == "السلامة-المرورية-2026"
    assert PageViewRestriction.objects.filter(page=target, restriction_type=PageViewRestriction.PASSWORD).exists()
