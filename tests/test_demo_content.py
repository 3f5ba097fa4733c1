"""The bilingual demo content (`manage.py load_demo_content`).

It runs again without changing anything, shows its progress, holds what the issues ask
for (a drug-prevention hub, other campaigns, success stories from the seed facts, about
and privacy pages) and its English tree is a complete wagtail-localize translation that
renders without Arabic. The only tests that read the demo: the others build their own
content (tests/factories.py, tests/sample_site.py).
"""

import tomllib
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation
from wagtail import blocks
from wagtail.models import Locale, Page, Revision, Site, TranslatableMixin
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from campaigns.models import CampaignPage, HelpService, StandardPage, SuccessStoryPage, Topic
from certificates.models import Certificate
from demo import STEPS
from home.models import HomePage
from surveys.models import Survey, SurveyField, SurveyResponse
from tests.conftest import rolled_back_afterwards, soup
from tests.page_text import ARABIC_LETTERS, arabic_texts, english_words
from volunteer_signup.models import Area, VolunteerApplication, VolunteerRole

CONTENT = Path(__file__).resolve().parent.parent / "demo" / "content"
COUNTED = [
    Page,
    Revision,
    Topic,
    HelpService,
    VolunteerRole,
    Area,
    Survey,
    SurveyField,
    VolunteerApplication,
    SurveyResponse,
    Certificate,
    TranslationSource,
    Translation,
    StringTranslation,
]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it.

    wagtail-localize publishes a translation when the transaction commits, which never
    happens here: commit callbacks run at once instead, as when ``make run`` loads the demo
    outside any transaction.
    """
    with rolled_back_afterwards(django_db_blocker):
        with (
            django_db_blocker.unblock(),
            mock.patch.object(transaction, "on_commit", lambda func, using=None, robust=False: func()),
        ):
            call_command("load_demo_content", stdout=StringIO())
        yield


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.mark.django_db
def test_running_the_demo_again_changes_nothing_and_shows_progress():
    before = counts()
    live_before = set(Page.objects.live().values_list("pk", flat=True))
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert counts() == before
    assert set(Page.objects.live().values_list("pk", flat=True)) == live_before
    lines = out.getvalue().splitlines()
    total = len(STEPS)
    for number in range(1, total + 1):
        assert any(line.startswith(f"[{number}/{total}]") for line in lines), lines
    assert "ready" in lines[-1].lower()


@pytest.mark.django_db
def test_demo_has_seven_applications_and_fifty_responses_two_of_them_spam():
    assert VolunteerApplication.objects.count() == 7
    assert SurveyResponse.objects.count() == 50
    assert SurveyResponse.objects.filter(status="spam").count() == 2


@pytest.mark.django_db
def test_the_accepted_volunteer_who_came_has_one_certificate_that_verifies(client):
    [certificate] = Certificate.objects.all()
    application = VolunteerApplication.objects.get(volunteer=certificate.volunteer, status="accepted")
    assert certificate.name == application.full_name and certificate.language == "ar"
    assert certificate.hours > 0 and certificate.state == Certificate.State.VALID
    page = client.get(f"/ar/certificates/{certificate.code}/")
    assert page.status_code == 200 and application.full_name in page.content.decode()


@pytest.mark.django_db
def test_site_root_is_the_arabic_home_page_with_an_english_translation(arabic, english):
    root = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(root, HomePage)
    assert root.locale == arabic
    assert root.get_translation(english).live


@pytest.mark.django_db
def test_demo_has_a_drug_prevention_hub_and_other_campaigns(arabic):
    drug = CampaignPage.objects.live().filter(locale=arabic, topics__topic__slug="drug-prevention").distinct()
    assert drug.count() >= 3
    others = CampaignPage.objects.live().filter(locale=arabic).exclude(pk__in=drug.values("pk"))
    assert others.count() >= 2
    guidance = [page for page in drug if page.last_reviewed and page.sources]
    assert len(guidance) >= 1
    blocks_used = {block.block_type for page in drug for block in page.body}
    assert {"help_lines", "faq", "myth_fact", "warning_signs"} <= blocks_used


@pytest.mark.django_db
def test_demo_has_stories_about_and_privacy_pages_in_both_languages(arabic, english):
    for locale in (arabic, english):
        assert SuccessStoryPage.objects.live().filter(locale=locale).count() >= 3
        assert StandardPage.objects.live().filter(locale=locale).count() >= 2
    english_slugs = set(Page.objects.live().filter(locale=english).values_list("slug", flat=True))
    assert {"about", "privacy-notice", "contact", "campaigns", "success-stories"} <= english_slugs


@pytest.mark.django_db
def test_named_people_in_stories_have_consent_on_file():
    for story in SuccessStoryPage.objects.all():
        if story.person_name and story.naming != SuccessStoryPage.Naming.ANONYMOUS:
            assert story.consent_on_file, story


@pytest.mark.django_db
def test_home_page_carries_the_seed_figures():
    """The half-year's hours and volunteers trained are the baselines of figures counted from
    the records; the demo's few volunteers are below the minimum, so the page shows the
    baselines alone."""
    for home in HomePage.objects.live():
        baselines = {
            block.value["measure"]: block.value["baseline"] for block in home.figures if block.block_type == "impact"
        }
        assert baselines == {"hours": 42073, "trained": 7263}
        assert 21 in [block.value["value"] for block in home.figures if block.block_type == "figure"]
        page = soup(Client().get(home.url))
        with translation.override(home.locale.language_code):
            expected = intcomma(42073)
        assert expected in [value.get_text(strip=True) for value in page.select(".impact-figure__value")]


@pytest.mark.django_db
def test_english_tree_is_a_real_translation_not_aliases(arabic, english):
    english_pages = Page.objects.filter(locale=english, depth__gte=2)
    assert english_pages.count() == Page.objects.filter(locale=arabic, depth__gte=2).count()
    for page in english_pages:
        assert page.alias_of_id is None, page
        assert page.get_translation(arabic).live
        assert Translation.objects.filter(source__object_id=page.translation_key, target_locale=english).exists()


@pytest.mark.django_db
def test_every_snippet_has_an_english_translation(english):
    for model in (Topic, HelpService, VolunteerRole, Area, Survey):
        for item in model.objects.filter(locale__language_code="ar"):
            assert item.get_translation_or_none(english) is not None, (model.__name__, item)


def walk(block_type, value):
    """Every text string and model instance inside a block value."""
    if isinstance(block_type, blocks.StreamBlock):
        for child in value:
            yield from walk(child.block, child.value)
    elif isinstance(block_type, blocks.ListBlock):
        for child in value:
            yield from walk(block_type.child_block, child)
    elif isinstance(block_type, blocks.StructBlock):
        for name, child_block in block_type.child_blocks.items():
            yield from walk(child_block, value.get(name))
    elif isinstance(block_type, blocks.RichTextBlock):
        yield value.source
    elif value is not None and not isinstance(value, bool | int | float):
        yield value


@pytest.mark.django_db
def test_english_bodies_hold_english_text_and_english_snippets(english):
    problems = []
    for page in Page.objects.live().filter(locale=english).specific():
        body = getattr(page, "body", None)
        if body is None:
            continue
        for value in walk(body.stream_block, body):
            if isinstance(value, str) and ARABIC_LETTERS.search(value):
                problems.append((page.slug, value[:40]))
            elif isinstance(value, TranslatableMixin) and not isinstance(value, Page) and value.locale_id != english.pk:
                # Snippets are translated with the page and relinked; pages chosen in
                # blocks are synchronised and localised when rendered (`.localized`).
                problems.append((page.slug, f"{type(value).__name__} in {value.locale}"))
    assert problems == [], "\n".join(f"{slug}: {text}" for slug, text in problems)


@pytest.mark.django_db
def test_english_topic_links_point_to_english_topics(english):
    for page in CampaignPage.objects.filter(locale=english):
        topic_locales = {link.topic.locale_id for link in page.topics.all()}
        assert topic_locales == {english.pk}, page


@pytest.mark.django_db
def test_demo_speaks_in_both_languages_on_the_home_page(client):
    arabic_home = client.get("/ar/").content.decode()
    english_home = client.get("/en/").content.decode()
    english_locale = Locale.objects.get(language_code="en")
    english = HomePage.objects.get(locale=english_locale)
    assert english.hero_heading in english_home
    assert english.hero_heading not in arabic_home
    assert not ARABIC_LETTERS.search(english.hero_heading)


@pytest.mark.django_db
def test_every_demo_page_renders_in_its_own_language_only(client):
    """What a new user sees after ``make run``: each page answers, English pages show no
    Arabic and Arabic pages no English outside parts marked as the other language."""
    pages = Page.objects.live().filter(depth__gte=2).order_by("path").specific()
    assert {page.locale.language_code for page in pages} == {"ar", "en"}
    problems = {}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        found = english_words(soup(response)) if page.locale.language_code == "ar" else arabic_texts(soup(response))
        if found:
            problems[page.url] = found[:5]
    assert problems == {}


# The data files are checked without a database: a missing English text
# stops the demo from loading, and this names the file and the key.
def untranslated(value, key=""):
    """Keys of a data file holding Arabic text with no English text beside it.

    Arabic belongs under ``ar`` with a non-empty ``en`` next to it; anywhere
    else it would reach the English site untranslated. A record marked
    ``language = "ar"`` (a fictitious resident's own words) is the exception.
    """
    if isinstance(value, dict):
        if value.get("ar") and not value.get("en"):
            yield f"{key}.en".lstrip(".")
        in_arabic = value.get("language") == "ar"
        for name, child in value.items():
            if name != "ar" and not (in_arabic and isinstance(child, str)):
                yield from untranslated(child, f"{key}.{name}".lstrip("."))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from untranslated(child, f"{key}[{index}]")
    elif isinstance(value, str) and ARABIC_LETTERS.search(value):
        yield key


@pytest.mark.parametrize("path", sorted(CONTENT.rglob("*.toml")), ids=lambda path: path.relative_to(CONTENT).as_posix())
def test_every_arabic_text_of_the_demo_data_has_its_english_beside_it(path):
    missing = list(untranslated(tomllib.loads(path.read_text(encoding="utf-8"))))
    assert missing == [], f"{path.relative_to(CONTENT)}: no English text for {', '.join(missing)}"


def test_the_english_check_names_each_text_without_english():
    data = tomllib.loads(
        'title.ar = "عنوان"\n'
        '[[body]]\nheading = { ar = "عنوان", en = "" }\n'
        '[[body]]\ntext = "نص"\n'
        '[[body.items]]\nar = "بند"\nen = "بند"\n'
        '[[records]]\nlanguage = "ar"\nfull_name = "اسم"\n'
    )
    assert list(untranslated(data)) == ["title.en", "body[0].heading.en", "body[1].text", "body[1].items[0].en"]


@pytest.mark.django_db
def test_demo_readers_answered_was_this_page_helpful_in_both_languages():
    from feedback.models import HelpfulVote, PageComment

    languages = set(HelpfulVote.objects.values_list("locale__language_code", flat=True))
    assert languages == {"ar", "en"}
    assert HelpfulVote.objects.filter(helpful=False).exists() and HelpfulVote.objects.filter(helpful=True).exists()
    assert sorted(PageComment.objects.values_list("locale__language_code", flat=True)) == ["ar", "en"]
    assert all(comment.vote and not comment.vote.helpful for comment in PageComment.objects.all())


@pytest.mark.django_db
def test_demo_applications_have_the_history_their_status_implies():
    from volunteer_signup import applicant

    accepted = VolunteerApplication.objects.filter(status="accepted").first()
    with translation.override("en"):
        events = [event.text for event in applicant.timeline(accepted)]
    assert events[0] == "We received your application."
    assert events[-2:] == ["Status: In review", "Status: Accepted"]
    for application in VolunteerApplication.objects.exclude(status="new"):
        assert application.status_changed_at > application.submitted_at
