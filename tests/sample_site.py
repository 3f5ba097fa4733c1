"""A small bilingual site with every page type, built with the factories.

What tests that walk whole pages need (the campaign index with its filters and
featured campaigns, guidance with sources, help lines, FAQs, myths, stories,
the home page's figures) without the demo: the demo's prose may change, these
tests must not change with it. Every text is written here as ``T(arabic, english)``
and the English tree is made with wagtail-localize from those pairs, so an English
page holding Arabic text means a template or a translation rule is wrong, never
that this file forgot a string (``translate_page(strict=True)`` refuses that).

English slugs follow the demo's where a test names a page by slug.
"""

import datetime
import uuid
from typing import NamedTuple

import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from campaigns.models import CampaignPageTopic, FeaturedCampaign, SuccessStoryPageTopic
from tests import factories


class T(NamedTuple):
    """One text in Arabic and in English."""

    ar: str
    en: str


def rich(ar, en):
    """A rich-text paragraph in both languages."""
    return T(f"<p>{ar}</p>", f"<p>{en}</p>")


def arabic(value):
    """``value`` with every ``T`` replaced by its Arabic text."""
    if isinstance(value, T):
        return value.ar
    if isinstance(value, dict):
        return {key: arabic(child) for key, child in value.items()}
    if isinstance(value, list):
        return [arabic(child) for child in value]
    return value


def english_texts(value, texts=None):
    """{Arabic text: English text} for every ``T`` in ``value`` (rich text also by its paragraph text)."""
    texts = {} if texts is None else texts
    if isinstance(value, T):
        texts[value.ar] = value.en
        if value.ar.startswith("<p>") and value.ar.endswith("</p>"):
            texts[value.ar[3:-4]] = value.en[3:-4]
    elif isinstance(value, dict):
        for child in value.values():
            english_texts(child, texts)
    elif isinstance(value, list):
        for child in value:
            english_texts(child, texts)
    return texts


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def item(value):
    """A ListBlock item as the admin stores it."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def bilingual_page(factory, parent, topics=(), **fields):
    """An Arabic page made by ``factory`` under ``parent`` from ``fields`` (texts as ``T``), published,
    with ``topics`` linked, and its English translation; {language: page}."""
    parent.refresh_from_db()  # its tree fields (numchild) as they are now
    page = factory.build(parent=None, **arabic(fields))
    if topics:
        link = CampaignPageTopic if page._meta.model_name == "campaignpage" else SuccessStoryPageTopic
        page.topics = [link(topic=topic, locale=parent.locale) for topic in topics]
    parent.add_child(instance=page)
    page = factories.published(page)
    return {"ar": page, "en": factories.translate_page(page, english_texts(fields), strict=True)}


def bilingual_snippet(factory, **fields):
    """An Arabic snippet from ``fields`` (texts as ``T``) and its wagtail-localize translation; {language: it}."""
    snippet = factory(**arabic(fields))
    return {"ar": snippet, "en": factories.localize(snippet, english_texts(fields), strict=True)}


TOPICS = [
    ("drug-prevention", T("الوقاية من المخدرات", "Drug prevention"), 10),
    ("road-safety", T("السلامة المرورية", "Road safety"), 20),
    ("online-safety", T("الأمان على الإنترنت", "Online safety"), 30),
    ("family-and-school", T("الأسرة والمدرسة", "Family and school"), 40),
    ("volunteering", T("التطوع", "Volunteering"), 50),
]

HELP_SERVICES = {
    "emergency": {
        "name": T("الطوارئ", "Emergency"),
        "description": T("اتصلوا فوراً إذا كانت حياة أحد في خطر.", "Call at once if someone's life is in danger."),
        "phone": "999",
        "hours": T("على مدار الساعة", "Around the clock"),
        "area": T("جميع المناطق", "Everywhere"),
        "is_crisis_line": True,
    },
    "advice": {
        "name": T("خط الاستشارات السرية", "Confidential advice line"),
        "description": T(
            "مختصون يجيبون الأهل والشباب دون ذكر الأسماء.", "Specialists answer parents and young people anonymously."
        ),
        "phone": "800 4673",
        "second_phone": "06 555 0101",
        "hours": T("من الأحد إلى الخميس", "Sunday to Thursday"),
        "area": T("جميع المناطق", "Everywhere"),
    },
    "family": {
        "name": T("مركز الإرشاد الأسري", "Family guidance centre"),
        "description": T("جلسات مجانية للأهل القلقين على أبنائهم.", "Free sessions for worried parents."),
        "phone": "800 2020",
        "hours": T("كل يوم صباحاً", "Every morning"),
        "area": T("وسط المدينة", "City centre"),
    },
}


def topics_and_help_services():
    """The five topics and three help services (one crisis line), each in both languages."""
    topics = {
        slug: bilingual_snippet(factories.TopicFactory, slug=slug, name=name, description=T("", ""), sort_order=order)
        for slug, name, order in TOPICS
    }
    services = {key: bilingual_snippet(factories.HelpServiceFactory, **fields) for key, fields in HELP_SERVICES.items()}
    return topics, services


def home_page_content():
    """The home page's hero and the seed's impact figures, in both languages."""
    home = factories.arabic_home()
    fields = {
        "title": T(home.title, "Home"),
        "hero_heading": T("معاً نصنع حيّاً أكثر أماناً", "Together we make our neighbourhood safer"),
        "hero_text": T(
            "حملات توعية، وإرشادات موثوقة للوقاية من المخدرات، وقصص نجاح، وفرص للتطوع مع فرق الأحياء.",
            "Awareness campaigns, trustworthy drug-prevention guidance, success stories and chances to volunteer.",
        ),
        "hero_link_label": T("تصفّح الحملات", "Browse the campaigns"),
        "figures_heading": T("ما أنجزناه معاً", "What we achieved together"),
        "figures_intro": T("حصيلة ستة أشهر من العمل التطوعي.", "Six months of volunteering."),
        "figures": [
            block("figure", {"value": 42073, "label": T("ساعة عمل تطوعي", "volunteer hours")}),
            block("figure", {"value": 7263, "label": T("متطوعاً أتمّوا التدريب", "volunteers trained")}),
        ],
    }
    for name, value in arabic(fields).items():
        setattr(home, name, value)
    home = factories.published(home)
    return {"ar": home, "en": factories.translate_page(home, english_texts(fields), strict=True)}


def campaigns(index, topics, services, image):
    """Six campaigns: three drug-prevention ones (guidance with myths and sources, an FAQ, help lines),
    one upcoming, one past and one other; {English slug: {language: page}}."""
    today = timezone.localdate()
    common = {"hero_image": image, "hero_image_alt": T("صورة الحملة", "The campaign's picture")}

    def campaign(slug, title, summary, topic_slugs, start, **fields):
        return bilingual_page(
            factories.CampaignPageFactory,
            index,
            topics=[topics[name]["ar"] for name in topic_slugs],
            slug=slug,
            title=title,
            summary=summary,
            start_date=start,
            **{**common, **fields},
        )

    made = {}
    made["know-the-signs"] = campaign(
        T("اعرف-العلامات", "know-the-signs"),
        T("اعرف العلامات", "Know the signs"),
        T("علامات مبكرة قد تدل على تعاطي المخدرات.", "Early signs that may point to drug use."),
        ["drug-prevention"],
        today - datetime.timedelta(days=60),
        last_reviewed=today - datetime.timedelta(days=10),
        sources=[
            block(
                "source",
                {
                    "title": T("التقرير العالمي عن المخدرات", "World drug report"),
                    "publisher": T("الأمم المتحدة", "United Nations"),
                    "url": "https://www.unodc.org/",
                },
            ),
            block("source", {"title": T("دليل الأهل", "A guide for parents"), "publisher": T("", ""), "url": ""}),
        ],
        body=[
            block(
                "warning_signs",
                {
                    "heading": T("علامات التحذير", "Warning signs"),
                    "intro": T("", ""),
                    "signs": [
                        item(T("تغيّر مفاجئ في الأصدقاء", "A sudden change of friends")),
                        item(T("تراجع في الدراسة", "Falling behind at school")),
                    ],
                    "advice": rich("تحدثوا بهدوء واطلبوا المشورة.", "Talk calmly and ask for advice."),
                },
            ),
            block(
                "myth_fact",
                {
                    "heading": T("خرافات وحقائق", "Myths and facts"),
                    "items": [
                        item(
                            {
                                "myth": T("تجربة واحدة لا تضر", "Trying once does no harm"),
                                "fact": T("قد تبدأ الإدمان من مرة واحدة", "Addiction can start with one try"),
                            }
                        ),
                        item(
                            {
                                "myth": T("الحبوب أخف من غيرها", "Pills are milder"),
                                "fact": T("الحبوب المهربة مجهولة التركيب", "Smuggled pills hold unknown substances"),
                            }
                        ),
                        item(
                            {
                                "myth": T("لا أحد يطلب المساعدة", "Nobody asks for help"),
                                "fact": T("آلاف الأسر تتصل كل عام", "Thousands of families call each year"),
                            }
                        ),
                    ],
                },
            ),
        ],
    )
    made["talk-with-your-child"] = campaign(
        T("تحدثوا-مع-أبنائكم", "talk-with-your-child"),
        T("تحدثوا مع أبنائكم", "Talk with your child"),
        T("كيف تبدأون الحديث عن المخدرات في البيت.", "How to start talking about drugs at home."),
        ["drug-prevention", "family-and-school"],
        today - datetime.timedelta(days=40),
        body=[
            block(
                "faq",
                {
                    "heading": T("أسئلة الأهل", "Parents' questions"),
                    "items": [
                        item(
                            {
                                "question": T("متى أبدأ الحديث؟", "When should I start?"),
                                "answer": rich("قبل سن المراهقة.", "Before the teenage years."),
                            }
                        ),
                        item(
                            {
                                "question": T("ماذا لو غضب؟", "What if my child gets angry?"),
                                "answer": rich("اسمعوا أولاً.", "Listen first."),
                            }
                        ),
                    ],
                },
            ),
        ],
    )
    made["where-to-get-help"] = campaign(
        T("أين-تجدون-المساعدة", "where-to-get-help"),
        T("أين تجدون المساعدة", "Where to get help"),
        T("أرقام وخدمات سرية للأهل والشباب.", "Confidential numbers and services for parents and young people."),
        ["drug-prevention"],
        today - datetime.timedelta(days=30),
        body=[
            block(
                "help_lines",
                {
                    "heading": T("خطوط المساعدة", "Help lines"),
                    "intro": T("المكالمات سرية.", "Calls are confidential."),
                    "services": [item(services[key]["ar"].pk) for key in ("advice", "family", "emergency")],
                },
            ),
        ],
    )
    made["safe-road-to-school"] = campaign(
        T("طريق-آمن-إلى-المدرسة", "safe-road-to-school"),
        T("طريق آمن إلى المدرسة", "A safe road to school"),
        T("متطوعون ينظمون السير عند المدارس.", "Volunteers guide traffic at schools."),
        ["road-safety"],
        today + datetime.timedelta(days=30),
    )
    made["children-safe-online"] = campaign(
        T("أطفالنا-بأمان-على-الإنترنت", "children-safe-online"),
        T("أطفالنا بأمان على الإنترنت", "Children safe online"),
        T("حماية الأطفال من الابتزاز على الشبكة.", "Protecting children from online blackmail."),
        ["online-safety"],
        today - datetime.timedelta(days=200),
        end_date=today - datetime.timedelta(days=100),
    )
    made["volunteer-programme"] = factories.volunteer_programme_pages(index)
    return made


def stories(index, topics, campaign_pages, image):
    """Three success stories (named in full, by first name, anonymous); {English slug: {language: page}}."""
    today = timezone.localdate()

    def story(slug, title, topic_slugs, days_ago, **fields):
        return bilingual_page(
            factories.SuccessStoryPageFactory,
            index,
            topics=[topics[name]["ar"] for name in topic_slugs],
            slug=slug,
            title=title,
            story_date=today - datetime.timedelta(days=days_ago),
            hero_image=image,
            hero_image_alt=T("صورة القصة", "The story's picture"),
            consent_on_file=True,
            **fields,
        )

    return {
        "half-a-year-of-giving": story(
            T("نصف-عام-من-العطاء", "half-a-year-of-giving"),
            T("نصف عام من العطاء", "Half a year of giving"),
            ["volunteering"],
            20,
            summary=T("آلاف الساعات التطوعية في ستة أشهر.", "Thousands of volunteer hours in six months."),
            person_name=T("سلمى الراشد", "Salma Al-Rashed"),
            naming="full",
            quote=T("وجدت هنا فريقاً يشبه العائلة.", "I found a team here that feels like family."),
            related_campaign=campaign_pages["volunteer-programme"]["ar"],
        ),
        "a-father-called": story(
            T("أب-اتصل-في-الوقت", "a-father-called"),
            T("أب اتصل في الوقت المناسب", "A father called in time"),
            ["family-and-school", "drug-prevention"],
            50,
            summary=T("مكالمة واحدة غيّرت مسار أسرة.", "One call changed a family's path."),
            person_name=T("سامي الخطيب", "Sami Al-Khatib"),
            naming="anonymous",
            related_campaign=campaign_pages["talk-with-your-child"]["ar"],
        ),
        "a-school-crossing": story(
            T("معبر-المدرسة", "a-school-crossing"),
            T("معبر المدرسة", "A school crossing"),
            ["volunteering"],
            80,
            summary=T("متطوعة تنظم عبور الطلاب كل صباح.", "A volunteer sees pupils across every morning."),
            person_name=T("ليلى حداد", "Layla Haddad"),
            naming="first",
        ),
    }


def featured_in_order(index, pages):
    """Pin ``pages`` on the Arabic campaign index in this order and synchronise the English index."""
    index.refresh_from_db()
    index.featured = [FeaturedCampaign(campaign=page) for page in pages]
    factories.published(index)
    factories.resync_translation(index)


def outcome_pages(home, survey):
    """The "you said, we did" index and one entry about the residents' survey, in both languages."""
    index = bilingual_page(
        factories.OutcomeIndexPageFactory,
        home,
        slug=T("نتائج-آرائكم", "your-views-in-action"),
        title=T("قلتم وفعلنا", "You said, we did"),
        intro=T("ما قلتموه لنا، وما فعلناه.", "What you told us, and what we did."),
    )
    entry = bilingual_page(
        factories.OutcomePageFactory,
        index["ar"],
        slug=T("انتظار-أقصر", "shorter-waits"),
        title=T("انتظار أقصر في المركز", "Shorter waits at the station"),
        summary=T("صار بإمكانكم حجز موعد.", "You can now book a time."),
        you_said=T("قلتم إن الانتظار طويل.", "You said the wait was long."),
        survey=survey,
        status="done",
        body=[block("text", rich("فتحنا المكتب مساءً.", "We opened the desk in the evening."))],
    )
    return index, {"shorter-waits": entry}


def build():
    """The whole sample site; returns {name: {language: object}} (see tests/conftest.py ``sample_site``)."""
    english = Locale.objects.get(language_code="en")
    home = home_page_content()
    index = factories.campaign_index_pages()
    home["ar"].refresh_from_db()
    home["ar"].hero_link_page = index["ar"]
    factories.published(home["ar"])
    factories.resync_translation(home["ar"])
    topics, services = topics_and_help_services()
    image = wagtail_factories.ImageFactory(title="Sample picture")
    campaign_pages = campaigns(index["ar"], topics, services, image)
    survey = factories.bilingual_survey()
    campaign_pages["your-views-count"] = factories.survey_campaign_pages(index["ar"], survey["ar"])
    featured_in_order(
        index["ar"],
        [campaign_pages[slug]["ar"] for slug in ("know-the-signs", "volunteer-programme", "talk-with-your-child")],
    )
    story_index = bilingual_page(
        factories.StoryIndexPageFactory,
        home["ar"],
        slug=T("قصص-النجاح", "success-stories"),
        title=T("قصص النجاح", "Success stories"),
        intro=T("ما صنعه المتطوعون في أحيائهم.", "What volunteers made happen in their neighbourhoods."),
    )
    story_pages = stories(story_index["ar"], topics, campaign_pages, image)
    outcome_index, outcomes = outcome_pages(home["ar"], survey["ar"])
    privacy = factories.privacy_notice_pages()
    questions = bilingual_page(
        factories.QuestionsPageFactory,
        home["ar"],
        slug=T("اسألونا", "ask-us"),
        title=T("اسألونا", "Ask us"),
        summary=T("أسئلة السكان وأجوبتنا.", "Residents' questions and our answers."),
        body=[block("ask", {"heading": T("اسألونا دون ذكر أسمائكم", "Ask us without giving your name"), "intro": ""})],
    )
    made = factories.bilingual_roles_and_areas()
    assert home["en"].locale == english
    return {
        "home": home,
        "campaign_index": index,
        "story_index": story_index,
        "outcome_index": outcome_index,
        "outcomes": outcomes,
        "campaigns": campaign_pages,
        "stories": story_pages,
        "topics": topics,
        "help_services": services,
        "privacy_pages": privacy,
        "questions_pages": questions,
        "volunteer_pages": campaign_pages["volunteer-programme"],
        "experience_survey": survey,
        "survey_pages": campaign_pages["your-views-count"],
        "roles": made["roles"],
        "areas": made["areas"],
        "image": image,
    }
