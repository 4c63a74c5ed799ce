"""Certificate PDF content (read back with pypdf), its public check page, and the iCal feeds (parsed back)."""

import io
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.learning import services
from drakentemmers.learning.models import Audience, ProfessionalBody
from drakentemmers.learning.selectors import AMSTERDAM

from .factories import training_with_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended():
    """Sanne took part in both sessions (3 hours each) of a training with SKJ and NIP points."""
    start = datetime(2026, 11, 3, 9, 30, tzinfo=AMSTERDAM)
    training = training_with_session(starts_at=start, sessions=2, hours=3, title="Traumasensitief verwijzen")
    services.accreditation_set(training=training, body=ProfessionalBody.SKJ, points=Decimal("6"))
    services.accreditation_set(training=training, body=ProfessionalBody.NIP, points=Decimal("4.5"))
    user = make_user(first_name="Sanne", last_name="de Boer")
    enrolment = services.training_enrol(
        training=training, user=user, audience=Audience.REFERRING, now=start - timedelta(days=30)
    )
    for session in training.sessions.all():
        services.attendance_mark(session=session, present_ids={enrolment.pk}, by=make_user())
    return enrolment


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_certificate_pdf_names_person_training_dates_hours_points_and_code(attended):
    response = logged_in_client(attended.user).get(reverse("learning:certificate_pdf", args=[attended.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    attended.refresh_from_db()
    text = " ".join(_pdf_text(response).split())
    for expected in (
        "Sanne de Boer",
        "Traumasensitief verwijzen",
        "3 november 2026",
        "10 november 2026",
        "Uren 6,0",  # two sessions of 3 hours
        "Accreditatiepunten NIP 4,5",
        "Accreditatiepunten SKJ 6,0",
        "Uitgegeven op",
    ):
        assert expected in text, expected
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1, "the certificate fits on one page"
    assert attended.certificate_code and attended.certificate_code in text.replace(" ", "")
    # A second download carries the same code.
    logged_in_client(attended.user).get(reverse("learning:certificate_pdf", args=[attended.pk]))
    code = attended.certificate_code
    attended.refresh_from_db()
    assert attended.certificate_code == code


def test_no_certificate_without_full_attendance(attended):
    other = services.training_enrol(
        training=attended.training, user=make_user(), audience=Audience.HBO, now=timezone.now() - timedelta(days=60)
    )
    response = logged_in_client(other.user).get(reverse("learning:certificate_pdf", args=[other.pk]))
    assert response.status_code == 404
    # And nobody downloads somebody else's.
    response = logged_in_client(other.user).get(reverse("learning:certificate_pdf", args=[attended.pk]))
    assert response.status_code == 404


def test_the_public_check_shows_name_training_and_dates_only(attended, client):
    services.certificate_issue(enrolment=attended)
    response = client.get(reverse("learning:certificate_verify", args=[attended.certificate_code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sanne de Boer" in page and "Traumasensitief verwijzen" in page
    assert attended.user.email not in page
    assert client.get(reverse("learning:certificate_verify", args=["geraden-code"])).status_code == 404


def test_codes_are_unguessable(attended):
    services.certificate_issue(enrolment=attended)
    assert len(attended.certificate_code) >= 20


def _events(body: bytes):
    calendar = Calendar.from_ical(body)
    return list(calendar.walk("VEVENT"))


def test_the_public_feed_parses_with_amsterdam_times(attended, client):
    response = client.get(reverse("learning:calendar_ics"))
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response.content)
    assert len(events) == 2
    first = sorted(events, key=lambda e: e.decoded("dtstart"))[0]
    start = first.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Amsterdam" and (start.hour, start.minute) == (9, 30)
    assert str(first.get("summary")) == "Traumasensitief verwijzen"
    assert "Utrecht" in str(first.get("location"))
    assert Calendar.from_ical(response.content).walk("VTIMEZONE"), "the feed defines its time zone"


def test_my_feed_holds_only_my_trainings_and_a_renewed_link_revokes_the_old(attended, client):
    training_with_session(title="Iets anders")
    token = services.calendar_token_for(attended.user).token
    response = client.get(reverse("learning:my_ics", args=[token]))
    assert {str(e.get("summary")) for e in _events(response.content)} == {"Traumasensitief verwijzen"}
    services.calendar_token_reset(user=attended.user)
    assert client.get(reverse("learning:my_ics", args=[token])).status_code == 404
    new = services.calendar_token_for(attended.user).token
    assert new != token and client.get(reverse("learning:my_ics", args=[new])).status_code == 200
