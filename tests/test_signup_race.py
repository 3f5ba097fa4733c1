"""No double booking when requests arrive in the same instant (issue 14, item 2), on
PostgreSQL: two volunteers taking the last place, and one volunteer booking two
overlapping opportunities from two tabs.

Each request is held for a moment after it has looked at the places and before it
writes, so without the row locks both would see a free place; with them the second
waits for the first and sees what it wrote. A transactional test, in a module of its own
(the other modules share content inside an open transaction).
"""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale

from tests.factories import VolunteerApplicationFactory
from tests.threads import in_threads
from volunteer_signup import signups
from volunteer_signup.models import Opportunity, SignUp, Volunteer

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="the in-memory SQLite test database refuses a second writer outright; "
        "this module runs on PostgreSQL in make test.",
    ),
]


@pytest.fixture(autouse=True)
def locales():
    """A transactional test's flush empties the tables the migrations filled."""
    for code in ("ar", "en"):
        Locale.objects.get_or_create(language_code=code)


def opportunity(hours_from_now, capacity=1):
    starts = timezone.now() + timedelta(hours=hours_from_now)
    return Opportunity.objects.create(
        locale=Locale.objects.get(language_code="ar"),
        title=f"فرصة {hours_from_now}",
        description="وصف",
        place="المكان",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        capacity=capacity,
    )


def accepted_volunteer():
    person = Volunteer.objects.create()
    VolunteerApplicationFactory(volunteer=person, status="accepted", email="")
    return person


def at_once(*calls, monkeypatch):
    """Run the calls in threads started together; each pauses after its checks. Returns
    what each returned or raised, in order."""
    looked = signups._clash

    def slow_clash(*args):
        found = looked(*args)
        time.sleep(0.4)  # between looking at the places and writing
        return found

    monkeypatch.setattr(signups, "_clash", slow_clash)
    start = threading.Barrier(len(calls))

    def together(call):
        def run():
            start.wait(5)
            return call()

        return run

    with in_threads(*map(together, calls)) as results:
        pass
    return results


def test_two_volunteers_taking_the_last_place_at_once_get_one_place_and_one_wait(monkeypatch):
    last_place = opportunity(24, capacity=1)
    first, second = accepted_volunteer(), accepted_volunteer()
    results = at_once(
        lambda: signups.sign_up(first, last_place), lambda: signups.sign_up(second, last_place), monkeypatch=monkeypatch
    )
    assert all(isinstance(result, SignUp) for result in results), results
    assert sorted(SignUp.objects.values_list("status", flat=True)) == ["booked", "waiting"]


def test_one_volunteer_booking_two_overlapping_opportunities_in_two_tabs_gets_one(monkeypatch):
    morning, overlapping = opportunity(24, capacity=5), opportunity(25, capacity=5)
    person = accepted_volunteer()
    results = at_once(
        lambda: signups.sign_up(person, morning), lambda: signups.sign_up(person, overlapping), monkeypatch=monkeypatch
    )
    refused = [result for result in results if isinstance(result, signups.SignUpRefused)]
    assert len(refused) == 1 and refused[0].code == "clash", results
    assert SignUp.objects.filter(volunteer=person, status="booked").count() == 1
