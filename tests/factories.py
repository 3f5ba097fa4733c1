"""Factories for what tests create (factory_boy, and wagtail-factories for pages).

One definition of a valid record per model and page type, so a test states
only what matters to it: ``VolunteerApplicationFactory(status="declined")``,
``CampaignPageFactory(parent=index)``. Pages go under the Arabic home page
that ``migrate`` creates unless a test gives another parent; snippets are
Arabic unless a test asks for ``locale=locale("en")``.
``tests/test_factories.py`` fails when a model or page type has no factory.
"""

import datetime
import random
from decimal import Decimal

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignPageTopic,
    FeaturedCampaign,
    HelpService,
    OutcomeIndexPage,
    OutcomePage,
    QuestionsPage,
    StandardPage,
    StoryIndexPage,
    SuccessStoryPage,
    SuccessStoryPageTopic,
    Topic,
)
from certificates.models import Certificate
from core.models import SiteSettings
from feedback.models import (
    AnonymousQuestion,
    CrisisWords,
    HelpfulVote,
    PageComment,
    PublishedAnswer,
    QuestionLink,
)
from feedback.models.questions import hash_token as hash_question_token
from home.models import HomePage
from submissions.models import ExportRecord, OutgoingEmail, PendingEmails, RetentionRecord, SubmissionNote
from surveys.models import QuestionType, Survey, SurveyField, SurveyResponse
from tests.page_text import ARABIC_LETTERS
from volunteer_signup.models import (
    ApplicantLink,
    Area,
    Opportunity,
    ReportedHours,
    SignUp,
    Volunteer,
    VolunteerApplication,
    VolunteerRole,
)
from volunteer_signup.models.volunteer import hash_token


def new_phone():
    """A valid mobile number no demo application uses (they are 0500000 1xx)."""
    return "058" + "".join(random.choice("0123456789") for _ in range(7))


def locale(code):
    return factory.LazyFunction(lambda: Locale.objects.get(language_code=code))


def arabic_home():
    return HomePage.objects.get(depth=2, locale__language_code="ar")


# Snippets ------------------------------------------------------------------


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    locale = locale("ar")
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"factory-topic-{n}")


class HelpServiceFactory(DjangoModelFactory):
    class Meta:
        model = HelpService

    locale = locale("ar")
    name = factory.Sequence(lambda n: f"Help line {n}")
    description = "Listens in confidence."
    phone = "800 4888"
    hours = "Around the clock"


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    locale = locale("ar")
    name = factory.Sequence(lambda n: f"Area {n}")


class VolunteerRoleFactory(DjangoModelFactory):
    class Meta:
        model = VolunteerRole

    locale = locale("ar")
    name = factory.Sequence(lambda n: f"Role {n}")
    description = "Helps at events."
    time_commitment = "Four hours a month"


class SurveyFactory(DjangoModelFactory):
    class Meta:
        model = Survey

    locale = locale("ar")
    title = factory.Sequence(lambda n: f"Survey {n}")
    thank_you_text = "Thank you."


class SurveyFieldFactory(DjangoModelFactory):
    class Meta:
        model = SurveyField

    survey = factory.SubFactory(SurveyFactory)
    locale = factory.SelfAttribute("survey.locale")
    label = factory.Sequence(lambda n: f"Question {n}")
    field_type = QuestionType.SHORT_TEXT


class SiteSettingsFactory(DjangoModelFactory):
    class Meta:
        model = SiteSettings
        django_get_or_create = ("site",)

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))


# Pages ---------------------------------------------------------------------


class HomePageFactory(wagtail_factories.PageFactory):
    """A second home page under the tree root (the site's own comes from ``migrate``)."""

    class Meta:
        model = HomePage

    parent = factory.LazyFunction(lambda: Page.get_first_root_node())
    title = factory.Sequence(lambda n: f"Home {n}")
    slug = factory.Sequence(lambda n: f"factory-home-{n}")
    hero_heading = "Police and community, together"


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignIndexPage

    parent = factory.LazyFunction(arabic_home)
    title = factory.Sequence(lambda n: f"Campaigns {n}")
    slug = factory.Sequence(lambda n: f"factory-campaigns-{n}")


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryIndexPage

    parent = factory.LazyFunction(arabic_home)
    title = factory.Sequence(lambda n: f"Stories {n}")
    slug = factory.Sequence(lambda n: f"factory-stories-{n}")


class CampaignPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignPage

    parent = factory.SubFactory(CampaignIndexPageFactory)
    title = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.Sequence(lambda n: f"factory-campaign-{n}")
    summary = "What the campaign is about."
    start_date = factory.LazyFunction(timezone.localdate)


class SuccessStoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SuccessStoryPage

    parent = factory.SubFactory(StoryIndexPageFactory)
    title = factory.Sequence(lambda n: f"Story {n}")
    slug = factory.Sequence(lambda n: f"factory-story-{n}")
    summary = "What happened."
    story_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    parent = factory.LazyFunction(arabic_home)
    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"factory-page-{n}")
    summary = "What this page says."


class OutcomeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OutcomeIndexPage

    parent = factory.LazyFunction(arabic_home)
    title = factory.Sequence(lambda n: f"You said, we did {n}")
    slug = factory.Sequence(lambda n: f"factory-outcomes-{n}")


class OutcomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OutcomePage

    parent = factory.SubFactory(OutcomeIndexPageFactory)
    title = factory.Sequence(lambda n: f"Outcome {n}")
    slug = factory.Sequence(lambda n: f"factory-outcome-{n}")
    summary = "What residents asked for, and what we did."
    survey = factory.SubFactory(SurveyFactory)
    you_said = "Residents asked for shorter waits at the station."
    status = "done"
    outcome_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))


class CampaignPageTopicFactory(DjangoModelFactory):
    class Meta:
        model = CampaignPageTopic

    page = factory.SubFactory(CampaignPageFactory)
    topic = factory.SubFactory(TopicFactory)
    locale = factory.SelfAttribute("page.locale")


class SuccessStoryPageTopicFactory(DjangoModelFactory):
    class Meta:
        model = SuccessStoryPageTopic

    page = factory.SubFactory(SuccessStoryPageFactory)
    topic = factory.SubFactory(TopicFactory)
    locale = factory.SelfAttribute("page.locale")


class FeaturedCampaignFactory(DjangoModelFactory):
    class Meta:
        model = FeaturedCampaign

    campaign = factory.SubFactory(CampaignPageFactory)
    index = factory.LazyAttribute(lambda featured: featured.campaign.get_parent().specific)


# People and submissions ----------------------------------------------------


class StaffUserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "Staff"
    last_name = factory.Sequence(lambda n: f"Member {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@police.example")
    is_staff = True


class VolunteerApplicationFactory(DjangoModelFactory):
    class Meta:
        model = VolunteerApplication
        skip_postgeneration_save = True

    full_name = "Queue Applicant"
    phone = factory.LazyFunction(new_phone)
    email = ""
    age_band = "25_34"
    motivation = "I want to help."
    consented_at = factory.LazyFunction(timezone.now)
    locale = locale("en")
    area = factory.SubFactory(AreaFactory, locale=factory.SelfAttribute("..locale"))
    languages = factory.LazyFunction(lambda: ["ar", "en"])
    availability = factory.LazyFunction(lambda: ["weekends"])

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.roles.set(extracted)


class VolunteerFactory(DjangoModelFactory):
    class Meta:
        model = Volunteer


class ApplicantLinkFactory(DjangoModelFactory):
    class Meta:
        model = ApplicantLink

    application = factory.SubFactory(VolunteerApplicationFactory)
    token_hash = factory.Sequence(lambda n: hash_token(f"test-token-{n}"))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


class OpportunityFactory(DjangoModelFactory):
    class Meta:
        model = Opportunity

    locale = locale("ar")
    title = "صباح السلامة المرورية"
    description = "مساعدة الطلاب على العبور بأمان."
    place = "بوابة المدرسة"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda opportunity: opportunity.starts_at + datetime.timedelta(hours=2))
    capacity = 4


class SignUpFactory(DjangoModelFactory):
    class Meta:
        model = SignUp

    volunteer = factory.SubFactory(VolunteerFactory)
    opportunity = factory.SubFactory(OpportunityFactory)
    status = "booked"


class ReportedHoursFactory(DjangoModelFactory):
    class Meta:
        model = ReportedHours

    volunteer = factory.SubFactory(VolunteerFactory)
    worked_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    hours = Decimal("2")
    description = "Handed out road-safety leaflets at the market"


class CertificateFactory(DjangoModelFactory):
    class Meta:
        model = Certificate

    volunteer = factory.SubFactory(VolunteerFactory)
    volunteer_reference = factory.LazyAttribute(lambda certificate: certificate.volunteer.reference)
    name = "منى الأولى"
    hours = Decimal("12.5")
    trainings = factory.LazyFunction(lambda: [{"title": "الإسعافات الأولية", "date": "2026-11-02"}])
    period_start = datetime.date(2026, 9, 1)
    period_end = datetime.date(2026, 11, 30)
    language = "ar"


class HelpfulVoteFactory(DjangoModelFactory):
    class Meta:
        model = HelpfulVote

    page = factory.SubFactory(StandardPageFactory)
    locale = factory.SelfAttribute("page.locale")
    helpful = True


class PageCommentFactory(DjangoModelFactory):
    class Meta:
        model = PageComment

    vote = factory.SubFactory(HelpfulVoteFactory, helpful=False)
    source_page = factory.SelfAttribute("vote.page")
    locale = factory.SelfAttribute("vote.locale")
    comment = "The opening hours of the centre are missing."


class QuestionsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = QuestionsPage

    parent = factory.LazyFunction(arabic_home)
    title = "اسألونا"
    slug = factory.Sequence(lambda n: f"questions-{n}")
    summary = "أسئلة السكان وأجوبتنا."
    body = factory.LazyFunction(lambda: [{"type": "ask", "value": {"heading": "اسألونا دون ذكر أسمائكم", "intro": ""}}])


class AnonymousQuestionFactory(DjangoModelFactory):
    class Meta:
        model = AnonymousQuestion

    locale = locale("ar")
    subject = "drugs"
    question = "كيف أعرف أن صديقي يتعاطى المخدرات؟"


class QuestionLinkFactory(DjangoModelFactory):
    class Meta:
        model = QuestionLink

    question = factory.SubFactory(AnonymousQuestionFactory)
    token_hash = factory.Sequence(lambda n: hash_question_token(f"question-link-{n}"))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=90))


class PublishedAnswerFactory(DjangoModelFactory):
    class Meta:
        model = PublishedAnswer

    locale = locale("ar")
    subject = "drugs"
    question = "هل يمكن أن يدمن المراهق بعد تجربة واحدة؟"
    answer = "<p>قد تكون التجربة الأولى بداية الطريق، فتحدثوا مع أبنائكم مبكرًا.</p>"


class CrisisWordsFactory(DjangoModelFactory):
    class Meta:
        model = CrisisWords
        django_get_or_create = ("id",)

    id = 1
    words = "جرعة زائدة\noverdose"


class SurveyResponseFactory(DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    survey = factory.SubFactory(SurveyFactory)
    locale = factory.SelfAttribute("survey.locale")
    answers = factory.LazyFunction(lambda: {"comments": "The officer listened."})


class SubmissionNoteFactory(DjangoModelFactory):
    class Meta:
        model = SubmissionNote
        exclude = ["submission"]

    submission = factory.SubFactory(VolunteerApplicationFactory)
    content_type = factory.LazyAttribute(lambda note: ContentType.objects.get_for_model(note.submission))
    object_id = factory.SelfAttribute("submission.pk")
    author = factory.SubFactory(StaffUserFactory)
    text = "Called back; will come to the next training."


class OutgoingEmailFactory(DjangoModelFactory):
    class Meta:
        model = OutgoingEmail
        exclude = ["about"]

    about = factory.SubFactory(VolunteerApplicationFactory)
    content_type = factory.LazyAttribute(lambda email: ContentType.objects.get_for_model(email.about))
    object_id = factory.SelfAttribute("about.pk")
    kind = OutgoingEmail.Kind.CONFIRMATION
    to = factory.Sequence(lambda n: f"resident{n}@example.org")
    subject = "Your reference"
    body = "Thank you."


class PendingEmailsFactory(DjangoModelFactory):
    class Meta:
        model = PendingEmails
        exclude = ["about"]

    about = factory.SubFactory(VolunteerApplicationFactory)
    content_type = factory.LazyAttribute(lambda pending: ContentType.objects.get_for_model(pending.about))
    object_id = factory.SelfAttribute("about.pk")
    kind = "volunteer"
    next_attempt_at = factory.LazyFunction(timezone.now)


class RetentionRecordFactory(DjangoModelFactory):
    class Meta:
        model = RetentionRecord

    model = VolunteerApplication._meta.label
    status = "declined"
    action = RetentionRecord.Action.DELETED
    count = 1


class ExportRecordFactory(DjangoModelFactory):
    class Meta:
        model = ExportRecord

    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(VolunteerApplication))
    user = factory.SubFactory(StaffUserFactory)
    export_format = "csv"
    count = 1


# Bilingual content ---------------------------------------------------------
#
# What the tests share instead of the demo: Arabic originals and their real
# English translations (wagtail-localize for pages and surveys, translation_key
# for snippets), each built once per test by the fixtures in tests/conftest.py.


def published(page):
    """``page`` with a published revision, as an editor leaves it (factories save pages without one)."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def localize(obj, texts=None, strict=False):
    """The English translation of ``obj`` (a page or snippet) made with wagtail-localize, as an editor does.

    ``texts`` maps a segment path ("title", "slug", …) or an Arabic string to its English text;
    other strings keep the Arabic text, as wagtail-localize's fallback does, unless ``strict``:
    then an Arabic string left without English is an error that names it.
    """
    english = Locale.objects.get(language_code="en")
    source, _ = TranslationSource.get_or_create_from_instance(obj)
    texts = texts or {}
    missing = []
    for segment in source.stringsegment_set.select_related("string", "context"):
        english_text = texts.get(segment.context.path, texts.get(segment.string.data))
        if english_text is not None:
            StringTranslation.objects.create(
                translation_of=segment.string, locale=english, context=segment.context, data=english_text
            )
        elif ARABIC_LETTERS.search(segment.string.data):
            missing.append(f"{segment.context.path}: {segment.string.data}")
    assert not (strict and missing), f"{obj}: no English for " + "; ".join(missing)
    Translation.objects.create(source=source, target_locale=english).save_target(publish=True)
    return obj.get_translation(english)


def translate_page(page, texts=None, strict=False):
    """The English translation of an Arabic page (``localize``), made on first use, parents first."""
    english = Locale.objects.get(language_code="en")
    existing = page.get_translation_or_none(english)
    if existing is not None:
        return existing.specific
    parent = page.get_parent()
    if parent.depth > 1:
        translate_page(parent.specific)
    translated = localize(page, texts, strict).specific
    # wagtail-localize publishes on commit, which never comes inside a test's transaction.
    translated.get_latest_revision().publish()
    return page.get_translation(english).specific


def resync_translation(obj):
    """Bring the English translation of ``obj`` up to date with its changed Arabic source, as
    "Sync translated pages" does (synchronised fields copied, translated texts kept)."""
    english = Locale.objects.get(language_code="en")
    source, _ = TranslationSource.update_or_create_from_instance(obj)
    translated, _ = source.create_or_update_translation(english, publish=True, fallback=True)
    if isinstance(translated, Page):
        translated.specific.get_latest_revision().publish()  # on commit, as above
    return translated


def translate_snippet(snippet, **english_fields):
    """The English copy of an Arabic snippet (same translation_key), with ``english_fields`` set."""
    translated = snippet.copy_for_translation(Locale.objects.get(language_code="en"))
    for name, value in english_fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


def bilingual_roles_and_areas():
    """Two volunteer roles and two areas, each in Arabic and English."""
    roles = [
        ("منظم السير", "Traffic marshal", "ينظم عبور الطلاب عند المدارس.", "Sees pupils across near schools."),
        ("مسعف", "First aider", "يقدم الإسعافات الأولية في الفعاليات.", "Gives first aid at events."),
    ]
    time = ("أربع ساعات في الشهر", "Four hours a month")
    areas = [("الحي الشمالي", "North district"), ("الحي الجنوبي", "South district")]
    made = {"roles": {"ar": [], "en": []}, "areas": {"ar": [], "en": []}}
    for arabic_name, english_name, arabic_text, english_text in roles:
        role = VolunteerRoleFactory(name=arabic_name, description=arabic_text, time_commitment=time[0])
        made["roles"]["ar"].append(role)
        english = translate_snippet(role, name=english_name, description=english_text, time_commitment=time[1])
        made["roles"]["en"].append(english)
    for arabic_name, english_name in areas:
        area = AreaFactory(name=arabic_name)
        made["areas"]["ar"].append(area)
        made["areas"]["en"].append(translate_snippet(area, name=english_name))
    return made


def privacy_notice_pages():
    """A privacy notice in both languages, set as the site's privacy page; returns {language: page}."""
    arabic = published(StandardPageFactory(title="إشعار الخصوصية", slug="الخصوصية", summary="كيف نحمي بياناتكم."))
    english = translate_page(
        arabic,
        {"title": "Privacy notice", "slug": "privacy", "كيف نحمي بياناتكم.": "How we protect your data."},
        strict=True,
    )
    site_settings = SiteSettingsFactory()
    site_settings.privacy_page = arabic
    site_settings.save()
    return {"ar": arabic, "en": english}


def campaign_index_pages():
    """The campaigns index in both languages; returns {language: page}."""
    arabic = CampaignIndexPageFactory(title="الحملات والإرشادات", slug="الحملات")
    texts = {"title": "Campaigns and guidance", "slug": "campaigns"}
    return {"ar": arabic, "en": translate_page(arabic, texts, strict=True)}


def bilingual_campaign(index, title, english_title, slug, english_slug, body=(), summary=None, english_summary=None):
    """An Arabic campaign page under ``index`` with ``body`` and its English translation; {language: page}."""
    summary = summary or f"عن {title}."
    english_summary = english_summary or f"About {english_title}."
    arabic = published(CampaignPageFactory(parent=index, title=title, slug=slug, summary=summary, body=list(body)))
    texts = {"title": english_title, "slug": english_slug, "summary": english_summary}
    return {"ar": arabic, "en": translate_page(arabic, texts)}


def volunteer_programme_pages(index):
    """A campaign embedding the volunteer application form (every open role), in both languages."""
    form = {"heading": "قدّموا طلب التطوع", "intro": "", "roles": [], "next_steps": ""}
    body = [
        {"type": "text", "value": "<p>يفتح البرنامج بابه لكل مقيم.</p>"},
        {"type": "volunteer_form", "value": form},
    ]
    texts = {
        "title": "Volunteer programme",
        "slug": "volunteer-programme",
        "summary": "Join the community police's neighbourhood teams.",
        "يفتح البرنامج بابه لكل مقيم.": "The programme is open to every resident.",
        "قدّموا طلب التطوع": "Apply to volunteer",
    }
    arabic = published(
        CampaignPageFactory(
            parent=index,
            title="برنامج المتطوعين",
            slug="برنامج-المتطوعين",
            summary="انضموا إلى فرق الشرطة المجتمعية في الأحياء.",
            start_date=timezone.localdate() - datetime.timedelta(days=90),
            body=body,
        )
    )
    return {"ar": arabic, "en": translate_page(arabic, texts, strict=True)}


# (type, Arabic label, English label, required, Arabic choices, English choices), one line per choice.
SURVEY_QUESTIONS = [
    ("rating", "كيف تقيّمون زيارتكم الأخيرة؟", "How would you rate your last visit?", True, "", ""),
    (
        "radio",
        "أين التقيتم بنا آخر مرة؟",
        "Where did you last meet us?",
        True,
        "في المركز\nعبر الهاتف\nفي فعالية\nعبر الموقع",
        "At a station\nBy phone\nAt an event\nOnline",
    ),
    ("multiline", "ما الذي أعجبكم؟", "What did you like?", False, "", ""),
    ("yesno", "هل تنصحون غيركم بزيارتنا؟", "Would you recommend a visit?", True, "", ""),
    ("contact", "هاتف أو بريد للرد عليكم", "A phone number or email for our reply", False, "", ""),
]


def bilingual_survey(
    questions=SURVEY_QUESTIONS,
    title=("استبيان تجربتكم", "Your experience survey"),
    thank_you=("شكراً لكم.", "Thank you."),
    **fields,
):
    """An Arabic survey with ``questions`` (see SURVEY_QUESTIONS) and its English translation made
    with wagtail-localize, every text translated; {language: survey}. ``fields`` go to both."""
    arabic_locale = Locale.objects.get(language_code="ar")
    survey = Survey(locale=arabic_locale, title=title[0], thank_you_text=thank_you[0], **fields)
    survey.fields = [
        SurveyField(locale=arabic_locale, label=ar, field_type=kind, required=required, choices=c_ar, sort_order=n)
        for n, (kind, ar, _en, required, c_ar, _c_en) in enumerate(questions)
    ]
    survey.save()
    pairs = {title[0]: title[1], thank_you[0]: thank_you[1]}
    for _kind, ar, en, _required, c_ar, c_en in questions:
        pairs[ar] = en
        if c_ar:
            # wagtail-localize keeps a multi-line text as one segment, its line breaks as <br/>.
            pairs[c_ar] = c_en
            pairs[c_ar.replace("\n", "<br/>")] = c_en.replace("\n", "<br/>")
    translated = localize(survey, pairs)
    for question, (_kind, _ar, en, _required, _c_ar, c_en) in zip(translated.questions(), questions, strict=True):
        assert (question.label, question.choices) == (en, c_en), "a survey text was left untranslated"
    return {"ar": survey, "en": translated}


def survey_campaign_pages(index, survey):
    """A campaign embedding ``survey`` (Arabic original), in both languages."""
    body = [{"type": "survey", "value": {"survey": survey.pk}}]
    arabic = published(
        CampaignPageFactory(
            parent=index, title="رأيكم يهمنا", slug="رأيكم-يهمنا", summary="شاركونا تجربتكم.", body=body
        )
    )
    texts = {"title": "Your views count", "slug": "your-views-count", "summary": "Tell us about your visit."}
    return {"ar": arabic, "en": translate_page(arabic, texts, strict=True)}


def varied_survey_responses(surveys, pages, count=30, spam=(7, 19)):
    """``count`` responses to a bilingual survey: a third in English, from the page in their language,
    spread over the last 60 days, in every status, two of them (``spam``) marked as spam; returns them."""
    questions = {q.field_type: q for q in surveys["ar"].questions()}
    statuses = ["new", "in_review", "closed", "follow_up", "new"]
    made = []
    for number in range(count):
        language = "en" if number % 3 == 0 else "ar"
        answers = {
            questions["rating"].clean_name: 1 + number * 7 % 5,
            questions["radio"].clean_name: questions["radio"].choice_keys.split()[number % 4],
            questions["yesno"].clean_name: "yes" if number % 4 else "no",
        }
        if number % 2:
            answers[questions["multiline"].clean_name] = f"Answer number {number}"
        submitted = timezone.now() - datetime.timedelta(days=number * 2, hours=number % 24)
        made.append(
            SurveyResponseFactory(
                survey=surveys[language],
                source_page=pages[language],
                answers=answers,
                status="spam" if number in spam else statuses[number % len(statuses)],
                submitted_at=submitted,
                status_changed_at=submitted,
            )
        )
    return made
