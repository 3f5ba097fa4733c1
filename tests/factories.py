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

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, Site

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignPageTopic,
    FeaturedCampaign,
    HelpService,
    StandardPage,
    StoryIndexPage,
    SuccessStoryPage,
    SuccessStoryPageTopic,
    Topic,
)
from core.models import SiteSettings
from home.models import HomePage
from submissions.models import ExportRecord, OutgoingEmail, RetentionRecord, SubmissionNote
from surveys.models import QuestionType, Survey, SurveyField, SurveyResponse
from volunteer_signup.models import Area, VolunteerApplication, VolunteerRole


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
