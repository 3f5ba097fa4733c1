"""One phone number, one person (core/phones.py).

Residents type a number nationally, internationally, with 00, spaces, dashes or
Arabic-Indic and Persian digits; it is stored once in E.164, shown nationally,
and every rule that asks "is this the same person?" compares that form.
"""

import phonenumbers
import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from core.phones import display_phone, national_digits, normalise_email, normalise_phone, stored_number
from core.validators import validate_phone_number
from tests.conftest import soup
from tests.test_queue import INDEX, make_application
from volunteer_signup.models import VolunteerApplication

pytestmark = pytest.mark.django_db

SAME_NUMBER = [
    "0501234567",
    "050 123 4567",
    "050-123-4567",
    "+971 50 123 4567",
    "+971501234567",
    "00971501234567",
    "٠٥٠١٢٣٤٥٦٧",  # Arabic-Indic digits
    "۰۵۰ ۱۲۳ ۴۵۶۷",  # Persian digits
    "(050) 123 4567",
]


@pytest.mark.parametrize("typed", SAME_NUMBER)
def test_every_way_of_typing_a_number_is_one_stored_form(typed):
    assert normalise_phone(typed) == "+971501234567"


@pytest.mark.parametrize("typed", ["", "123", "999", "0571234567", "not a number", "+1 555", "5" * 60])
def test_what_is_not_a_callable_number_is_refused(typed):
    assert normalise_phone(typed) == ""


def test_a_number_of_another_country_is_kept_and_shown_internationally():
    assert normalise_phone("+44 20 7946 0958") == "+442079460958"
    assert display_phone("+442079460958") == "+44 20 7946 0958"


def test_numbers_of_the_region_are_shown_nationally(settings):
    assert display_phone("+971501234567") == "050 123 4567"
    settings.PHONE_REGION = "SA"
    assert normalise_phone("050 123 4567") == "+966501234567"
    assert display_phone("+966501234567") == "050 123 4567"


def test_a_stored_number_reads_as_phonenumbers_parses_it_in_every_region():
    """display_phone reads stored numbers without phonenumbers.parse (core.phones.stored_number)."""
    compared = 0
    for region in phonenumbers.SUPPORTED_REGIONS:
        for kind in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE,
            phonenumbers.PhoneNumberType.TOLL_FREE,
            phonenumbers.PhoneNumberType.VOIP,
        ):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            stored = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
            parsed = phonenumbers.parse(stored, None)
            fast = stored_number(stored)
            if fast is not None:
                compared += 1
                assert fast == parsed, stored
                assert phonenumbers.region_code_for_number(fast) == phonenumbers.region_code_for_number(parsed)
    assert compared > 500
    assert stored_number("+390612345678") is None  # Italy's leading 0: left to phonenumbers.parse
    assert display_phone("+390612345678") == phonenumbers.format_number(
        phonenumbers.parse("+390612345678"), phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    assert stored_number("050 123 4567") is None


def test_part_of_a_number_gives_its_national_digits():
    assert national_digits("0501234") == "501234"
    assert national_digits("٠٥٠ ١٢٣") == "50123"


def test_emails_match_whatever_their_case():
    assert normalise_email(" Layla.Haddad@Example.ORG ") == normalise_email("layla.haddad@example.org")


@pytest.mark.parametrize("number", ["999", "901", "116 111", "800 4673", "+971 2 555 0100"])
def test_help_line_numbers_keep_their_own_rule(number):
    validate_phone_number(number)  # short codes are fine on content pages


def test_help_line_rule_still_refuses_letters():
    with pytest.raises(ValidationError):
        validate_phone_number("call us")


def apply(client, open_form, valid_application, url, **answers):
    form = open_form(client, url)
    assert client.post(url, valid_application(form, **answers)).status_code == 303
    return VolunteerApplication.objects.latest("pk")


def test_the_application_stores_e164_and_staff_read_it_nationally(
    client, open_form, valid_application, volunteer_pages, staff, login
):
    application = apply(client, open_form, valid_application, volunteer_pages["en"].url, phone="٠٥٨ ٣٠٠ ١٠٠٠")
    assert application.phone == "+971583001000"
    page = soup(login(staff["coordinator"]).get(f"/admin/volunteer_application/inspect/{application.pk}/"))
    link = page.select_one('a[href="tel:+971583001000"]')
    assert link is not None and link.get_text(strip=True) == "058 300 1000"


def test_two_spellings_of_one_number_are_one_person_for_repeats_and_the_daily_limit(
    open_form, valid_application, volunteer_pages, settings
):
    url = volunteer_pages["ar"].url
    first = apply(Client(REMOTE_ADDR="192.0.2.71"), open_form, valid_application, url, phone="0583002000", email="")
    second = apply(
        Client(REMOTE_ADDR="192.0.2.72"), open_form, valid_application, url, phone="+971 58 300 2000", email=""
    )
    assert first.phone == second.phone == "+971583002000"
    assert second.repeat_of_id == first.pk
    for n, typed in enumerate(["00971583002000", "058-300-2000", "(058) 300 2000"]):
        apply(Client(REMOTE_ADDR=f"192.0.2.{80 + n}"), open_form, valid_application, url, phone=typed, email="")
    sixth = Client(REMOTE_ADDR="192.0.2.90")
    form = open_form(sixth, url)
    assert sixth.post(url, valid_application(form, phone="٠٥٨٣٠٠٢٠٠٠", email="")).status_code == 429


@pytest.mark.parametrize("typed", ["050 555 0199", "0505550199", "+971505550199", "٠٥٠٥٥٥٠١٩٩", "5550199"])
def test_the_find_box_finds_a_number_however_it_is_typed(typed, staff, login):
    target = make_application(phone="+971505550199")
    decoy = make_application(phone="+971505550100")
    client = login(staff["coordinator"])
    page = client.get(client.post(INDEX + "find/", {"q": typed})["Location"])
    shown = [int(a["id"].split("_")[1]) for a in soup(page).select("a[id^=submission_][id$=_title]")]
    assert shown == [target.pk]
    assert decoy.reference not in page.content.decode()
