"""A certificate on a 360 px phone, in Arabic and English, without JavaScript: an accepted
volunteer who came to a training course asks for a certificate of a period on their own
page and downloads the PDF; its verification page says it is valid; a coordinator revokes
it in the admin; the verification page then says it was revoked. axe finds nothing on the
verification page or the volunteer's page. The PDFs go to artifacts/ with a PNG of each."""

import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import ARTIFACTS, admin_login, manage
from .test_applicant_browser import PHONE, axe_as_this_visitor
from .test_opportunities_browser import accept, apply_and_open_page

CAME = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Locale
from volunteer_signup.models import Opportunity, SignUp, VolunteerApplication
application = VolunteerApplication.objects.get(reference="{reference}")
starts = timezone.now() - timedelta(days=7)
course = Opportunity.objects.create(
    locale=Locale.objects.get(language_code="ar"), title="دورة الإسعاف للمتطوعين", description="وصف قصير.",
    place="قاعة التدريب", starts_at=starts, ends_at=starts + timedelta(hours=4), capacity=3, is_public=False,
    kind="training")
english = course.copy_for_translation(Locale.objects.get(language_code="en"))
english.title, english.description, english.place = "First-aid course for volunteers", "Short.", "Training hall"
english.save()
SignUp.objects.create(volunteer=application.volunteer, opportunity=course, status="booked", attendance="attended")
"""
CODE = """
from certificates.models import Certificate
print(Certificate.objects.get(volunteer__applications__reference="{reference}").code)
"""
WORDS = {
    "ar": {
        "issue": "إصدار الشهادة",
        "ready": "شهادتكم جاهزة",
        "valid": "هذه الشهادة سارية",
        "revoked": "أُلغيت هذه الشهادة",
        "course": "دورة الإسعاف للمتطوعين",
    },
    "en": {
        "issue": "Issue the certificate",
        "ready": "Your certificate is ready",
        "valid": "This certificate is valid",
        "revoked": "This certificate was revoked",
        "course": "First-aid course for volunteers",
    },
}
NAMES = {"ar": "ليلى حامل الشهادة", "en": "Laila Certificate"}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_issue_download_verify_revoke(browser, base_url, site_server, axe, screenshot, language):
    words = WORDS[language]
    phone = "050 555 20" + ("01" if language == "ar" else "11")
    context, page, reference = apply_and_open_page(browser, base_url, language, NAMES[language], phone)
    coordinator = browser.new_context(locale="en")
    admin = coordinator.new_page()
    admin_login(admin, base_url, "coordinator")
    accept(admin, base_url, reference)
    manage(site_server, "shell", "-c", CAME.format(reference=reference))

    page.reload()
    section = page.locator("#certificates")
    expect(section).to_contain_text(NAMES[language])  # the name it will carry, said before
    today = timezone.localdate()
    page.fill("#id_certificate-start", (today - timedelta(days=30)).isoformat())
    page.fill("#id_certificate-end", today.isoformat())
    expect(page.locator(f"input[name=certificate-language][value={language}]")).to_be_checked()
    section.get_by_role("button", name=words["issue"]).click()
    expect(page.locator("#certificates [role=status]")).to_contain_text(words["ready"])
    screenshot(page, f"certificate-volunteer-page-{language}")

    with page.expect_download() as waiting:
        section.locator("a[href$='/pdf/']").click()
    download = waiting.value
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"certificate-browser-{language}.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(  # noqa: S603 - poppler-utils
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(pdf.with_suffix(""))],  # noqa: S607
        check=True,
    )
    printed = subprocess.run(  # noqa: S603
        ["pdftotext", str(pdf), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    code = manage(site_server, "shell", "-c", CODE.format(reference=reference)).stdout.split()[-1]
    verification = f"{base_url}/{language}/certificates/{code}/"
    assert verification in printed
    assert section.locator(f"a[href='/{language}/certificates/{code}/']").count() == 1

    reader = browser.new_context(locale=language, viewport=PHONE, java_script_enabled=False)
    check = reader.new_page()
    response = check.goto(verification)
    assert response.status == 200 and "no-store" in response.headers["cache-control"]
    expect(check.locator("main")).to_contain_text(words["valid"])
    expect(check.locator("main")).to_contain_text(NAMES[language])
    expect(check.locator("main")).to_contain_text(words["course"])
    screenshot(check, f"certificate-valid-{language}")
    assert axe_as_this_visitor(browser, reader, verification, axe, language) == []
    assert axe_as_this_visitor(browser, context, f"{base_url}/{language}/applicant/", axe, language) == []

    admin.goto(f"{base_url}/admin/certificates/")
    admin.locator("table.listing tbody tr", has_text=code).get_by_role("link", name=code).click()
    admin.fill("textarea[name=reason]", "Issued for the wrong period.")
    admin.locator("form[action*='/revoke/'] button[type=submit]").click()
    expect(admin.locator(".messages")).to_contain_text(code)

    check.reload()
    expect(check.locator("main")).to_contain_text(words["revoked"])
    expect(check.locator("main")).not_to_contain_text(NAMES[language])
    expect(check.locator("main")).not_to_contain_text("wrong period")
    screenshot(check, f"certificate-revoked-{language}")
    assert axe_as_this_visitor(browser, reader, verification, axe, language) == []
    page.reload()
    expect(section.locator("a[href$='/pdf/']")).to_have_count(0)
    for each in (context, coordinator, reader):
        each.close()
