"""Demo: three anonymous questions on the "Ask us" page (demo/content/questions.toml).

One answered and published with the asker's consent: the published question is the
Answerer's rewording without what identified the asker, and it is translated to English
as an editor would. One answered privately, one marked as spam. Run again, it adds none.
"""

from datetime import timedelta

from django.utils import timezone, translation
from wagtail.models import Page

from demo.loader import read, rich, submission, text
from feedback.asking import CONSENT_TEXT, crisis_terms
from feedback.crisis import matched_terms
from feedback.models import AnonymousQuestion, PublishedAnswer


def load(demo):
    if AnonymousQuestion.objects.exists():
        demo.say("  anonymous questions already there")
        return
    page = demo.recall(Page, "ask-us")
    now = timezone.now()
    terms = crisis_terms()
    for item in read("questions")["questions"]:
        language = item["language"]
        submitted = now - timedelta(days=item["days_ago"])
        question = AnonymousQuestion(
            subject=item["subject"],
            question=item["question"],
            contact=item.get("contact", ""),
            publish_consent=item["publish_consent"],
            crisis_words=matched_terms(item["question"], terms),
            **submission(demo, language, page, item["status"], submitted),
        )
        if question.publish_consent:
            with translation.override(language):
                question.publish_consent_text = str(CONSENT_TEXT)
        if "answer" in item:
            question.answer = item["answer"]
            question.answered_at = now - timedelta(days=item["answered_days_ago"])
            question.status_changed_at = question.answered_at
        if "published" in item:
            published = item["published"]
            answer = PublishedAnswer.objects.create(
                locale=demo.arabic,
                subject=item["subject"],
                question=text(demo, published["question"]),
                answer=rich(demo, published["answer"]),
                published_at=question.answered_at,
            )
            demo.translate(answer)
            question.published = answer
        question.save()
    demo.say("  3 anonymous questions: one published in both languages, one answered privately, one spam")
