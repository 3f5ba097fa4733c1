"""The applicant's own page, opened by a personal link, in Arabic and English.

The confirmation and every email to the applicant carry a personal link; the token is
stored only as its hash, opening the link changes nothing until the button is pressed
(mail scanners fetch links), and the page then lives at an address without the token.
On it the applicant sees the timeline and what happens next by when, updates their
details, withdraws with a reason and may take the withdrawal back for a while; each
status change emails them a notice without the news itself. A new link goes only to
the application's own email address, and the answer never tells who applied.
"""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from submissions.models import OutgoingEmail
from submissions.models.outbox import PERSONAL_LINK
from submissions.retention import purge
from tests.conftest import soup
from tests.factories import VolunteerApplicationFactory, locale, new_phone
from volunteer_signup import applicant
from volunteer_signup.models import ApplicantLink, Volunteer, VolunteerApplication
from volunteer_signup.views import DONE

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]
LINK = re.compile(r"/(ar|en)/applicant/link/([A-Za-z0-9_-]{40,})/")


def apply(client, open_form, valid_application, url, **answers):
    """Send a valid application from ``url``; return (the application, the confirmation page)."""
    form = open_form(client, url)
    response = client.post(url, valid_application(form, phone=answers.pop("phone", new_phone()), **answers))
    assert response.status_code == 303
    return VolunteerApplication.objects.latest("pk"), soup(client.get(response["Location"]))


def personal_link(page):
    anchor = page.select_one(".embedded-form a.btn-primary[href*='/applicant/link/']")
    assert anchor is not None, "no personal link on the confirmation"
    return anchor["href"]


def open_page(client, link):
    """Press the button on the link's page, as the applicant does; return the page it opens."""
    response = client.post(link)
    assert response.status_code == 303
    assert response["Location"].endswith("/applicant/")
    return client.get(response["Location"])


def text(response):
    return " ".join(soup(response).get_text().split())


def say(language, message, **values):
    with translation.override(language):
        return gettext(message) % values if values else gettext(message)


@pytest.fixture
def opened(client, open_form, valid_application, volunteer_pages, language):
    """An application sent in ``language``, its page opened through the confirmation's link."""
    url = volunteer_pages[language].url
    application, confirmation = apply(client, open_form, valid_application, url, email="")
    page = open_page(client, personal_link(confirmation))
    assert page.status_code == 200
    return application, page


# --- the link ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_confirmation_gives_a_link_stored_only_as_its_hash(
    client, open_form, valid_application, volunteer_pages, language
):
    application, page = apply(client, open_form, valid_application, volunteer_pages[language].url)
    link = personal_link(page)
    found = LINK.search(link)
    assert found and found.group(1) == language
    token = found.group(2)
    stored = ApplicantLink.objects.get(application=application)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.token_hash
    # The outbox holds no working link: the email gets its own when it is sent.
    confirmation = OutgoingEmail.objects.for_object(application).get(kind=OutgoingEmail.Kind.CONFIRMATION)
    assert PERSONAL_LINK in confirmation.body and token not in confirmation.body
    # With an email address the page says the link was emailed; no "keep this link" warning.
    assert say(language, "Keep this link.") not in text_of(page)


def text_of(page):
    return " ".join(page.get_text().split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_applicant_without_email_is_told_to_keep_the_link_and_how_to_reach_us(
    client, open_form, valid_application, volunteer_pages, language
):
    _application, page = apply(client, open_form, valid_application, volunteer_pages[language].url, email="")
    panel = text_of(page.select_one(".embedded-form"))
    assert say(language, "Keep this link.") in panel
    address = page.select_one(".personal-link code").get_text()
    assert address.startswith("http") and LINK.search(address)
    assert page.select_one(".personal-link")["dir"] == "ltr"


@pytest.mark.parametrize("language", LANGUAGES)
def test_opening_the_link_changes_nothing_until_the_button_is_pressed(
    client, open_form, valid_application, volunteer_pages, language
):
    application, confirmation = apply(client, open_form, valid_application, volunteer_pages[language].url)
    link = personal_link(confirmation)
    scanner = Client()  # a mail scanner fetching every link in the email
    shown = scanner.get(link)
    assert shown.status_code == 200
    assert shown["Referrer-Policy"] == "strict-origin"
    assert "no-store" in shown["Cache-Control"] or "no-cache" in shown["Cache-Control"]
    assert not [name for name in shown.cookies if "applicant" in name]
    assert ApplicantLink.objects.get(application=application).last_opened_at is None
    assert say(language, "Open my application page") in text(shown)
    # Without the button, the page does not open.
    assert application.reference not in text(scanner.get(f"/{language}/applicant/"))

    page = open_page(client, link)
    assert page.status_code == 200
    assert soup(page).html["lang"] == language
    assert application.reference in text(page)
    assert ApplicantLink.objects.get(application=application).last_opened_at is not None
    # The address of the page holds no token, and the link still works on another device.
    assert open_page(Client(), link).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_expired_or_revoked_link_says_so_with_a_way_to_a_new_one(
    client, open_form, valid_application, volunteer_pages, language
):
    application, confirmation = apply(client, open_form, valid_application, volunteer_pages[language].url)
    link = personal_link(confirmation)
    unknown = client.get(f"/{language}/applicant/link/{'x' * 43}/")
    assert unknown.status_code == 404
    assert say(language, "This link does not work") in text(unknown)
    assert soup(unknown).select_one(f'a[href="/{language}/applicant/new-link/"]')

    ApplicantLink.objects.filter(application=application).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404
    ApplicantLink.objects.filter(application=application).update(
        expires_at=timezone.now() + timedelta(days=1), revoked_at=timezone.now()
    )
    assert client.post(link).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_link_revoked_after_opening_closes_the_page_too(opened, client, language):
    application, page = opened
    ApplicantLink.objects.filter(application=application).revoke()
    again = client.get(f"/{language}/applicant/")
    assert application.reference not in text(again)
    assert say(language, "Ask for a new link") in text(again)


def test_a_forged_or_tampered_cookie_opens_nothing(client, volunteer_pages):
    application = VolunteerApplicationFactory()
    ApplicantLink.issue(application)
    link = ApplicantLink.objects.get(application=application)
    client.cookies[applicant.cookie_name()] = str(link.pk)  # unsigned
    assert application.reference not in text(client.get("/en/applicant/"))


# --- the page -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_shows_timeline_and_what_happens_next_by_when(opened, client, language, staff, settings):
    application, page = opened
    body = text(page)
    assert say(language, "We received your application.") in body
    due = application.submitted_at + timedelta(days=settings.SUBMISSION_OVERDUE_DAYS)
    with translation.override(language):
        expected = say(
            language,
            "A volunteer coordinator will start reading your application by %(date)s.",
            date=date_format(timezone.localtime(due), "j F Y"),
        )
    assert expected in body
    assert soup(page).select_one(".timeline [aria-current=step]") is not None
    assert soup(page).select_one("meta[name=robots]")["content"] == "noindex"

    application.move_to("in_review", user=staff["coordinator"])
    body = text(client.get(f"/{language}/applicant/"))
    with translation.override(language):
        in_review = gettext("Status: %(status)s") % {"status": gettext("In review")}
    assert in_review in body
    # The coordinator's reasons never reach the applicant's page.
    application.move_to("declined", user=staff["coordinator"], reason="Lives outside every area we cover")
    body = text(client.get(f"/{language}/applicant/"))
    assert "outside every area" not in body
    with translation.override(language):
        assert str(applicant.NEXT_STEPS["declined"]) in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_late_application_says_sorry_and_how_to_call(opened, client, language):
    application, _page = opened
    VolunteerApplication.objects.filter(pk=application.pk).update(submitted_at=timezone.now() - timedelta(days=30))
    body = text(client.get(f"/{language}/applicant/"))
    with translation.override(language):
        assert str(applicant.LATE) in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_applicant_updates_contact_details_and_availability(opened, client, language):
    application, page = opened
    form = soup(page).select_one("#form-details form")
    shown = form.select_one("input[name=details-phone]")["value"]
    assert shown.startswith("05") and " " in shown  # as residents write it, not +971…
    data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    data.update(
        {
            "details-phone": "٠٥٥ ٩٨٧ ٦٥٤٣",
            "details-email": "New.Address@Example.org",
            "details-availability": ["weekday_evenings", "school_holidays"],
        }
    )
    response = client.post(f"/{language}/applicant/", data)
    assert response.status_code == 303
    application.refresh_from_db()
    assert application.phone == "+971559876543"
    assert application.email == "new.address@example.org"
    assert application.availability == ["weekday_evenings", "school_holidays"]
    entry = ModelLogEntry.objects.for_instance(application).get(action="sharaka.applicant.details")
    assert entry.data == {"by": "applicant"}  # what changed is not copied into the history
    body = text(client.get(response["Location"]))
    assert say(language, "Your details have been saved.") in body
    assert say(language, "You updated your contact details or availability.") in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_details_are_refused_in_the_page_language_and_nothing_changes(opened, client, language):
    application, page = opened
    before = (application.phone, application.email, application.availability)
    response = client.post(
        f"/{language}/applicant/",
        {"action": "details", "details-phone": "12", "details-email": "not an address", "details-availability": []},
    )
    assert response.status_code == 400
    summary = soup(response).select_one(".error-summary")
    assert summary is not None
    assert say(language, "Choose when you are available.") in text_of(summary)
    assert say(language, "Enter an email address like name@example.com, or leave it empty.") in text_of(summary)
    application.refresh_from_db()
    assert (application.phone, application.email, application.availability) == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdraw_with_a_reason_then_take_it_back(opened, client, language, staff, django_capture_on_commit_callbacks):
    application, _page = opened
    application.move_to("in_review", user=staff["coordinator"])
    VolunteerApplication.objects.filter(pk=application.pk).update(email="applicant@example.org")
    mail.outbox.clear()
    without_reason = client.post(f"/{language}/applicant/", {"action": "withdraw"})
    assert without_reason.status_code == 400
    assert say(language, "Choose why you are withdrawing.") in text(without_reason)
    application.refresh_from_db()
    assert application.status == "in_review"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/{language}/applicant/",
            {"action": "withdraw", "withdraw-reason": "moved", "withdraw-details": "Moving to Al Ain"},
        )
    assert response.status_code == 303
    application.refresh_from_db()
    assert application.status == "withdrawn"
    entry = ModelLogEntry.objects.for_instance(application).filter(action="sharaka.submission.status").latest("pk")
    assert entry.data["by"] == "applicant" and entry.user is None
    assert "Moving to Al Ain" in entry.data["reason"]
    # The applicant is told, with a link, without the news in the email.
    notice = mail.outbox[-1]
    assert notice.to == ["applicant@example.org"]
    assert LINK.search(notice.body) and application.reference in notice.subject
    for word in ("withdrawn", "Withdrawn", say("ar", "Withdrawn"), "Al Ain"):
        assert word not in notice.body
    page = client.get(response["Location"])
    assert say(language, "You withdrew your application.") in text(page)
    undo = soup(page).select_one("input[name=action][value=undo]")
    assert undo is not None

    assert client.post(f"/{language}/applicant/", {"action": "undo"}).status_code == 303
    application.refresh_from_db()
    assert application.status == "in_review"
    assert say(language, "You took back your withdrawal.") in text(client.get(f"/{language}/applicant/"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_withdrawal_cannot_be_taken_back_after_the_set_time_or_one_staff_made(opened, client, language, staff):
    application, _page = opened
    client.post(f"/{language}/applicant/", {"action": "withdraw", "withdraw-reason": "time"})
    VolunteerApplication.objects.filter(pk=application.pk).update(status_changed_at=timezone.now() - timedelta(days=15))
    page = client.get(f"/{language}/applicant/")
    assert soup(page).select_one("input[name=action][value=undo]") is None
    client.post(f"/{language}/applicant/", {"action": "undo"})
    application.refresh_from_db()
    assert application.status == "withdrawn"

    other = VolunteerApplicationFactory(status="in_review")
    other.move_to("withdrawn", user=staff["coordinator"], reason="Asked by phone")
    other.refresh_from_db()
    assert applicant.undo_deadline(other) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_closing_the_page_on_every_device_ends_every_link(opened, client, language):
    application, _page = opened
    other_device = Client()
    link = ApplicantLink.issue(application)
    open_page(other_device, f"/{language}/applicant/link/{link}/")
    response = client.post(f"/{language}/applicant/", {"action": "close"})
    assert response.status_code == 303
    assert say(language, "Your page is closed on every device, and the links we sent you no longer work.") in text(
        client.get(response["Location"])
    )
    assert application.reference not in text(other_device.get(f"/{language}/applicant/"))
    assert not ApplicantLink.objects.filter(application=application).active().exists()


def test_applicant_pages_are_never_kept_by_a_cache_or_browser(opened, client):
    application, page = opened
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]
    assert "Cookie" in page["Vary"]


# --- emails --------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_confirmation_email_link_opens_the_page(
    client, open_form, valid_application, volunteer_pages, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application, _page = apply(
            client, open_form, valid_application, volunteer_pages[language].url, email="mail.me@example.org"
        )
    email = next(message for message in mail.outbox if message.to == ["mail.me@example.org"])
    found = LINK.search(email.body)
    assert found and found.group(1) == language
    page = open_page(Client(), found.group(0))
    assert application.reference in text(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_status_change_emails_a_notice_without_the_news(language, staff, django_capture_on_commit_callbacks):
    application = VolunteerApplicationFactory(email="notice.me@example.org", locale=locale(language))
    with django_capture_on_commit_callbacks(execute=True):
        application.move_to("in_review", user=staff["coordinator"])
        application.move_to("declined", user=staff["coordinator"], reason="Lives outside every area")
    notices = [message for message in mail.outbox if message.to == ["notice.me@example.org"]]
    assert len(notices) == 2
    for notice in notices:
        assert LINK.search(notice.body).group(1) == language
        for word in ("declined", say(language, "Declined"), "outside", say(language, "In review")):
            assert word not in notice.body
    assert OutgoingEmail.objects.for_object(application).filter(kind=OutgoingEmail.Kind.NOTICE).count() == 2


# --- a new link ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_link_goes_only_to_the_applications_own_address(language, django_capture_on_commit_callbacks):
    application = VolunteerApplicationFactory(email="own@example.org", phone="+971501112233")
    page = Client().get(f"/{language}/applicant/new-link/")
    assert page.status_code == 200
    client = Client()
    client.get(f"/{language}/applicant/new-link/")
    for typed in ("٠٥٠ ١١١ ٢٢٣٣", "OWN@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/{language}/applicant/new-link/", {"contact": typed})
        assert response.status_code == 303
        answer = say(
            language,
            "If we hold an application with these details and an email address, we have sent a new link to that "
            "address. It can take a few minutes to arrive.",
        )
        assert answer in text(client.get(response["Location"]))
    links = [message for message in mail.outbox if message.to == ["own@example.org"]]
    assert len(links) == 2 and all(LINK.search(message.body) for message in links)
    assert application.reference in text(open_page(Client(), LINK.search(links[0].body).group(0)))

    # Nobody's application: the same answer, and no email at all.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/{language}/applicant/new-link/", {"contact": "nobody@example.org"})
    assert response.status_code == 303 and mail.outbox == []


def test_new_links_count_against_the_recipients_daily_budget(settings, django_capture_on_commit_callbacks):
    settings.RECIPIENT_DAILY_EMAIL_LIMIT = 2
    VolunteerApplicationFactory(email="budget@example.org")
    client = Client()
    for _ in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/en/applicant/new-link/", {"contact": "budget@example.org"})
    emails = OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.LINK, to="budget@example.org")
    assert emails.exclude(status=OutgoingEmail.Status.HELD).count() == 2
    assert len([message for message in mail.outbox if message.to == ["budget@example.org"]]) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bad_contact_gets_a_clear_error(language):
    response = Client().post(f"/{language}/applicant/new-link/", {"contact": "12"})
    assert response.status_code == 400
    assert say(language, "Enter a mobile number like 050 123 4567, or an email address.") in text(response)


# --- the volunteer ------------------------------------------------------------------------------


def test_repeat_applications_belong_to_one_volunteer(client, open_form, valid_application, volunteer_pages):
    phone = new_phone()
    url = volunteer_pages["en"].url
    first, _page = apply(client, open_form, valid_application, url, phone=phone, email="first@example.org")
    second, _page = apply(Client(), open_form, valid_application, url, phone=phone, email="")
    other, _page = apply(Client(), open_form, valid_application, url, email="")
    assert first.volunteer_id and second.volunteer_id == first.volunteer_id
    assert second.repeat_of_id == first.pk
    assert other.volunteer_id != first.volunteer_id
    # A brother on the family phone is flagged as a repeat for the coordinator, but he is
    # another volunteer: he must not see her sign-ups.
    brother, _page = apply(Client(), open_form, valid_application, url, phone=phone, email="", full_name="Omar Haddad")
    assert brother.repeat_of_id == second.pk and brother.volunteer_id != first.volunteer_id
    # Years later, past the repeat flag's window, still the same person.
    VolunteerApplication.objects.filter(pk__in=[first.pk, second.pk]).update(
        submitted_at=timezone.now() - timedelta(days=800)
    )
    third, _page = apply(Client(), open_form, valid_application, url, email="first@example.org")
    assert third.volunteer_id == first.volunteer_id and third.repeat_of_id is None


def test_a_volunteer_goes_with_their_last_application():
    volunteer = Volunteer.objects.create()
    one, two = VolunteerApplicationFactory(volunteer=volunteer), VolunteerApplicationFactory(volunteer=volunteer)
    one.delete()
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()
    VolunteerApplication.objects.filter(pk=two.pk).delete()
    assert not Volunteer.objects.filter(pk=volunteer.pk).exists()


def test_anonymising_an_application_ends_its_links():
    application = VolunteerApplicationFactory()
    token = ApplicantLink.issue(application)
    application.anonymise()
    assert ApplicantLink.find(token) is None
    assert Client().post(f"/en/applicant/link/{token}/").status_code == 404


# --- the coordinator's clock -------------------------------------------------------------------


def test_in_review_is_overdue_after_its_own_service_level():
    application = VolunteerApplicationFactory(status="in_review")
    now = timezone.now()
    VolunteerApplication.objects.filter(pk=application.pk).update(
        submitted_at=now - timedelta(days=40), status_changed_at=now - timedelta(days=13)
    )
    application.refresh_from_db()
    overdue = VolunteerApplication.objects.filter(VolunteerApplication.overdue_filter())
    assert not application.is_overdue and not overdue.filter(pk=application.pk).exists()
    VolunteerApplication.objects.filter(pk=application.pk).update(status_changed_at=now - timedelta(days=15))
    application.refresh_from_db()
    assert application.is_overdue and overdue.filter(pk=application.pk).exists()
    assert application.due_by == application.status_changed_at + timedelta(days=14)


# --- the coordinator's side -----------------------------------------------------------------------

QUEUE = "/admin/volunteer_application/"


def test_coordinator_sees_the_volunteer_and_ends_every_link(login, coordinator, language, staff):
    volunteer = Volunteer.objects.create()
    earlier = VolunteerApplicationFactory(volunteer=volunteer, status="declined")
    application = VolunteerApplicationFactory(volunteer=volunteer)
    token = ApplicantLink.issue(application)
    client = login(coordinator)
    page = soup(client.get(f"{QUEUE}inspect/{application.pk}/"))
    section = " ".join(page.get_text().split())
    assert volunteer.reference in section and earlier.reference in section
    form = page.select_one(f'form[action="{QUEUE}links/revoke/{application.pk}/"]')
    assert form is not None

    # Neither a feedback officer nor an editor may end them.
    for role in ("officer", "editor"):
        assert login(staff[role]).post(f"{QUEUE}links/revoke/{application.pk}/").status_code in (302, 403)
        assert ApplicantLink.find(token) is not None

    response = client.post(f"{QUEUE}links/revoke/{application.pk}/")
    assert response.status_code == 302
    assert ApplicantLink.find(token) is None
    entry = ModelLogEntry.objects.for_instance(application).get(action="sharaka.applicant.links_revoked")
    assert entry.user == coordinator and entry.data == {"count": 1}
    assert Client().post(f"/en/applicant/link/{token}/").status_code == 404


def test_the_history_says_when_the_applicant_acted(login, staff):
    application = VolunteerApplicationFactory(status="in_review")
    applicant.withdraw(application, "I have moved away")
    page = soup(login(staff["coordinator"]).get(f"{QUEUE}inspect/{application.pk}/"))
    history = " ".join(page.select_one("#history-heading").parent.get_text().split())
    assert "by the applicant on their page" in history and "I have moved away" in history


def test_retention_deletes_links_a_month_after_they_stopped_working():
    application = VolunteerApplicationFactory()
    for _ in range(3):
        ApplicantLink.issue(application)
    now = timezone.now()
    links = list(ApplicantLink.objects.filter(application=application).order_by("pk"))
    ApplicantLink.objects.filter(pk=links[0].pk).update(expires_at=now - timedelta(days=31))
    ApplicantLink.objects.filter(pk=links[1].pk).update(revoked_at=now - timedelta(days=29))
    assert purge(dry_run=True)["volunteer_signup.VolunteerApplication ended"] == ("delete", 1)
    assert ApplicantLink.objects.filter(application=application).count() == 3
    purge()
    assert set(ApplicantLink.objects.filter(application=application).values_list("pk", flat=True)) == {
        links[1].pk,
        links[2].pk,
    }


def test_the_confirmation_makes_one_link_however_often_it_is_refreshed(
    client, open_form, valid_application, volunteer_pages
):
    url = volunteer_pages["en"].url
    form = open_form(client, url)
    response = client.post(url, valid_application(form, phone=new_phone()))
    application = VolunteerApplication.objects.latest("pk")
    assert not ApplicantLink.objects.filter(application=application).exists()  # made when first shown
    first = personal_link(soup(client.get(response["Location"])))
    again = personal_link(soup(client.get(response["Location"])))
    assert first == again
    assert ApplicantLink.objects.filter(application=application).count() == 1
    # Sending the same form again (a double click) keeps the link the confirmation showed.
    client.post(url, valid_application(form, phone=new_phone()))
    assert personal_link(soup(client.get(response["Location"]))) == first


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_closed_meanwhile_says_nothing_was_saved(opened, client, language):
    application, _page = opened
    before = application.availability
    ApplicantLink.objects.filter(application=application).update(expires_at=timezone.now())
    response = client.post(
        f"/{language}/applicant/",
        {"action": "details", "details-phone": "050 123 4567", "details-availability": ["weekends"]},
    )
    assert response.status_code == 403
    with translation.override(language):
        assert str(DONE["not_saved"]) in text(response)
    application.refresh_from_db()
    assert application.availability == before


def test_withdrawing_what_was_decided_meanwhile_is_refused_without_an_error_page(opened, client, staff):
    application, _page = opened
    application.move_to("in_review", user=staff["coordinator"])
    application.move_to("declined", user=staff["coordinator"], reason="No places")
    response = client.post("/en/applicant/", {"action": "withdraw", "withdraw-reason": "time"})
    assert response.status_code == 409
    assert "can no longer be withdrawn" in text(response)
    application.refresh_from_db()
    assert application.status == "declined"


def test_what_the_applicant_does_counts_against_their_addresss_daily_budget(
    opened, client, settings, django_capture_on_commit_callbacks
):
    settings.RECIPIENT_DAILY_EMAIL_LIMIT = 2
    application, _page = opened
    VolunteerApplication.objects.filter(pk=application.pk).update(email="victim@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            client.post("/en/applicant/", {"action": "withdraw", "withdraw-reason": "time"})
            client.post("/en/applicant/", {"action": "undo"})
    assert len([message for message in mail.outbox if message.to == ["victim@example.org"]]) == 2
    held = OutgoingEmail.objects.filter(to="victim@example.org", status=OutgoingEmail.Status.HELD)
    assert held.count() == 6


def test_the_applicant_cookie_ends_with_the_browser(client, open_form, valid_application, volunteer_pages):
    _application, confirmation = apply(client, open_form, valid_application, volunteer_pages["en"].url)
    response = client.post(personal_link(confirmation))
    cookie = response.cookies[applicant.cookie_name()]
    assert not cookie["max-age"] and not cookie["expires"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
