"""One daily budget of emails per recipient (issue 11, item 5).

Measured before: someone who knew a resident's contact details could make our forms
send them a confirmation with every application. Now emails a stranger can trigger
are counted per address in the outbox (the database, so the budget holds when the
cache, and with it the rate limits, fails open): past RECIPIENT_DAILY_EMAIL_LIMIT
in 24 hours the record is still saved, its confirmation is kept as held back and
never sent, and staff see the count on the record.
"""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from submissions.models import OutgoingEmail
from tests.conftest import soup
from tests.factories import new_phone
from volunteer_signup.models import VolunteerApplication

pytestmark = pytest.mark.django_db

ADDRESS = "layla@example.org"


@pytest.fixture
def apply(client, open_form, valid_application, django_capture_on_commit_callbacks):
    """Send an application with ``email`` (and a new phone); its emails go out after the commit."""

    def _apply(url, email):
        cache.clear()  # as if Redis were down: the cache-based limits fail open
        form = open_form(client, url)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, valid_application(form, phone=new_phone(), email=email))
        assert response.status_code == 303

    return _apply


@pytest.mark.parametrize("language", ["ar", "en"])
def test_confirmations_to_one_address_stop_at_the_daily_limit_but_records_are_kept(
    apply, volunteer_pages, settings, language, login, staff
):
    settings.RECIPIENT_DAILY_EMAIL_LIMIT = 3
    url = volunteer_pages[language].url
    for email in (ADDRESS, ADDRESS.upper(), f" {ADDRESS}", ADDRESS, ADDRESS):
        apply(url, email)
    assert VolunteerApplication.objects.count() == 5
    confirmations = OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.CONFIRMATION).order_by("pk")
    assert [email.status for email in confirmations] == ["sent"] * 3 + ["held"] * 2
    assert len([m for m in mail.outbox if ADDRESS in m.to[0].lower()]) == 3
    # Staff notifications are not the resident's and are not held back.
    assert not OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.STAFF, status="held").exists()

    last = VolunteerApplication.objects.order_by("-pk").first()
    page = soup(login(staff["coordinator"]).get(f"/admin/volunteer_application/inspect/{last.pk}/"))
    section = page.select_one("section[aria-labelledby='emails-heading']")
    text = section.get_text(" ", strip=True)
    assert str(OutgoingEmail.Status.HELD.label) in text
    assert "3 emails from our public forms to this address in the last 24 hours (limit 3)" in text


def test_the_budget_is_per_address_and_renews_after_a_day(apply, volunteer_pages, settings):
    settings.RECIPIENT_DAILY_EMAIL_LIMIT = 1
    url = volunteer_pages["en"].url
    apply(url, ADDRESS)
    apply(url, "someone.else@example.org")
    apply(url, ADDRESS)
    statuses = list(
        OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.CONFIRMATION)
        .order_by("pk")
        .values_list("status", flat=True)
    )
    assert statuses == ["sent", "sent", "held"]
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        apply(url, ADDRESS)
    assert OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.CONFIRMATION).order_by("-pk").first().status == "sent"


def test_tagged_spellings_of_one_mailbox_share_its_budget(apply, volunteer_pages, settings):
    settings.RECIPIENT_DAILY_EMAIL_LIMIT = 2
    url = volunteer_pages["en"].url
    for email in ("layla+1@example.org", "Layla+news@EXAMPLE.org", ADDRESS, "laylab@example.org"):
        apply(url, email)
    statuses = dict(OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.CONFIRMATION).values_list("to", "status"))
    assert statuses == {
        "layla+1@example.org": "sent",
        "layla+news@example.org": "sent",  # stored case-folded
        ADDRESS: "held",  # the same mailbox, a third time
        "laylab@example.org": "sent",  # another mailbox
    }
