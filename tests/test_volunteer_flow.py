"""The volunteer application from a resident's side: form, confirmation, refresh, repeats, emails.

A valid application in Arabic or English is saved once (phone normalised to ASCII digits, consent
recorded against the live privacy notice, locale and page kept) and confirmed by a 303 to the same
page with only the block id in the URL; refresh, back and a replay from another browser never make a
second record; a repeat applicant is flagged, not refused; the applicant and the coordinators are
emailed after the commit (the coordinators without any answer); a database failure shows the form
again with a 503 instead of a false success.
"""

import re
from datetime import timedelta
from unittest import mock
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.db import OperationalError
from django.test import Client
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from submissions.models import OutgoingEmail
from tests.conftest import make_user, soup
from tests.factories import new_phone
from volunteer_signup.models import VolunteerApplication, VolunteerRole

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]


def location_parts(response):
    parts = urlsplit(response["Location"])
    return unquote(parts.path), parts.query, parts.fragment


def confirmation_panel(client, response):
    page = soup(client.get(response["Location"]))
    panel = page.select_one(".confirmation-panel")
    assert panel is not None, "no confirmation on the page after the redirect"
    return page, panel


# --- a valid application -----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_valid_application_is_saved_once_and_confirmed_with_a_reference(
    client, open_form, valid_application, volunteer_pages, language, django_capture_on_commit_callbacks
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    before = VolunteerApplication.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, valid_application(form, phone="٠٥٠ ١٢٣ ٤٥٦٧"))
    assert response.status_code == 303
    # Only the page and the block's id: nothing the resident typed. (The id is a random
    # UUID, so it may contain "050" by chance; the number is checked in every spelling.)
    location = response["Location"]
    path, _, query = location.partition("?")
    assert path == url and re.fullmatch(r"sent=[0-9a-f-]{36}", query), location
    for typed in ("layla", "haddad", "1234567", "+971"):
        assert typed not in location.lower()
    application = VolunteerApplication.objects.latest("pk")
    assert VolunteerApplication.objects.count() == before + 1
    assert application.phone == "+971501234567"
    assert application.locale.language_code == language
    assert application.source_page_id == volunteer_pages[language].pk

    confirmation = soup(client.get(response["Location"]))
    panel = confirmation.select_one(".confirmation-panel")
    assert application.reference in panel.get_text()
    assert len(mail.outbox) >= 1
    assert OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count() == len(mail.outbox)


@pytest.mark.parametrize("language", LANGUAGES)
def test_valid_post_redirects_303_to_the_same_page_with_only_the_block_id(
    client, open_form, valid_application, volunteer_pages, language
):
    page = volunteer_pages[language]
    form = open_form(client, page.url)
    block_id = form.hidden["form_block"]
    phone = new_phone()
    data = valid_application(form, full_name="Rana Saleh", phone=phone, email="rana.saleh@example.org")
    response = client.post(page.url, data)
    assert response.status_code == 303
    path, query, fragment = location_parts(response)
    assert path == unquote(page.url)
    assert query == f"sent={block_id}"
    # No fragment (browsers skip autofocus on the confirmation when there is one); if one comes
    # back, it may only point at the form's own section.
    assert fragment in ("", f"form-{block_id}")
    location = unquote(response["Location"]).lower()
    for personal in ("rana", "saleh", phone, phone[3:], "example.org", "@"):
        assert personal not in location


@pytest.mark.parametrize("language", LANGUAGES)
def test_confirmation_shows_reference_and_what_happens_next_in_the_page_language(
    client, open_form, valid_application, volunteer_pages, language
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    response = client.post(url, valid_application(form, full_name="Karim Odeh", phone=new_phone()))
    application = VolunteerApplication.objects.latest("pk")
    page, panel = confirmation_panel(client, response)
    assert page.html["lang"] == language
    assert application.reference in panel.select_one(".confirmation-reference").get_text()
    assert panel.has_attr("autofocus") and panel["tabindex"] == "-1"  # takes focus, so it is announced
    with translation.override(language):
        next_heading = gettext("What happens next")
        # The same date as the applicant's page and the queue's overdue tag (one rule: due_by).
        first_step = gettext("A volunteer coordinator will read your application by %(date)s.") % {
            "date": formats.date_format(timezone.localtime(application.due_by), "j F Y")
        }
    section = panel.find_parent("section")
    assert next_heading in section.get_text()
    assert first_step in section.get_text()
    # the answers are not repeated on the page, and there is no form left to send twice
    assert "Karim" not in page.get_text()
    assert section.select_one("form") is None
    cache_control = client.get(response["Location"])["Cache-Control"]
    assert "no-store" in cache_control or "private" in cache_control
    assert "public" not in cache_control


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("٠٥٠ ١٢٣ ٤٥٦٧", "+971501234567"),  # Arabic-Indic
        ("۰۵۰ ۱۲۳ ۴۵۶۷", "+971501234567"),  # Persian
        ("+٩٧١ (٥٠) ١٢٣-٤٥٦٧", "+971501234567"),
        ("050-123-4567", "+971501234567"),
        ("٠٥٠\u200f١٢٣\u200b٤٥٦٧", "+971501234567"),  # with an RLM and a zero-width space pasted in
    ],
)
def test_phone_is_stored_with_ascii_digits(
    client, open_form, valid_application, volunteer_pages, language, typed, stored
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    response = client.post(url, valid_application(form, phone=typed))
    assert response.status_code == 303
    application = VolunteerApplication.objects.latest("pk")
    assert application.phone == stored
    assert application.phone.isascii()


@pytest.mark.parametrize("language", LANGUAGES)
def test_consent_locale_and_source_page_are_recorded(
    client, open_form, valid_application, volunteer_pages, privacy_pages, language
):
    page = volunteer_pages[language]
    form = open_form(client, page.url)
    started = timezone.now()
    response = client.post(page.url, valid_application(form, phone=new_phone()))
    assert response.status_code == 303
    application = VolunteerApplication.objects.latest("pk")
    notice = privacy_pages[language]
    assert notice.live_revision_id is not None
    assert application.consent_notice_id == notice.live_revision_id
    assert application.consented_at is not None
    assert started - timedelta(seconds=5) <= application.consented_at <= timezone.now()
    assert application.locale.language_code == language
    assert application.source_page_id == page.pk
    assert application.status == "new"
    assert application.assignee_id is None
    assert application.reference.startswith("VOL-")
    assert application.repeat_of_id is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_roles_and_areas_offered_are_the_open_roles_of_the_page_language(client, open_form, volunteer_pages, language):
    form = open_form(client, volunteer_pages[language].url)
    offered_roles = {int(pk) for pk in form.options("roles")}
    assert offered_roles
    roles = VolunteerRole.objects.filter(pk__in=offered_roles)
    assert {role.locale.language_code for role in roles} == {language}
    assert all(role.is_open for role in roles)
    from volunteer_signup.models import Area

    areas = Area.objects.filter(pk__in=[int(pk) for pk in form.options("area")])
    assert areas.count() == len(form.options("area"))
    assert {area.locale.language_code for area in areas} == {language}


@pytest.mark.parametrize("language", LANGUAGES)
def test_closed_role_is_not_offered_and_is_refused_if_posted(
    client, open_form, valid_application, volunteer_pages, language
):
    url = volunteer_pages[language].url
    first = open_form(client, url)
    closed_pk, open_pk = first.options("roles")[:2]
    closed = VolunteerRole.objects.get(pk=closed_pk)
    VolunteerRole.objects.filter(translation_key=closed.translation_key).update(is_open=False)

    form = open_form(client, url)
    assert closed_pk not in form.options("roles")
    assert open_pk in form.options("roles")
    before = VolunteerApplication.objects.count()
    for roles in ([closed_pk], [open_pk, closed_pk]):
        response = client.post(url, valid_application(form, roles=roles, phone=new_phone()))
        assert response.status_code == 400
        summary = soup(response).select_one(".error-summary")
        assert f"#id_{form.prefix}-roles_0" in [a["href"] for a in summary.select("a")]
    assert VolunteerApplication.objects.count() == before
    response = client.post(url, valid_application(form, roles=[open_pk], phone=new_phone()))
    assert response.status_code == 303
    assert [r.pk for r in VolunteerApplication.objects.latest("pk").roles.all()] == [int(open_pk)]


# --- refresh, back button and replays ------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_resending_the_same_form_creates_no_second_application(
    client, open_form, valid_application, volunteer_pages, language, django_capture_on_commit_callbacks
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    data = valid_application(form, phone=new_phone(), email="once@example.org")
    before = VolunteerApplication.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
    assert first.status_code == 303
    application = VolunteerApplication.objects.latest("pk")
    emails_after_first = len(mail.outbox)

    # refresh of the POST, or back and send again
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, data)
    assert again.status_code == 303
    assert again["Location"] == first["Location"]
    _page, panel = confirmation_panel(client, again)
    assert application.reference in panel.get_text()

    # the same body sent from another browser (no session): still one record, same reference
    other = Client()
    with django_capture_on_commit_callbacks(execute=True):
        replay = other.post(url, data)
    assert replay.status_code == 303
    _page, panel = confirmation_panel(other, replay)
    assert application.reference in panel.get_text()

    assert VolunteerApplication.objects.count() == before + 1
    assert len(mail.outbox) == emails_after_first
    assert OutgoingEmail.objects.filter(object_id=application.pk).count() == emails_after_first


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_visit_gets_a_new_token_and_can_send_a_new_application(
    client, open_form, valid_application, volunteer_pages, language
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    phone = new_phone()
    client.post(url, valid_application(form, phone=phone))
    first = VolunteerApplication.objects.latest("pk")
    # the confirmation page offers no form; a fresh visit does, with a fresh token
    second_form = open_form(client, url)
    assert second_form.hidden["form_token"] != form.hidden["form_token"]
    response = client.post(url, valid_application(second_form, phone=phone))
    assert response.status_code == 303
    second = VolunteerApplication.objects.latest("pk")
    assert second.pk != first.pk and second.reference != first.reference
    assert second.repeat_of_id == first.pk


# --- repeat applicants -------------------------------------------------------------------------


def apply(client, open_form, valid_application, url, **answers):
    form = open_form(client, url)
    response = client.post(url, valid_application(form, **answers))
    assert response.status_code == 303, "a repeat applicant must never be refused"
    return VolunteerApplication.objects.latest("pk")


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_phone_within_180_days_is_flagged_not_refused(
    client, open_form, valid_application, volunteer_pages, language
):
    url = volunteer_pages[language].url
    phone = new_phone()
    first = apply(client, open_form, valid_application, url, phone=phone, email="first.one@example.org")
    assert first.repeat_of_id is None
    # typed differently (Arabic-Indic digits, spaces) but the same number
    typed = " ".join(phone[i : i + 3] for i in range(0, len(phone), 3)).translate(
        str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    )
    second = apply(Client(), open_form, valid_application, url, phone=typed, email="other.one@example.org")
    assert second.repeat_of_id == first.pk
    third = apply(Client(), open_form, valid_application, url, phone=phone, email="")
    assert third.repeat_of_id == second.pk  # the most recent earlier one


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_email_in_another_case_within_180_days_is_flagged(
    client, open_form, valid_application, volunteer_pages, language
):
    url = volunteer_pages[language].url
    first = apply(client, open_form, valid_application, url, phone=new_phone(), email="Huda.K@Example.ORG")
    assert first.email == "huda.k@example.org"
    second = apply(Client(), open_form, valid_application, url, phone=new_phone(), email="HUDA.K@EXAMPLE.org")
    assert second.repeat_of_id == first.pk
    # an address stored with capitals (older data, import) still matches
    VolunteerApplication.objects.filter(pk__in=[first.pk, second.pk]).update(email="Huda.K@Example.ORG")
    third = apply(Client(), open_form, valid_application, url, phone=new_phone(), email="huda.k@example.org")
    assert third.repeat_of_id in {first.pk, second.pk}


@pytest.mark.parametrize("language", LANGUAGES)
def test_application_older_than_180_days_is_not_a_repeat(
    client, open_form, valid_application, volunteer_pages, language
):
    url = volunteer_pages[language].url
    phone = new_phone()
    first = apply(client, open_form, valid_application, url, phone=phone, email="old.applicant@example.org")
    VolunteerApplication.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - timedelta(days=181))
    second = apply(Client(), open_form, valid_application, url, phone=phone, email="old.applicant@example.org")
    assert second.repeat_of_id is None
    VolunteerApplication.objects.filter(pk=second.pk).update(submitted_at=timezone.now() - timedelta(days=179))
    third = apply(Client(), open_form, valid_application, url, phone=phone, email="")
    assert third.repeat_of_id == second.pk


# --- emails -------------------------------------------------------------------------------------


def coordinator_addresses():
    group = Group.objects.get(name="Volunteer coordinators")
    return set(
        group.user_set.filter(is_active=True, is_superuser=False).exclude(email="").values_list("email", flat=True)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_applicant_gets_one_email_in_the_page_language_with_reference_and_no_answers(
    client, open_form, valid_application, volunteer_pages, staff, language, django_capture_on_commit_callbacks
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    answers = {
        "full_name": "Mariam Qasim",
        "phone": "058 765 4321",
        "email": "mariam.q@example.org",
        "skills": "Lifeguard certificate",
        "motivation": "My brother was helped by volunteers after the flood.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, valid_application(form, **answers))
    assert response.status_code == 303
    application = VolunteerApplication.objects.latest("pk")
    to_applicant = [m for m in mail.outbox if m.to == ["mariam.q@example.org"]]
    assert len(to_applicant) == 1
    message = to_applicant[0]
    with translation.override(language):
        subject = gettext("Your volunteer application %(reference)s") % {"reference": application.reference}
        thanks = gettext("Thank you for applying to volunteer with the community police.")
        next_heading = gettext("What happens next")
    assert message.subject == subject
    assert thanks in message.body
    assert next_heading in message.body
    assert application.reference in message.body
    for value in ("Mariam", "Qasim", "0587654321", "765 4321", "Lifeguard", "flood"):
        assert value not in message.body and value not in message.subject


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_coordinator_gets_one_notification_with_admin_link_and_no_personal_data(
    client, open_form, valid_application, volunteer_pages, staff, language, django_capture_on_commit_callbacks
):
    second_coordinator = make_user("second_coordinator", "Volunteer coordinators", language="ar")
    without_email = make_user("coordinator_without_email", "Volunteer coordinators")
    without_email.email = ""
    without_email.save()
    inactive = make_user("inactive_coordinator", "Volunteer coordinators")
    inactive.is_active = False
    inactive.save()
    url = volunteer_pages[language].url
    form = open_form(client, url)
    answers = {
        "full_name": "Yusuf Darwish",
        "phone": "058 111 2233",
        "email": "yusuf.d@example.org",
        "skills": "Scout leader",
        "motivation": "Keeping the school road safe for my daughters.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, valid_application(form, **answers))
    application = VolunteerApplication.objects.latest("pk")
    expected = coordinator_addresses()
    assert staff["coordinator"].email in expected and second_coordinator.email in expected
    assert inactive.email not in expected
    staff_mail = [m for m in mail.outbox if m.to != ["yusuf.d@example.org"]]
    recipients = [m.to[0] for m in staff_mail]
    assert sorted(recipients) == sorted(expected), "one notification per coordinator, nobody else"
    for role in ("superuser", "editor", "moderator", "translator", "officer"):
        assert staff[role].email not in recipients
    admin_link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + f"/admin/volunteer_application/inspect/{application.pk}/"
    assert admin_link.startswith("http")
    for message in staff_mail:
        assert application.reference in message.subject
        assert application.reference in message.body
        assert admin_link in message.body
        for value in ("Yusuf", "Darwish", "0581112233", "111 2233", "yusuf.d", "Scout", "daughters"):
            assert value not in message.body and value not in message.subject
    arabic_note = [m for m in staff_mail if m.to == [second_coordinator.email]][0]
    with translation.override("ar"):
        assert gettext("For privacy, this email does not contain the answers. Please do not forward it.") in (
            arabic_note.body
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_email_without_an_address_or_for_an_invalid_post(
    client, open_form, valid_application, volunteer_pages, staff, language, django_capture_on_commit_callbacks
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        invalid = client.post(url, valid_application(form, motivation="", phone=new_phone()))
    assert invalid.status_code == 400
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        valid = client.post(url, valid_application(form, email="", phone=new_phone()))
    assert valid.status_code == 303
    # no applicant email without an address; the coordinators are still told
    assert sorted(m.to[0] for m in mail.outbox) == sorted(coordinator_addresses())


# --- the database fails ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_database_failure_gives_503_with_the_form_and_input_kept_and_nothing_sent(
    client, open_form, valid_application, volunteer_pages, staff, language, django_capture_on_commit_callbacks, caplog
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    before = VolunteerApplication.objects.count()
    emails_before = OutgoingEmail.objects.count()
    data = valid_application(form, full_name="Nour Haddad", phone="058 999 0000", email="nour.h@example.org")
    with (
        mock.patch.object(VolunteerApplication, "save", side_effect=OperationalError("database is locked")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url, data)
    assert response.status_code == 503
    page = soup(response)
    html_form = page.select_one("section.embedded-form form")
    assert html_form is not None
    with translation.override(language):
        message = gettext(
            "We could not save your answers just now, so nothing was sent. Please try again in a few minutes."
        )
        error_prefix = gettext("Error:")
    assert message in page.select_one(".error-summary").get_text()
    assert page.title.get_text().startswith(error_prefix)
    assert html_form.select_one(f'[name="{form.prefix}-full_name"]')["value"] == "Nour Haddad"
    assert html_form.select_one(f'[name="{form.prefix}-email"]')["value"] == "nour.h@example.org"
    assert page.select_one(".confirmation-panel") is None
    # the failure is logged, without what the resident typed
    assert "database error" in caplog.text
    for canary in ("Nour", "Haddad", "0589990000", "058 999 0000", "nour.h@example.org"):
        assert canary not in caplog.text
    assert VolunteerApplication.objects.count() == before
    assert OutgoingEmail.objects.count() == emails_before
    assert mail.outbox == []
    # once the database is back, the same form goes through
    retry = client.post(url, data)
    assert retry.status_code == 303
    assert VolunteerApplication.objects.count() == before + 1


def test_a_shared_confirmation_address_shows_the_form_not_someone_elses_confirmation(
    client, open_form, valid_application, volunteer_pages
):
    """?sent=<block> means something only in the browser that sent the form."""
    url = volunteer_pages["en"].url
    form = open_form(client, url)
    location = client.post(url, valid_application(form))["Location"]
    stranger = soup(Client().get(location))
    assert stranger.select_one(".confirmation-panel") is None
    assert stranger.select_one("section.embedded-form form") is not None
