"""iCalendar feeds of training sessions (RFC 5545 via icalendar), times in Europe/Amsterdam."""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Format, Session
from .selectors import AMSTERDAM

PRODID = "-//Drakentemmers//Scholing//NL"


def _location(session: Session) -> str:
    training = session.training
    if training.format == Format.ONLINE:
        return "Online"
    parts = [training.venue_name, training.venue_address, training.municipality.name if training.municipality else ""]
    return ", ".join(part for part in parts if part)


def sessions_calendar(sessions: Iterable[Session], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    stamp = timezone.now()
    for session in sessions:
        training = session.training
        event = Event()
        event.add("uid", f"training-session-{session.pk}@drakentemmers.nl")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at.astimezone(AMSTERDAM))
        event.add("dtend", session.ends_at.astimezone(AMSTERDAM))
        event.add("summary", training.title)
        event.add("location", _location(session))
        url = settings.SITE_URL + reverse("learning:training_detail", args=[training.pk])
        event.add("url", url)
        event.add("description", f"{training.get_audience_display()} · {training.get_format_display()}\n{url}")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
