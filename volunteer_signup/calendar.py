"""The iCalendar file sent with a booking (to add it to a calendar), with a change of its
time (to move it) and with its cancellation (to take it out again): the same UID each
time, and a SEQUENCE that only grows (the moment it was made), so a calendar always takes
the newest file; the organiser is the department's sending address."""

import time
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def opportunity_calendar(opportunity, signup, *, cancelled=False):
    """``opportunity`` in the volunteer's language; ``signup`` gives the event its identity."""
    calendar = Calendar()
    calendar.add("prodid", "-//Sharaka//Community police volunteering//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "sharaka.example"
    event.add("uid", f"signup-{signup.pk}@{domain}")
    event.add("sequence", int(time.time()))
    event.add("organizer", f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", opportunity.starts_at)
    event.add("dtend", opportunity.ends_at)
    event.add("summary", opportunity.title)
    event.add("location", opportunity.place)
    event.add("description", opportunity.description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode()
