"""Phone numbers and email addresses: one normal form for one person.

A resident types "050 123 4567", "0501234567", "+971 50 123 4567" or the same in
Arabic-Indic digits; all are one number. Google's libphonenumber (``phonenumbers``)
reads them with the region of ``settings.PHONE_REGION`` and they are stored in
E.164 ("+971501234567"), so validation, the per-person rate limit, repeat
detection and the staff find box all compare the same value; staff see the
national form ("050 123 4567"). Email addresses are compared case-folded.

Help-line numbers on content pages (999, short codes) are not personal numbers
and keep their own validator (``core.validators.validate_phone_number``).
"""

import re

import phonenumbers
from django.conf import settings

from .text import clean_identifier, to_ascii_digits

# Longest input worth parsing: E.164 allows 15 digits; leave room for spaces and a prefix.
MAX_INPUT_LENGTH = 40
STORED = re.compile(r"\+[1-9][0-9]{1,14}")  # E.164: the form numbers are stored in


def parse_phone(value):
    """The ``PhoneNumber`` ``value`` names (any script's digits, spaces, dashes, + or 00), or None."""
    text = clean_identifier(value or "")
    if not text or len(text) > MAX_INPUT_LENGTH:
        return None
    try:
        return phonenumbers.parse(text, settings.PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None


def normalise_phone(value):
    """The E.164 form of a real phone number, or "" when ``value`` is not one."""
    number = parse_phone(value)
    if number is None or not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national_digits(value):
    """The national significant digits of what was typed, valid or not ("0501234" gives "501234").

    For finding a stored number from part of it: E.164 ends with these digits.
    """
    number = parse_phone(value)
    return str(number.national_number) if number is not None and number.national_number else ""


def phone_spans(text):
    """(start, end, E.164) of each valid phone number written in ``text``, in any spelling.

    Digits of any script are read as ASCII first, which keeps every position, so a span
    can be cut out of the original text (a data request's erasure does).
    """
    readable = to_ascii_digits(text or "")
    return [
        (match.start, match.end, phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164))
        for match in phonenumbers.PhoneNumberMatcher(readable, settings.PHONE_REGION, phonenumbers.Leniency.VALID)
    ]


def phones_in_text(text):
    """E.164 forms of the valid phone numbers written anywhere in ``text``, in any spelling.

    For a person's data request: a resident may write a number inside a free-text answer
    ("call me on ٠٥٠ ١٢٣ ٤٥٦٧"), where the contact fields' exact match cannot see it.
    """
    return {e164 for _start, _end, e164 in phone_spans(text)}


def stored_number(e164):
    """The ``PhoneNumber`` of a stored number (E.164, as ``normalise_phone`` gives it), or None.

    Read straight from its digits (country codes are prefix-free), which is what
    ``phonenumbers.parse`` gives for them at a twentieth of its cost (an export shows
    100,000 numbers); numbers whose national part starts with 0 (Italy's) and anything
    not in E.164 are left to ``parse_phone``. tests/test_phones.py checks both ways agree
    on an example number of every type of every region.
    """
    if not e164 or not STORED.fullmatch(e164):
        return None
    for size in (1, 2, 3):
        country_code = int(e164[1 : size + 1])
        if country_code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            national = e164[size + 1 :]
            if not national or national.startswith("0"):
                return None
            return phonenumbers.PhoneNumber(country_code=country_code, national_number=int(national))
    return None


def display_phone(e164):
    """A stored number as staff read it: national for the site's region, international otherwise."""
    number = stored_number(e164) or parse_phone(e164)
    if number is None:
        return e164 or ""
    region_code = phonenumbers.region_code_for_number(number)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if region_code == settings.PHONE_REGION
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def normalise_email(value):
    """The form two spellings of one address share: cleaned and case-folded, local part included."""
    return clean_identifier(value or "").casefold()


EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
LONG_NUMBER = re.compile(r"\d(?:[\s.-]?\d){6,}")  # an ID or a phone number libphonenumber does not know


def mask_contacts(text, marker="[***]"):
    """``text`` without the phone numbers, email addresses and long numbers written in it,
    in any script's digits: for free text where nobody should have typed them (a page
    comment), masked when it is saved, not only when it is shown."""
    text = text or ""
    for start, end, _e164 in reversed(phone_spans(text)):
        text = text[:start] + marker + text[end:]
    text = EMAIL_IN_TEXT.sub(marker, text)
    return LONG_NUMBER.sub(marker, text)
