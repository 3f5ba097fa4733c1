"""Certificates anyone can verify (issue 14, item 5), in Arabic and English.

An accepted volunteer issues a certificate of their hours and training courses for a
period from their own page and downloads it as a PDF; its QR code and printed address open
a public page that confirms what it says, or says it was revoked, or withdrawn at its
holder's request. Coordinators revoke (logged); officers and editors see none of it. A
person's data request lists their certificates; erasure blanks the name; retention deletes
a certificate ``CERTIFICATE_RETENTION_YEARS`` after it was issued, not with the application.
The PDFs are rendered to PNG (pdftoppm) in artifacts/ to be looked at.
"""

import json
import re
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale, ModelLogEntry

from certificates import issuing
from certificates.models import Certificate
from core import page_cache
from submissions import retention
from tests.conftest import soup
from tests.factories import CertificateFactory, VolunteerApplicationFactory, locale
from volunteer_signup.models import ApplicantLink, Opportunity, SignUp, Volunteer, VolunteerApplication

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LANGUAGES = ["ar", "en"]
NAMES = {"ar": "منى عبد الله الأولى", "en": "Mona Abdullah"}


def say(language, message):
    with translation.override(language):
        return gettext(message)


def text(response):
    return " ".join(soup(response).get_text().split())


def past_opportunity(days_ago=10, hours=3, kind="event", title="Road-safety morning", title_ar="صباح السلامة المرورية"):
    starts = timezone.now() - timedelta(days=days_ago)
    arabic = Opportunity.objects.create(
        locale=Locale.objects.get(language_code="ar"),
        title=title_ar,
        description="وصف",
        place="المكان",
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        capacity=5,
        kind=kind,
    )
    english = arabic.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.description, english.place = title, "What you will do.", "School gate"
    english.save()
    return arabic


def attended(person, opportunity, hours=None):
    return SignUp.objects.create(
        volunteer=person, opportunity=opportunity, status="booked", attendance="attended", hours=hours
    )


def volunteer(language="en", status="accepted", name=None, client=None):
    """A volunteer whose application is ``status``, with a client that opened their page."""
    person = Volunteer.objects.create(created_at=timezone.now() - timedelta(days=60))
    application = VolunteerApplicationFactory(
        volunteer=person, status=status, locale=locale(language), full_name=name or NAMES[language]
    )
    client = client or Client()
    token = ApplicantLink.issue(application)
    assert client.post(f"/{language}/applicant/link/{token}/").status_code == 303
    return person, application, client


@pytest.fixture
def with_hours():
    """An accepted volunteer with 3 hours at an event and a 2-hour training course."""

    def make(language):
        person, application, client = volunteer(language)
        attended(person, past_opportunity(days_ago=20, hours=3))
        course = past_opportunity(
            days_ago=10, hours=2, kind="training", title="First-aid course", title_ar="دورة الإسعافات الأولية"
        )
        attended(person, course)
        return person, application, client

    return make


def issue(client, language, start, end, cert_language=None):
    return client.post(
        f"/{language}/applicant/certificates/",
        {
            "certificate-start": start.isoformat() if isinstance(start, date) else start,
            "certificate-end": end.isoformat() if isinstance(end, date) else end,
            "certificate-language": cert_language or language,
        },
    )


def pdf_text(content, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603 - poppler-utils, installed by scripts/system-packages.sh
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout


# --- issuing and downloading ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_volunteer_issues_a_certificate_and_downloads_it(with_hours, language, tmp_path):
    person, application, client = with_hours(language)
    page = client.get(f"/{language}/applicant/")
    form = soup(page).select_one("#certificates form")
    assert form["action"] == f"/{language}/applicant/certificates/"
    # The period offered runs from the day they first applied to today.
    assert soup(page).select_one("[name=certificate-end]")["value"] == timezone.localdate().isoformat()
    assert NAMES[language] in text(page)  # the name it will carry is said before issuing

    start, end = timezone.localdate() - timedelta(days=30), timezone.localdate()
    response = issue(client, language, start, end)
    assert response.status_code == 303
    assert response["Location"] == f"/{language}/applicant/?certificate=issued#certificates"
    certificate = Certificate.objects.get(volunteer=person)
    assert (certificate.name, certificate.hours, certificate.language) == (NAMES[language], Decimal(5), language)
    title = "دورة الإسعافات الأولية" if language == "ar" else "First-aid course"
    assert [row["title"] for row in certificate.trainings] == [title]
    assert (certificate.period_start, certificate.period_end) == (start, end)
    assert len(certificate.code) >= 16 and re.fullmatch(r"[A-Za-z0-9_-]+", certificate.code)
    entry = ModelLogEntry.objects.get(action="sharaka.certificate.issued")
    assert entry.object_id == str(certificate.pk) and entry.data["volunteer"] == person.reference

    page = client.get(response["Location"])
    section = soup(page).select_one("#certificates")
    assert say(language, "Your certificate is ready. Download it below.") in section.get_text()
    link = section.find("a", href=f"/{language}/applicant/certificates/{certificate.code}/pdf/")
    assert link is not None

    download = client.get(link["href"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="sharaka-certificate-{certificate.code}.pdf"'
    assert {"private", "no-store"} <= {part.strip() for part in download["Cache-Control"].split(",")}
    assert download.content.startswith(b"%PDF")
    printed = pdf_text(download.content, tmp_path)
    assert certificate.code in printed
    assert f"/{language}/certificates/{certificate.code}/" in printed
    if language == "en":
        assert "Mona Abdullah" in printed and "volunteered 5 hours" in " ".join(printed.split())
    else:
        # pdftotext gives the Arabic in logical order, with bidi marks around the numbers.
        assert "منى عبد" in printed and "الأولى" in printed
        assert re.search(r"بعدد ساعات بلغ\W*5\W", printed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_period_again_gives_the_same_certificate(with_hours, language):
    person, _application, client = with_hours(language)
    start, end = timezone.localdate() - timedelta(days=30), timezone.localdate()
    assert issue(client, language, start, end).status_code == 303
    again = issue(client, language, start, end)
    assert again["Location"].endswith("?certificate=existing#certificates")
    assert Certificate.objects.filter(volunteer=person).count() == 1
    assert ModelLogEntry.objects.filter(action="sharaka.certificate.issued").count() == 1
    # Another language is another certificate.
    other = "en" if language == "ar" else "ar"
    assert issue(client, language, start, end, cert_language=other)["Location"].endswith("=issued#certificates")
    assert Certificate.objects.filter(volunteer=person).count() == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_period_without_hours_or_courses_is_refused_plainly(with_hours, language):
    person, _application, client = with_hours(language)
    end = timezone.localdate() - timedelta(days=25)  # before both opportunities
    response = issue(client, language, end - timedelta(days=10), end)
    assert response.status_code == 400
    message = say(language, str(issuing.NOTHING_TO_CERTIFY))
    assert message in soup(response).select_one(".error-summary").get_text()
    assert not Certificate.objects.filter(volunteer=person).exists()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (5, 10, "The end of the period must not be before its start."),
        (-1, -3, "The period cannot end in the future."),
        ("٢٠٢٦-٠١-٠١", "yesterday", "Enter a date like 2026-01-31."),
    ],
)
def test_a_wrong_period_is_refused_in_the_volunteers_language(with_hours, language, start, end, message):
    _person, _application, client = with_hours(language)
    today = timezone.localdate()
    start = today - timedelta(days=start) if isinstance(start, int) else start
    end = today - timedelta(days=end) if isinstance(end, int) else end
    response = issue(client, language, start, end)
    assert response.status_code == 400
    assert say(language, message) in soup(response).select_one(".error-summary").get_text()
    assert not Certificate.objects.exists()


def test_arabic_indic_digits_are_read(with_hours):
    _person, _application, client = with_hours("ar")
    today = timezone.localdate()
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    response = issue(client, "ar", (today - timedelta(days=30)).isoformat().translate(arabic), today)
    assert response.status_code == 303
    assert Certificate.objects.get().period_start == today - timedelta(days=30)


@pytest.mark.parametrize("language", LANGUAGES)
def test_too_many_requests_from_one_address_are_refused_with_a_message(with_hours, settings, language):
    _person, _application, client = with_hours(language)
    settings.SUBMISSION_IP_RATE = "2/h"
    today = timezone.localdate()
    assert issue(client, language, today - timedelta(days=30), today).status_code == 303
    assert issue(client, language, today - timedelta(days=30), today).status_code == 303
    refused = issue(client, language, today - timedelta(days=20), today)
    assert refused.status_code == 429
    message = "Too many requests have come from your connection. Please try again later, or call us."
    assert say(language, message) in soup(refused).select_one(".error-summary").get_text()
    assert Certificate.objects.count() == 1


def test_only_an_accepted_volunteer_with_their_page_open_issues(with_hours):
    today = timezone.localdate()
    _person, _application, pending = volunteer("en", status="in_review", name="Rana Pending")
    assert issue(pending, "en", today - timedelta(days=5), today).status_code == 403
    assert issue(Client(), "ar", today - timedelta(days=5), today).status_code == 403
    assert "certificates" not in text(pending.get("/en/applicant/")).lower()
    assert not Certificate.objects.exists()


def test_nobody_downloads_another_volunteers_certificate(with_hours):
    person, _application, client = with_hours("en")
    today = timezone.localdate()
    issue(client, "en", today - timedelta(days=30), today)
    certificate = Certificate.objects.get(volunteer=person)
    _other, _other_application, stranger = volunteer("en", name="Someone Else")
    assert stranger.get(f"/en/applicant/certificates/{certificate.code}/pdf/").status_code == 404
    assert Client().get(f"/en/applicant/certificates/{certificate.code}/pdf/").status_code == 404
    assert client.get(f"/en/applicant/certificates/{certificate.code}/pdf/").status_code == 200
    issuing.revoke(certificate, None, "Wrong period")
    assert client.get(f"/en/applicant/certificates/{certificate.code}/pdf/").status_code == 404


# --- the verification page ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_verification_page_confirms_a_valid_certificate(language):
    certificate = CertificateFactory(name="Mona Abdullah" if language == "en" else "منى الأولى")
    response = Client().get(f"/{language}/certificates/{certificate.code}/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"] and not response.cookies
    panel = page.select_one("section.next-step").get_text(" ")
    assert say(language, "This certificate is valid") in panel
    assert certificate.name in panel and "12.5" in panel
    assert "الإسعافات الأولية" in panel
    assert page.select_one("h1") and page.select_one("main")


@pytest.mark.parametrize("language", LANGUAGES)
def test_revoked_and_erased_certificates_say_so_without_name_or_reason(language):
    revoked = CertificateFactory(revoked_at=timezone.now(), revoke_reason="Hours entered for the wrong person")
    response = Client().get(f"/{language}/certificates/{revoked.code}/")
    assert response.status_code == 200
    assert say(language, "This certificate was revoked") in text(response)
    assert "wrong person" not in response.content.decode() and revoked.name not in response.content.decode()

    erased = CertificateFactory(name="", erased_at=timezone.now())
    response = Client().get(f"/{language}/certificates/{erased.code}/")
    assert say(language, "Withdrawn at the holder's request") in text(response)
    assert "12.5" not in text(response)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_code_is_a_404_in_the_readers_language(language):
    for code in ("NoSuchCertificate1", "bad code!", "x" * 200):
        response = Client().get(f"/{language}/certificates/{code}/")
        assert response.status_code == 404
    assert say(language, "Certificate not found") in text(Client().get(f"/{language}/certificates/NoSuchCode123/"))


def test_revocation_shows_at_once_with_the_page_cache_on(settings, staff, login):
    settings.PAGE_CACHE_SECONDS = 300
    certificate = CertificateFactory()
    url = f"/en/certificates/{certificate.code}/"
    first = Client().get(url)
    assert "This certificate is valid" in text(first)
    assert page_cache.enabled() and not page_cache.is_storable(first)  # the cache never keeps it
    assert "This certificate is valid" in text(Client().get(url))
    issuing.revoke(certificate, staff["coordinator"], "Issued by mistake")
    response = Client().get(url)
    assert "This certificate was revoked" in text(response)
    assert response.get("X-Page-Cache") != "hit"


# --- the admin: coordinators only ---------------------------------------------------------------


def test_coordinators_list_inspect_and_revoke_with_a_reason_which_is_logged(staff, login):
    certificate = CertificateFactory()
    coordinator = login(staff["coordinator"])
    listing = coordinator.get("/admin/certificates/")
    assert listing.status_code == 200 and certificate.code in listing.content.decode()
    inspect = coordinator.get(f"/admin/certificates/inspect/{certificate.pk}/")
    assert inspect.status_code == 200 and soup(inspect).select_one(f"form[action$='/revoke/{certificate.pk}/']")

    refused = coordinator.post(f"/admin/certificates/revoke/{certificate.pk}/", {"reason": " "})
    assert refused.status_code == 400
    certificate.refresh_from_db()
    assert certificate.revoked_at is None

    done = coordinator.post(f"/admin/certificates/revoke/{certificate.pk}/", {"reason": "Hours were wrong"})
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at and certificate.revoked_by == staff["coordinator"]
    assert certificate.revoke_reason == "Hours were wrong"
    entry = ModelLogEntry.objects.get(action="sharaka.certificate.revoked")
    assert entry.user == staff["coordinator"] and entry.object_id == str(certificate.pk)
    history = coordinator.get(f"/admin/certificates/history/{certificate.pk}/")
    assert history.status_code == 200
    # Nobody edits, adds or deletes what was printed, not even a superuser.
    superuser = login(staff["superuser"])
    for url in ("/admin/certificates/new/", f"/admin/certificates/edit/{certificate.pk}/"):
        assert superuser.get(url).status_code in (302, 403)
    assert superuser.post(f"/admin/certificates/delete/{certificate.pk}/").status_code in (302, 403)
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_officers_and_editors_see_none_of_it(staff, login):
    certificate = CertificateFactory()
    for role in ("officer", "editor"):
        client = login(staff[role])
        for url in (
            "/admin/certificates/",
            f"/admin/certificates/inspect/{certificate.pk}/",
            f"/admin/certificates/revoke/{certificate.pk}/",
        ):
            assert client.get(url).status_code in (302, 403), (role, url)
        client.post(f"/admin/certificates/revoke/{certificate.pk}/", {"reason": "no"})
        assert "/admin/certificates/" not in client.get("/admin/").content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


# --- personal data: the data request, erasure, retention ----------------------------------------


@pytest.fixture
def certified(with_hours):
    person, application, client = with_hours("en")
    application.phone = "+971501112233"
    application.save()
    today = timezone.localdate()
    issue(client, "en", today - timedelta(days=30), today)
    return person, application, Certificate.objects.get(volunteer=person)


def test_a_data_request_lists_the_volunteers_certificates(certified, staff, login):
    _person, application, certificate = certified
    response = login(staff["superuser"]).post("/admin/data-requests/", {"term": "+971501112233", "action": "export"})
    data = json.loads(response.content)
    record = next(r for r in data["records"] if r["reference"] == application.reference)
    [listed] = record["related"]["certificates"]
    assert listed["verification_code"] == certificate.code
    assert listed["name_as_printed"] == NAMES["en"] and listed["hours"] == "5.00"


def test_erasure_on_request_blanks_the_name_and_the_page_says_withdrawn(certified, staff, login):
    person, application, certificate = certified
    issuing.revoke(certificate, staff["coordinator"], "About Mona: hours entered twice")
    response = login(staff["superuser"]).post(
        "/admin/data-requests/", {"term": "+971501112233", "action": "erase", "confirm": "yes"}
    )
    assert response.status_code == 200
    assert not VolunteerApplication.objects.filter(pk=application.pk).exists()
    certificate.refresh_from_db()
    assert certificate.volunteer is None and certificate.name == "" and certificate.erased_at
    assert certificate.revoke_reason == ""
    assert all(not (e.data or {}).get("reason") for e in ModelLogEntry.objects.filter(action__startswith="sharaka.cer"))
    entry = ModelLogEntry.objects.get(action="sharaka.data_request.erase")
    assert entry.data["counts"]["certificates erased"] == 1
    page = Client().get(f"/en/certificates/{certificate.code}/")
    assert "Withdrawn at the holder's request" in text(page) and NAMES["en"] not in page.content.decode()


def test_the_certificate_outlives_the_application_and_goes_after_its_own_retention(certified):
    person, application, certificate = certified
    # Retention deletes the application; the volunteer stays only as the hours that count
    # (no person), and the certificate stays whole.
    application.forget_history_details()
    application.delete()
    certificate.refresh_from_db()
    assert certificate.name == NAMES["en"] and certificate.erased_at is None
    assert not VolunteerApplication.objects.filter(volunteer_id=certificate.volunteer_id).exists()
    assert "This certificate is valid" in text(Client().get(f"/en/certificates/{certificate.code}/"))

    later = certificate.issued_at + timedelta(days=365 * 10 + 1)
    dry = retention.purge(dry_run=True, now=later)
    assert dry["certificates.Certificate expired"] == ("delete", 1)
    assert Certificate.objects.filter(pk=certificate.pk).exists()
    assert retention.purge(now=certificate.issued_at + timedelta(days=365 * 9))  # not yet
    assert Certificate.objects.filter(pk=certificate.pk).exists()
    done = retention.purge(now=later)
    assert done["certificates.Certificate expired"] == ("delete", 1)
    assert not Certificate.objects.filter(pk=certificate.pk).exists()
    assert not ModelLogEntry.objects.filter(action="sharaka.certificate.issued", object_id=str(certificate.pk)).exists()
    assert Client().get(f"/en/certificates/{certificate.code}/").status_code == 404


# --- the PDF, looked at ---------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (scripts/system-packages.sh)")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_is_rendered_to_png_for_review(with_hours, language, tmp_path):
    person, _application, client = with_hours(language)
    today = timezone.localdate()
    issue(client, language, today - timedelta(days=30), today)
    certificate = Certificate.objects.get(volunteer=person)
    content = client.get(f"/{language}/applicant/certificates/{certificate.code}/pdf/").content
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"certificate-{language}.pdf"
    pdf.write_bytes(content)
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(ARTIFACTS / f"certificate-{language}")],  # noqa: S607
        check=True,
    )
    png = ARTIFACTS / f"certificate-{language}.png"
    assert png.stat().st_size > 10_000
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)  # nothing spilled onto a second page
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    # Embedded (as subsets of the full system fonts, whose shaping tables HarfBuzz used).
    assert ("Noto-Naskh-Arabic" if language == "ar" else "Noto-Sans") in fonts


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_revoked_certificate_is_not_issued_again_as_it_was_but_a_corrected_one_is(with_hours, language, staff):
    person, application, client = with_hours(language)
    start, end = timezone.localdate() - timedelta(days=30), timezone.localdate()
    assert issue(client, language, start, end).status_code == 303
    first = Certificate.objects.get(volunteer=person)
    issuing.revoke(first, staff["coordinator"], "The name was misspelt.")
    again = issue(client, language, start, end)
    assert again.status_code == 400
    assert say(language, str(issuing.REVOKED_AS_IS)) in text(again)
    assert Certificate.objects.filter(volunteer=person).count() == 1
    application.full_name = application.full_name + " (corrected)"
    application.save()
    assert issue(client, language, start, end).status_code == 303
    assert Certificate.objects.filter(volunteer=person, revoked_at__isnull=True).count() == 1
