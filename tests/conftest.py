"""Shared fixtures.

The test database is migrated (which creates both locales, the Arabic home
page and the staff groups); tests build their own data with the factories
(tests/factories.py) and never read the demo, except the demo's own tests.
Content many tests share (a volunteer form page, a survey page, roles, areas,
a privacy notice, in both languages; or the whole sample site of
tests/sample_site.py) is built once per module by ``_shared_content`` and
rolled back after the module. Each test
then runs inside a transaction that is rolled back, so tests can change
anything without affecting others. Browser tests run against a separate
server and database (tests/browser/conftest.py).
"""

import contextlib
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from wagtail.models import Locale
from wagtail_localize.models import StringSegment

from tests import factories
from tests.sample_site import build as build_sample_site

PASSWORD = "a-long-test-password-123"
GROUPS = {
    "coordinator": "Volunteer coordinators",
    "officer": "Feedback officers",
    "answerer": "Answerers",
    "editor": "Editors",
    "moderator": "Moderators",
    "translator": "Translators",
}


@pytest.fixture(autouse=True)
def _fresh_cache_and_fast_forms(settings):
    """Rate limits live in the cache; forms may be sent at once unless a test says otherwise."""
    from core import page_cache, per_request

    cache.clear()
    page_cache.forget_local()
    per_request._finished()  # a streamed response the test did not read leaves its request open
    settings.SUBMISSION_MIN_FILL_SECONDS = 0
    yield
    cache.clear()
    page_cache.forget_local()
    per_request._finished()


@pytest.fixture
def arabic(db):
    return Locale.objects.get(language_code="ar")


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


def make_user(username, group=None, superuser=False, language="en"):
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@staff.example",
        password=PASSWORD,
        first_name=username.title(),
        is_superuser=superuser,
        is_staff=superuser,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def staff(db):
    """One user per staff role, plus a superuser, keyed by role."""
    users = {role: make_user(f"test_{role}", group) for role, group in GROUPS.items()}
    users["superuser"] = make_user("test_superuser", superuser=True)
    return users


@pytest.fixture(params=["ar", "en"])
def language(request):
    """Run the test once per language (an admin language, for staff tests)."""
    return request.param


@pytest.fixture
def coordinator(db, language):
    """A volunteer coordinator whose admin is in ``language``."""
    return make_user(f"coordinator_{language}", GROUPS["coordinator"], language=language)


def sign_in(client, user):
    """Sign ``client`` in as ``user``, second factor included (a recovery code, as a staff
    member without their phone would): tests of other things start past the sign-in."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    client.force_login(user)
    device, _ = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def login():
    """Return a test client signed in as ``user`` (password and second factor)."""

    def _login(user, **headers):
        return sign_in(Client(**headers), user)

    return _login


def basic_content():
    """What most modules share: the campaign index, a volunteer form page, a survey page, roles,
    areas and a privacy notice, each in both languages (the same names as in ``sample_site.build``)."""
    index = factories.campaign_index_pages()
    made = factories.bilingual_roles_and_areas()
    survey = factories.bilingual_survey()
    return {
        "campaign_index": index,
        "roles": made["roles"],
        "areas": made["areas"],
        "privacy_pages": factories.privacy_notice_pages(),
        "volunteer_pages": factories.volunteer_programme_pages(index["ar"]),
        "experience_survey": survey,
        "survey_pages": factories.survey_campaign_pages(index["ar"], survey["ar"]),
    }


def _references(value):
    """``value`` (nested dicts and lists of model instances) with each instance as (model, pk)."""
    if isinstance(value, dict):
        return {key: _references(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_references(child) for child in value]
    return (type(value), value.pk)


def _instances(value):
    """Fresh instances for what ``_references`` made."""
    if isinstance(value, dict):
        return {key: _instances(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_instances(child) for child in value]
    model, pk = value
    return model.objects.get(pk=pk)


@pytest.fixture(scope="module")
def _shared_content(request, django_db_setup, django_db_blocker):
    """Bilingual content a module's tests read, built with the factories once per test module.

    ``basic_content()``, or the whole sample site (tests/sample_site.py) in a module marked
    ``pytest.mark.whole_site``. Built inside a transaction that is rolled back after the
    module's last test, so no other module sees it; each test runs in a savepoint of that
    transaction, also rolled back, so a test may change it freely. The fixtures below hand
    out fresh instances.
    """
    build = build_sample_site if request.node.get_closest_marker("whole_site") else basic_content
    with rolled_back_afterwards(django_db_blocker):
        with django_db_blocker.unblock():
            references = _references(build())
        yield references


@contextlib.contextmanager
def rolled_back_afterwards(django_db_blocker):
    """A transaction around a module's tests, rolled back when the block ends.

    Data made in the block before its ``yield`` is seen by the module's tests only;
    pytest-django's per-test transactions become savepoints inside this one.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def sample_site(db, request, _shared_content):
    """The whole sample site (tests/sample_site.py ``build``), in a module marked ``whole_site``."""
    assert request.node.get_closest_marker("whole_site"), "mark the module with pytest.mark.whole_site"
    return _instances(_shared_content)


@pytest.fixture
def english_home(db):
    """The English home page: the real translation of the Arabic one."""
    return factories.translate_page(factories.arabic_home())


@pytest.fixture
def campaign_index(db, _shared_content):
    """The campaigns index page, in Arabic and its English translation."""
    return _instances(_shared_content["campaign_index"])


@pytest.fixture
def roles_and_areas(db, _shared_content):
    """Two open volunteer roles and two areas, each in both languages: {"roles"|"areas": {language: [..]}}.

    The same index in each list is the same role or area (one translation_key).
    """
    return _instances({"roles": _shared_content["roles"], "areas": _shared_content["areas"]})


@pytest.fixture
def privacy_pages(db, _shared_content):
    """The site's privacy notice (site settings point to the Arabic original), per language."""
    return _instances(_shared_content["privacy_pages"])


@pytest.fixture
def volunteer_pages(db, _shared_content):
    """A campaign page embedding the volunteer application form (every open role), per language."""
    return _instances(_shared_content["volunteer_pages"])


@pytest.fixture
def experience_survey(db, _shared_content):
    """A survey (rating, single choice, long text, yes/no, contact) and its English translation, per language."""
    return _instances(_shared_content["experience_survey"])


@pytest.fixture
def survey_pages(db, _shared_content):
    """A campaign page embedding ``experience_survey``, per language."""
    return _instances(_shared_content["survey_pages"])


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


class EmbeddedForm:
    """A form as a resident's browser sees it: hidden fields, names, prefix."""

    def __init__(self, response, selector, client=None):
        self.page_soup = soup(response)
        self.form = self.page_soup.select_one(selector)
        assert self.form is not None, f"no {selector} on the page"
        self.hidden = {i["name"]: i.get("value", "") for i in self.form.select("input[type=hidden]")}
        if client is not None and not self.hidden.get("form_token") and self.form.get("data-token-url"):
            # As static/js/forms.js does on the first touch of the form: the page is the
            # same for everyone (and cached); the token is this visitor's own.
            token = client.get(self.form["data-token-url"] + "&shown=0")
            assert token.status_code == 200
            self.hidden["form_token"] = token.json()["token"]
        self.hidden["sharaka_hp_leave_blank"] = ""
        names = [el.get("name") for el in self.form.select("input, select, textarea") if el.get("name")]
        prefixed = [n for n in names if re.match(r"^f[0-9a-f]{8}-", n)]
        self.prefix = prefixed[0].split("-")[0]
        self.names = {n.split("-", 1)[1] for n in prefixed}

    def options(self, field):
        """Values offered for a select, radio or checkbox field."""
        name = f"{self.prefix}-{field}"
        values = [o["value"] for o in self.form.select(f'select[name="{name}"] option') if o["value"]]
        return values or [i["value"] for i in self.form.select(f'input[name="{name}"]')]

    def data(self, **answers):
        data = dict(self.hidden)
        data.update({f"{self.prefix}-{key}": value for key, value in answers.items()})
        return data


@pytest.fixture
def open_form():
    """GET ``url`` and return its embedded form (volunteer or survey)."""

    def _open(client, url, selector="section.embedded-form form"):
        response = client.get(url)
        assert response.status_code == 200
        return EmbeddedForm(response, selector, client)

    return _open


@pytest.fixture
def valid_application():
    """Answers for a valid volunteer application, given the opened form."""

    def _answers(form, **overrides):
        answers = {
            "full_name": "Layla Haddad",
            "phone": "050 123 4567",
            "email": "layla@example.org",
            "age_band": "25_34",
            "area": form.options("area")[0],
            "languages": ["ar", "en"],
            "roles": form.options("roles")[:2],
            "availability": ["weekends"],
            "skills": "First-aid certificate",
            "motivation": "I want to help the children in my street cross safely.",
            "consent": "on",
        }
        answers.update(overrides)
        return form.data(**answers)

    return _answers


def translate_strings(client, translation_row, texts):
    """Type a translation for every string of the page, as the editor's text boxes do.

    ``texts`` maps a segment path ("title", "slug") to its translation; others get "EN …".
    Returns the number of strings typed.
    """
    segments = StringSegment.objects.filter(source=translation_row.source).select_related("string", "context")
    for segment in segments:
        value = texts.get(segment.context.path, f"EN {segment.string.data}")
        response = client.put(
            f"/admin/localize/translate/{translation_row.pk}/strings/{segment.pk}/edit/",
            encode_multipart(BOUNDARY, {"value": value}),
            content_type=MULTIPART_CONTENT,
        )
        assert response.status_code in (200, 201), response.content
    return len(segments)


def choice_key(question_key, position):
    """The stored key of a choice question's choice at ``position`` (0-based) in the original's order.

    Survey answers store each choice's stable key (surveys.models.assign_choice_keys), not its position.
    """
    from surveys.models import SurveyField

    question = SurveyField.objects.filter(clean_name=question_key).order_by("pk").first()
    return question.choice_keys.split()[position]
