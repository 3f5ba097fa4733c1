"""Asking anonymously, in Arabic and English (issue 15, item 2).

A resident asks without a name, from a cached page; crisis words put the crisis help
lines first on the confirmation, before anyone reads the question, and every
confirmation lists them anyway. The asker reads the answer at a private link. The
Answerers, and nobody else, work the queue: a private answer, and with the asker's
consent a published one after a redaction step, which the questions page and site
search then show in the question's language.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale

from core import page_cache
from feedback.crisis import matched_terms
from feedback.models import AnonymousQuestion, CrisisWords, PublishedAnswer, QuestionStatus
from tests.conftest import make_user, soup
from tests.factories import (
    AnonymousQuestionFactory,
    HelpServiceFactory,
    PublishedAnswerFactory,
    QuestionsPageFactory,
    published,
    translate_page,
    translate_snippet,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]
CRISIS = {"ar": "أخي أخذ جرعةً زائدة من الحبوب البارحة، ماذا أفعل؟", "en": "My brother took an overdose last night."}
ORDINARY = {"ar": "كيف أتحدث مع ابني عن المخدرات؟", "en": "How do I talk to my son about drugs?"}


@pytest.fixture
def pages():
    arabic = published(QuestionsPageFactory(title="اسألونا", slug="اسألونا", summary="أسئلة السكان وأجوبتنا."))
    english = translate_page(
        arabic,
        {
            "title": "Ask us",
            "slug": "ask-us",
            "أسئلة السكان وأجوبتنا.": "Residents' questions and our answers.",
            "اسألونا دون ذكر أسمائكم": "Ask us without giving your name",
        },
    )
    return {"ar": arabic, "en": english}


@pytest.fixture
def crisis_line():
    line = HelpServiceFactory(name="خط الأزمات", phone="800 1111", is_crisis_line=True, hours="على مدار الساعة")
    translate_snippet(line, name="Crisis line", hours="Around the clock")
    return line


def ask(client, page, question, committed=None, **fields):
    response = client.get(page.url)
    form = soup(response).select_one("section.ask-form form")
    token = client.get(form["data-token-url"] + "&shown=60000").json()["token"]
    prefix = form.select_one("textarea")["name"].split("-")[0]
    data = {"form_block": form.select_one("input[name=form_block]")["value"], "form_token": token}
    data.update(
        {f"{prefix}-{key}": value for key, value in {"subject": "drugs", "question": question, **fields}.items()}
    )
    data["sharaka_hp_leave_blank"] = ""
    return client.post(page.url, data), data


def text(node):
    return " ".join(node.get_text().split())


# --- asking ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_asks_no_name_and_the_cached_page_carries_no_token(pages, language):
    response = Client().get(pages[language].url)
    form = soup(response).select_one("section.ask-form form")
    names = {field["name"].split("-", 1)[-1] for field in form.select("input, textarea, select") if field.get("name")}
    assert {"subject", "question", "contact", "publish_consent"} <= names
    assert not any("name" in name for name in names - {"sharaka_hp_leave_blank"})
    assert form.select_one("input[name=form_token]")["value"] == ""
    assert not response.cookies


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_question_mentioning_an_overdose_shows_the_crisis_lines_first(pages, crisis_line, language):
    client = Client()
    response, _data = ask(client, pages[language], CRISIS[language])
    assert response.status_code == 303
    assert "?sent=" in response["Location"]
    question = AnonymousQuestion.objects.get()
    assert question.crisis_words == ["جرعة زائدة"] if language == "ar" else ["overdose"]
    page = soup(client.get(response["Location"]))
    alert = page.select_one(".crisis-alert[role=alert]")
    assert alert is not None
    # The alert comes before the confirmation itself, and has the emergency number to tap.
    section = page.select_one("section.ask-form")
    assert str(section).index("crisis-alert") < str(section).index("confirmation-panel")
    assert alert.select_one("a[href^='tel:']") is not None
    # The crisis lines are in the alert itself, not further down.
    lines = text(alert)
    assert ("خط الأزمات" if language == "ar" else "Crisis line") in lines
    assert "800 1111" in lines
    assert page.select_one(".crisis-lines") is None
    assert page.html["lang"] == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_confirmation_lists_the_help_lines_without_the_alert(pages, crisis_line, language):
    client = Client()
    response, _data = ask(client, pages[language], ORDINARY[language])
    page = soup(client.get(response["Location"]))
    assert page.select_one(".crisis-alert") is None
    assert "800 1111" in text(page.select_one(".crisis-lines"))
    assert AnonymousQuestion.objects.get().crisis_words == []


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("جُرعةٍ زائدةٍ", ["جرعة زائدة"]),  # diacritics
        ("أخذ بجرعة زائده", ["جرعة زائدة"]),  # a clitic and ta marbuta written as ha
        ("فكرت في الانتحار", ["انتحار"]),  # the article
        ("She OVERDOSED on pills", ["overdose"]),  # case and word endings
        ("I want to hurt myself", ["hurt myself"]),
        ("self harm", ["self-harm"]),
        ("الجرعة المناسبة من الدواء", []),  # half a phrase is not the phrase
        ("a dose of honesty", []),
    ],
)
def test_crisis_words_are_matched_as_search_matches(question, found):
    terms = ["جرعة زائدة", "انتحار", "overdose", "hurt myself", "self-harm"]
    assert matched_terms(question, terms) == found


def test_staff_keep_the_crisis_word_list(pages):
    words = CrisisWords.load()
    assert "overdose" in words.terms() and "جرعة زائدة" in words.terms()  # the first list
    words.words = "سكين"
    words.save()
    ask(Client(), pages["ar"], "رأيت شابًا يحمل السكين قرب المدرسة")
    assert AnonymousQuestion.objects.get().crisis_words == ["سكين"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_contacts_typed_into_the_question_are_masked_and_consent_is_stored_with_its_words(pages, language):
    client = Client()
    with translation.override(language):
        consent_text = gettext(
            "You may publish my question and your answer on the public questions page, "
            "after removing anything that could identify me."
        )
    ask(
        client,
        pages[language],
        "Call me on 050 123 4567 or mail me at sami@example.org",
        contact="٠٥٠ ١٢٣ ٤٥٦٧",
        publish_consent="on",
    )
    question = AnonymousQuestion.objects.get()
    assert "4567" not in question.question and "sami@" not in question.question
    assert "[***]" in question.question
    assert question.contact == "+971501234567"
    assert question.publish_consent is True
    assert question.publish_consent_text == consent_text
    assert question.locale.language_code == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bad_contact_gets_400_in_the_page_language_and_keeps_the_question(pages, language):
    client = Client()
    response, _data = ask(client, pages[language], ORDINARY[language], contact="not a phone")
    assert response.status_code == 400
    page = soup(response)
    with translation.override(language):
        expected = gettext("Enter a phone number like 050 123 4567, or an email address, or leave it empty.")
    assert expected in text(page.select_one(".error-summary, [role=alert]") or page)
    assert page.select_one("section.ask-form textarea").get_text().strip() == ORDINARY[language]
    assert not AnonymousQuestion.objects.exists()


def test_sending_twice_with_one_token_saves_one_question(pages):
    client = Client()
    response, data = ask(client, pages["en"], ORDINARY["en"])
    again = client.post(pages["en"].url, data)
    assert again.status_code == 303
    assert AnonymousQuestion.objects.count() == 1


def test_an_empty_question_is_refused(pages):
    response, _data = ask(Client(), pages["ar"], "  ")
    assert response.status_code == 400
    assert not AnonymousQuestion.objects.exists()


# --- the asker's private page and emails --------------------------------------------------


def answer_link(client, response):
    page = soup(client.get(response["Location"]))
    return page.select_one("section.ask-form a.answer-page-link")["href"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_asker_reads_the_answer_at_their_private_link(pages, language, login):
    client = Client()
    response, _data = ask(client, pages[language], ORDINARY[language])
    link = answer_link(client, response)
    assert link.startswith(f"/{language}/your-answer/")
    waiting = client.get(link)
    assert waiting.status_code == 200
    assert waiting["Referrer-Policy"] == "no-referrer"
    assert waiting["X-Robots-Tag"] == "noindex"
    assert "no-cache" in waiting["Cache-Control"] or "max-age=0" in waiting["Cache-Control"]
    assert ORDINARY[language] in text(soup(waiting))
    assert soup(waiting).select_one(".answer-text") is None

    question = AnonymousQuestion.objects.get()
    answerer = login(make_user("answerer_x", "Answerers"))
    url = reverse("anonymous_question:answer", args=[question.pk])
    assert answerer.post(url, {"answer": "Start with a calm talk.", "send_privately": "on"}).status_code == 302
    answered = soup(client.get(link))
    assert "Start with a calm talk." in text(answered.select_one(".answer-text"))
    assert Client().get(f"/{language}/your-answer/not-a-real-token/").status_code == 404


def test_emails_to_the_asker_never_carry_the_question_or_the_answer(pages, login, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, pages["en"], "Is cannabis legal at home?", contact="Asker@Example.org")
    question = AnonymousQuestion.objects.get()
    assert question.contact == "asker@example.org"
    confirmation = [m for m in mail.outbox if m.to == ["asker@example.org"]]
    assert len(confirmation) == 1
    assert "cannabis" not in confirmation[0].body
    assert re.search(r"/en/your-answer/[\w-]+/", confirmation[0].body)
    mail.outbox.clear()

    answerer = login(make_user("answerer_y", "Answerers"))
    with django_capture_on_commit_callbacks(execute=True):
        answerer.post(
            reverse("anonymous_question:answer", args=[question.pk]),
            {"answer": "No, it is against the law.", "send_privately": "on"},
        )
    notice = [m for m in mail.outbox if m.to == ["asker@example.org"]]
    assert len(notice) == 1
    assert "against the law" not in notice[0].body and "cannabis" not in notice[0].body
    link = re.search(r"https?://[^/]+(/en/your-answer/[\w-]+/)", notice[0].body).group(1)
    assert "against the law" in text(soup(Client().get(link)))


def test_answerers_are_told_of_a_new_question_without_its_words(pages, django_capture_on_commit_callbacks):
    make_user("answerer_z", "Answerers")
    with django_capture_on_commit_callbacks(execute=True):
        ask(Client(), pages["ar"], CRISIS["ar"])
    staff = [m for m in mail.outbox if m.to == ["answerer_z@staff.example"]]
    assert len(staff) == 1
    question = AnonymousQuestion.objects.get()
    assert question.reference in staff[0].body
    assert "جرعة" not in staff[0].body


# --- the queue ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "officer", "editor", "translator", "moderator"])
def test_only_answerers_see_the_questions(staff, login, role):
    question = AnonymousQuestionFactory()
    client = login(staff[role])
    for url in (
        reverse("anonymous_question:index"),
        reverse("anonymous_question:inspect", args=[question.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = client.post(reverse("anonymous_question:answer", args=[question.pk]), {"answer": "x"})
    assert response.status_code in (302, 403)
    assert AnonymousQuestion.objects.get().answered_at is None


def answerer_client(login, language="en"):
    return login(make_user(f"answerer_{language}", "Answerers", language=language))


def test_without_consent_a_question_is_answered_privately_only(login):
    question = AnonymousQuestionFactory(publish_consent=False)
    client = answerer_client(login)
    page = soup(client.get(reverse("anonymous_question:inspect", args=[question.pk])))
    assert page.select_one("textarea[name=public_question]") is None
    client.post(
        reverse("anonymous_question:answer", args=[question.pk]),
        {"answer": "Talk to your school counsellor.", "publish": "on", "public_question": "x", "redacted": "on"},
    )
    question.refresh_from_db()
    assert question.published is None
    assert not PublishedAnswer.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_publishing_needs_the_redaction_step(login, language):
    question = AnonymousQuestionFactory(
        publish_consent=True,
        question="My son Ahmad at the Nour school smokes",
        locale=Locale.objects.get(language_code=language),
    )
    client = answerer_client(login, language)
    page = soup(client.get(reverse("anonymous_question:inspect", args=[question.pk])))
    # The question to publish starts as the asker wrote it: the Answerer must edit it.
    assert page.select_one("textarea[name=public_question]").get_text().strip() == question.question
    response = client.post(
        reverse("anonymous_question:answer", args=[question.pk]),
        {"answer": "Talk to him calmly.", "publish": "on", "public_subject": "drugs", "public_question": "Edited"},
    )
    assert response.status_code == 400
    with translation.override(language):
        assert gettext("Check the question and answer for anything that identifies someone.") in text(soup(response))
    assert not PublishedAnswer.objects.exists()


def test_an_answer_cannot_be_given_to_a_question_closed_or_marked_as_spam(login):
    question = AnonymousQuestionFactory(status=QuestionStatus.SPAM)
    client = answerer_client(login)
    page = soup(client.get(reverse("anonymous_question:inspect", args=[question.pk])))
    assert page.select_one(f"form[action='{reverse('anonymous_question:answer', args=[question.pk])}']") is None
    client.post(reverse("anonymous_question:answer", args=[question.pk]), {"answer": "x", "send_privately": "on"})
    question.refresh_from_db()
    assert question.answer == "" and question.status == QuestionStatus.SPAM


def test_answered_is_not_offered_as_a_bare_status(login):
    question = AnonymousQuestionFactory()
    assert QuestionStatus.ANSWERED not in dict(question.allowed_statuses())
    assert {QuestionStatus.CLOSED, QuestionStatus.SPAM} <= set(dict(question.allowed_statuses()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_published_answer_is_on_the_questions_page_and_in_search_in_its_language_only(
    pages, login, language, django_capture_on_commit_callbacks
):
    other = "en" if language == "ar" else "ar"
    words = {
        "ar": ("هل يمكن أن يدمن المراهق من أول تجربة؟", "نعم، قد تبدأ الاعتياد من التجربة الأولى."),
        "en": ("Can a teenager get hooked after trying once?", "Yes: dependence can start with a first try."),
    }[language]
    question = AnonymousQuestionFactory(
        publish_consent=True, question=words[0] + " My name is Sami.", locale=pages[language].locale
    )
    client = answerer_client(login, language)
    before = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("anonymous_question:answer", args=[question.pk]),
            {
                "answer": words[1],
                "send_privately": "on",
                "publish": "on",
                "public_subject": "drugs",
                "public_question": words[0],
                "redacted": "on",
            },
        )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    answer = question.published
    assert answer.locale == pages[language].locale and answer.question == words[0] and answer.live
    assert page_cache.generation() != before  # the cached questions pages end

    listed = soup(Client().get(pages[language].url))
    item = listed.select_one(f"#{answer.anchor}")
    assert item is not None and words[0] in text(item) and words[1] in text(item)
    assert "Sami" not in text(listed)
    assert listed.select_one(f"#{answer.anchor}") is not None
    assert soup(Client().get(pages[other].url)).select_one(f"#{answer.anchor}") is None

    search_word = words[0].split()[2]
    results = soup(Client().get(f"/{language}/search/", {"q": search_word}))
    link = results.select_one(".answer-results a")
    assert link is not None and link["href"] == f"{pages[language].url}#{answer.anchor}"
    assert soup(Client().get(f"/{other}/search/", {"q": search_word})).select_one(".answer-results") is None


def test_the_questions_page_filters_by_subject_and_words(pages):
    PublishedAnswerFactory(subject="drugs", question="هل الحشيش آمن؟", answer="<p>لا.</p>")
    PublishedAnswerFactory(subject="volunteering", question="كيف أتطوع في المدارس؟", answer="<p>قدموا طلبًا.</p>")
    PublishedAnswerFactory(subject="drugs", question="سؤال مخفي", answer="<p>مخفي</p>", live=False)
    client = Client()
    everything = soup(client.get(pages["ar"].url))
    assert len(everything.select(".published-answer")) == 2
    by_subject = soup(client.get(pages["ar"].url, {"about": "volunteering"}))
    assert [text(h) for h in by_subject.select(".published-answer h3")] == ["كيف أتطوع في المدارس؟"]
    by_words = soup(client.get(pages["ar"].url, {"q": "الحشيش"}))
    assert [text(h) for h in by_words.select(".published-answer h3")] == ["هل الحشيش آمن؟"]
    assert client.get(pages["ar"].url, {"about": "<script>"}).status_code == 200


def test_a_persons_data_request_finds_their_questions_by_contact():
    by_phone = AnonymousQuestionFactory(contact="+971501234567")
    by_email = AnonymousQuestionFactory(contact="asker@example.org")
    AnonymousQuestionFactory(contact="")
    assert list(AnonymousQuestion.held_about(phone="+971501234567")) == [by_phone]
    assert list(AnonymousQuestion.held_about(email="ASKER@example.org")) == [by_email]


# --- what an independent review found -----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("أخي يريد أن ينتحر", ["انتحر"]),
        ("سأنتحر الليلة", ["انتحر"]),
        ("انتحرت صديقتي", ["انتحر"]),
        ("سأقتل نفسي", ["أقتل نفسي"]),
        ("أخذ جرعات زائدة", ["جرعة زائدة"]),
        ("بنتي لا تتنفس", ["لا يتنفس"]),
        ("أبي يضربنا كل ليلة", ["يضربني"]),
        ("أخي يقول إنه يريد أن يقتل نفسه", ["أقتل نفسي"]),
        ("My brother wants to kill himself", ["kill myself"]),
        ("she will hurt herself", ["hurt myself"]),
        ("أريد التطوع في المدارس", []),
        ("ابني يدخن في المدرسة", []),
    ],
)
def test_crisis_words_find_other_forms_and_other_people(question, found):
    terms = ["جرعة زائدة", "انتحر", "أنتحر", "أقتل نفسي", "لا يتنفس", "يضربني", "kill myself", "hurt myself"]
    assert matched_terms(question, terms) == found  # "أنتحر" is "انتحر" once normalised: listed once


@pytest.mark.parametrize(
    "question",
    [
        "أخي عمره ١٧ سنة ويقول إنه يريد أن يقتل نفسه",
        "أختي تؤذي نفسها",
        "يجرح نفسه كل ليلة",
        "صديقي ما بيصحى",
        "He won't wake up",
        "he wont wake up",
        "She took too many pills",
        "my dad hits me",
        "my friend does not want to live",
    ],
)
def test_the_first_crisis_list_catches_what_people_write_about_someone_else(question):
    assert matched_terms(question, CrisisWords.load().terms()) != []


@pytest.mark.parametrize(
    "question", ["هل الثقة بالنفس مهمة للمتطوع؟", "أعرف نفسي جيداً", "I want to live somewhere safer"]
)
def test_the_first_crisis_list_leaves_ordinary_questions_alone(question):
    assert matched_terms(question, CrisisWords.load().terms()) == []


def test_the_questions_page_filters_by_subject_and_words_together(pages, login):
    PublishedAnswerFactory(subject="drugs", question="هل الحشيش آمن؟", answer="<p>لا.</p>")
    PublishedAnswerFactory(subject="safety", question="هل الحشيش يسبب حوادث؟", answer="<p>نعم.</p>")
    response = Client().get(pages["ar"].url, {"about": "drugs", "q": "الحشيش"})
    assert response.status_code == 200
    assert [text(h) for h in soup(response).select(".published-answer h3")] == ["هل الحشيش آمن؟"]
    answerer = answerer_client(login)
    listing = answerer.get("/admin/snippets/feedback/publishedanswer/", {"q": "الحشيش", "subject": "drugs"})
    assert listing.status_code == 200


def test_withdrawing_or_deleting_a_published_answer_does_it_in_both_languages(pages):
    arabic = PublishedAnswerFactory(question="هل الحشيش آمن؟", answer="<p>لا.</p>")
    english = translate_snippet(arabic, question="Is cannabis safe?", answer="<p>No.</p>")
    arabic.live = False
    arabic.save()
    english.refresh_from_db()
    assert english.live is False
    assert "Is cannabis safe?" not in text(soup(Client().get(pages["en"].url)))
    arabic.delete()
    assert not PublishedAnswer.objects.filter(pk=english.pk).exists()


def test_answered_cannot_be_set_by_the_status_forms(login):
    question = AnonymousQuestionFactory()
    client = answerer_client(login)
    bulk = f"/admin/bulk/feedback/anonymousquestion/change_status/?id={question.pk}&next=/admin/anonymous_question/"
    page = soup(client.get(bulk))
    assert "answered" not in [o["value"] for o in page.select("select[name=status] option")]
    client.post(bulk, {"status": "answered", "reason": ""})
    client.post(reverse("anonymous_question:status", args=[question.pk]), {"status": "answered", "reason": ""})
    question.refresh_from_db()
    assert question.status == QuestionStatus.NEW


def test_the_asker_still_reads_an_answer_after_the_question_is_closed(pages, login):
    client = Client()
    response, _data = ask(client, pages["en"], ORDINARY["en"])
    link = answer_link(client, response)
    question = AnonymousQuestion.objects.get()
    answerer = answerer_client(login)
    answerer.post(
        reverse("anonymous_question:answer", args=[question.pk]), {"answer": "Ask calmly.", "send_privately": "on"}
    )
    answerer.post(reverse("anonymous_question:status", args=[question.pk]), {"status": "closed", "reason": "Done."})
    question.refresh_from_db()
    assert question.status == QuestionStatus.CLOSED
    assert "Ask calmly." in text(soup(client.get(link)).select_one(".answer-text"))


def test_an_answer_given_by_phone_only_is_not_put_on_the_private_page(pages, login):
    client = Client()
    response, _data = ask(client, pages["en"], ORDINARY["en"], contact="050 123 4567")
    link = answer_link(client, response)
    question = AnonymousQuestion.objects.get()
    answerer = answerer_client(login)
    page = soup(answerer.get(reverse("anonymous_question:inspect", args=[question.pk])))
    assert page.select_one("input[name=phoned]") is not None
    answerer.post(
        reverse("anonymous_question:answer", args=[question.pk]),
        {"answer": "Said on the phone.", "phoned": "on", "seen": ""},
    )
    question.refresh_from_db()
    assert question.phoned_at is not None and question.answer_on_page is False
    shown = soup(client.get(link))
    assert shown.select_one(".answer-text") is None
    assert "Said on the phone." not in text(shown)
    with translation.override("en"):
        assert gettext("We gave you our answer by phone.") in text(shown)


def test_a_second_answer_from_a_stale_form_is_refused_and_the_asker_told_once(
    pages, login, django_capture_on_commit_callbacks
):
    ask(Client(), pages["en"], ORDINARY["en"], contact="asker@example.org")
    question = AnonymousQuestion.objects.get()
    mail.outbox.clear()
    url = reverse("anonymous_question:answer", args=[question.pk])
    first, second = answerer_client(login), login(make_user("answerer_two", "Answerers"))
    with django_capture_on_commit_callbacks(execute=True):
        first.post(url, {"answer": "First answer.", "send_privately": "on", "seen": ""})
        second.post(url, {"answer": "Second answer.", "send_privately": "on", "seen": ""})
    question.refresh_from_db()
    assert question.answer == "First answer."
    assert len([m for m in mail.outbox if m.to == ["asker@example.org"]]) == 1


def test_an_answer_of_invisible_characters_is_refused(login):
    question = AnonymousQuestionFactory()
    response = answerer_client(login).post(
        reverse("anonymous_question:answer", args=[question.pk]), {"answer": "\u200f\u200e ", "send_privately": "on"}
    )
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.answered_at is None


def test_answering_keeps_the_askers_link_working_and_publishing_keeps_the_consent(pages, login):
    client = Client()
    response, _data = ask(client, pages["ar"], ORDINARY["ar"], publish_consent="on")
    answer_link(client, response)  # the link is made when the confirmation is first shown
    question = AnonymousQuestion.objects.get()
    question.links.update(expires_at=timezone.now() + timedelta(days=1))
    answerer_client(login, "ar").post(
        reverse("anonymous_question:answer", args=[question.pk]),
        {
            "answer": "تحدثوا معه بهدوء.",
            "send_privately": "on",
            "publish": "on",
            "public_subject": "drugs",
            "public_question": "كيف أتحدث مع ابني عن المخدرات؟",
            "redacted": "on",
            "seen": "",
        },
    )
    link = question.links.get()
    assert link.expires_at > timezone.now() + timedelta(days=80)
    question.refresh_from_db()
    assert question.published.consent_text == question.publish_consent_text != ""
    assert question.published.consented_at == question.submitted_at


def test_erasure_on_request_withdraws_the_answer_published_from_the_question(staff, login):
    published = PublishedAnswerFactory()
    question = AnonymousQuestionFactory(contact="asker@example.org", published=published, publish_consent=True)
    client = login(staff["superuser"])
    client.post("/admin/data-requests/", {"term": "asker@example.org", "action": "erase", "confirm": "yes"})
    assert not AnonymousQuestion.objects.filter(pk=question.pk).exists()
    published.refresh_from_db()
    assert published.live is False


@pytest.mark.parametrize("role", ["coordinator", "officer", "answerer"])
def test_no_chooser_lists_published_answers(staff, login, role):
    PublishedAnswerFactory(live=False, question="Withdrawn question text")
    users = {**staff, "answerer": make_user("answerer_c", "Answerers")}
    response = login(users[role]).get("/admin/snippets/choose/feedback/publishedanswer/")
    assert response.status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_find_box_of_the_questions_queue_does_not_ask_for_a_name(login, language):
    page = soup(answerer_client(login, language).get(reverse("anonymous_question:index")))
    label = text(page.select_one("label[for=sharaka-find-q]"))
    with translation.override(language):
        assert label == gettext("Find by reference, words of the question, phone or email")
