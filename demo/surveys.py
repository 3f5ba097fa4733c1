"""Demo: the residents' experience survey, on its own campaign page in both
languages, with about fifty fictitious responses so the results show something."""

import datetime
import random
import uuid

from django.utils import timezone
from wagtail.models import Locale

from campaigns.models import CampaignIndexPage, CampaignPage, CampaignPageTopic, Topic
from demo.campaigns import stream_body
from surveys.models import QuestionType, ResponseStatus, Survey, SurveyField, SurveyResponse

QUESTIONS = [
    # type, Arabic label, English label, required, Arabic choices, English choices
    (
        QuestionType.RATING,
        "كيف تقيّمون تعاملكم الأخير مع الشرطة المجتمعية؟",
        "How would you rate your last contact with the community police?",
        True,
        "",
        "",
    ),
    (
        QuestionType.SINGLE_CHOICE,
        "أين كان ذلك التعامل؟",
        "Where was that contact?",
        True,
        "في مركز الشرطة\nعبر الهاتف\nفي فعالية أو جلسة توعية\nعبر هذا الموقع",
        "At a police station\nBy phone\nAt an event or awareness session\nThrough this website",
    ),
    (QuestionType.LONG_TEXT, "ما الذي كان جيداً؟", "What went well?", False, "", ""),
    (QuestionType.LONG_TEXT, "ما الذي يمكننا تحسينه؟", "What could we do better?", False, "", ""),
    (
        QuestionType.YES_NO,
        "هل تنصحون غيركم بالتطوع مع الشرطة المجتمعية؟",
        "Would you recommend volunteering with the community police?",
        True,
        "",
        "",
    ),
    (
        QuestionType.CONTACT,
        "إن أردتم أن نتواصل معكم، اتركوا رقم هاتف أو بريداً إلكترونياً",
        "If you would like us to contact you, leave a phone number or email",
        False,
        "",
        "",
    ),
]

WENT_WELL = [
    (
        "استمع الضابط إلى المشكلة بهدوء وشرح لي الخطوات.",
        "The officer listened calmly and explained the next steps.",
    ),
    (
        "جلسة التوعية في مدرسة ابني كانت مفيدة وواضحة.",
        "The awareness session at my son's school was useful and clear.",
    ),
    ("وصل الفريق بسرعة بعد اتصالي.", "The team arrived quickly after I called."),
]
TO_IMPROVE = [
    ("الانتظار في المركز كان طويلاً.", "The wait at the station was long."),
    (
        "أتمنى أن تكون المعلومات متاحة بلغات أكثر.",
        "I wish the information were available in more languages.",
    ),
    ("نحتاج إلى دوريات أكثر قرب الحديقة ليلاً.", "We need more patrols near the park at night."),
]


def _survey(demo):
    existing = Survey.objects.filter(locale=demo.arabic, title="تجربتكم مع الشرطة المجتمعية").first()
    texts = {
        "title": demo.t("تجربتكم مع الشرطة المجتمعية", "Your experience with the community police"),
        "intro": demo.t(
            "خمس دقائق تساعدنا على تحسين خدماتنا. لا نطلب أسماءكم.",
            "Five minutes that help us improve our services. We do not ask for your name.",
        ),
        "thank_you_text": demo.t(
            "شكراً لكم. يقرأ مسؤولو الملاحظات كل إجابة، ونتابع الشكاوى خلال أيام.",
            "Thank you. Feedback officers read every answer, and we follow up complaints within days.",
        ),
    }
    for _type, label_ar, label_en, _required, choices_ar, choices_en in QUESTIONS:
        demo.t(label_ar, label_en)
        if choices_ar:
            demo.t(choices_ar, choices_en)
    if existing is None:
        existing = Survey(locale=demo.arabic, **texts)
        existing.fields = [
            SurveyField(
                label=label_ar,
                field_type=kind,
                required=required,
                choices=choices_ar,
                locale=demo.arabic,
            )
            for kind, label_ar, _en, required, choices_ar, _choices_en in QUESTIONS
        ]
        existing.save()
    if demo.english_of(existing) is None:
        demo.translate(existing)
    demo.say("  survey with six questions in both languages")
    return existing


def _page(demo, survey):
    index = CampaignIndexPage.objects.filter(locale=demo.arabic).first()
    slug = demo.slug("رأيكم-يهمنا", "your-views-count")
    title = demo.t("رأيكم يهمنا: كيف نخدمكم؟", "Your views count: how are we serving you?")
    summary = demo.t(
        "نقيس رضا السكان عن خدمات الشرطة المجتمعية لنحسّنها. شاركونا تجربتكم.",
        "We measure how residents feel about community police services so we can improve them. Tell us about your experience.",
    )
    topic_name = demo.t("الشراكة المجتمعية", "Community partnership")
    topic_desc = demo.t(
        "الحوار بين الشرطة والسكان، والاستشارات والاستبيانات.",
        "Dialogue between the police and residents, consultations and surveys.",
    )
    page = index.get_children().filter(slug=slug).first() if index else None
    if page is None and index is not None:
        topic = Topic.objects.filter(locale=demo.arabic, slug="community-partnership").first()
        if topic is None:
            topic = Topic.objects.create(
                locale=demo.arabic,
                slug="community-partnership",
                name=topic_name,
                description=topic_desc,
                sort_order=60,
            )
        if demo.english_of(topic) is None:
            demo.translate(topic)
        page = CampaignPage(
            title=title,
            slug=slug,
            summary=summary,
            start_date=timezone.localdate() - datetime.timedelta(days=60),
            locale=demo.arabic,
            body=stream_body(
                (
                    "text",
                    demo.rich(
                        (
                            "p",
                            "من توصيات الشرطة المجتمعية أن نقيس رأي الناس في خدماتنا بانتظام. نتائج هذا الاستبيان تُعرض على قيادة الإدارة كل شهر.",
                            "One of community policing's principles is to measure regularly what people think of our services. The results of this survey go to the department's leadership every month.",
                        ),
                    ),
                ),
                ("survey", {"survey": survey.pk}),
            ),
        )
        page.topics = [CampaignPageTopic(topic=topic, locale=demo.arabic)]
        index.add_child(instance=page)
        page.save_revision().publish()
    page = page.specific
    if demo.english_of(page) is None:
        demo.translate(page)
    demo.say("  survey page in both languages")
    return page


def _responses(demo, survey, page):
    if SurveyResponse.objects.filter(survey__translation_key=survey.translation_key).exists():
        return
    rng = random.Random(2026)  # the same fictitious responses on every machine
    english_survey = demo.english_of(survey)
    english_page = demo.english_of(page)
    keys = {q.field_type: q.clean_name for q in survey.questions() if q.field_type != QuestionType.LONG_TEXT}
    text_keys = [q.clean_name for q in survey.questions() if q.field_type == QuestionType.LONG_TEXT]
    now = timezone.now()
    statuses = (
        [ResponseStatus.NEW] * 5
        + [ResponseStatus.IN_REVIEW] * 2
        + [ResponseStatus.CLOSED] * 4
        + [ResponseStatus.NEEDS_FOLLOW_UP]
    )
    created = 0
    for number in range(50):
        english = number % 3 == 0
        rating = rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 6, 5])[0]
        answers = {
            keys[QuestionType.RATING]: rating,
            keys[QuestionType.SINGLE_CHOICE]: str(rng.randrange(4)),
            keys[QuestionType.YES_NO]: "yes" if rng.random() < 0.7 else "no",
        }
        if rng.random() < 0.5:
            answers[text_keys[0]] = rng.choice(WENT_WELL)[1 if english else 0]
        if rng.random() < 0.4:
            answers[text_keys[1]] = rng.choice(TO_IMPROVE)[1 if english else 0]
        status = ResponseStatus.SPAM if number in (7, 31) else rng.choice(statuses)
        contact = f"demo.resident{number}@example.org" if number % 10 == 4 else ""
        submitted = now - datetime.timedelta(days=rng.randrange(60), hours=rng.randrange(24))
        SurveyResponse.objects.create(
            survey=english_survey if english else survey,
            answers=answers,
            contact=contact,
            contact_consent=bool(contact),
            locale=Locale.objects.get(language_code="en" if english else "ar"),
            source_page=english_page if english else page,
            status=status,
            submitted_at=submitted,
            status_changed_at=submitted,
            idempotency_key=f"demo-{uuid.uuid4().hex}",
        )
        created += 1
    demo.say(f"  {created} fictitious survey responses (2 marked as spam)")


def load(demo):
    survey = _survey(demo)
    page = _page(demo, survey)
    _responses(demo, survey, page)
