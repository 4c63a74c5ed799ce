"""Views: the public calendar with filters, the training page and enrolment, staff pages, attendance."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import logged_in_client, make_user
from drakentemmers.learning import services
from drakentemmers.learning.models import Audience, EnrolmentStatus, Format, Training, TrainingStatus
from drakentemmers.learning.selectors import AMSTERDAM
from drakentemmers.regions.models import Region
from drakentemmers.regions.selectors import reporting_region_kind

from .factories import training_with_session

pytestmark = pytest.mark.django_db


def test_calendar_filters_by_region_audience_format_and_month(client):
    now = timezone.now()
    utrecht = training_with_session(title="In Utrecht", starts_at=now + timedelta(days=40))
    online = training_with_session(
        title="Online hbo", format=Format.ONLINE, municipality=None, audience="hbo", starts_at=now + timedelta(80)
    )
    training_with_session(title="Concept", status=TrainingStatus.DRAFT)
    page = client.get(reverse("learning:calendar")).content.decode()
    assert "In Utrecht" in page and "Online hbo" in page and "Concept" not in page
    region = Region.objects.get(kind=reporting_region_kind(), municipalities__name="Utrecht")
    page = client.get(reverse("learning:calendar"), {"region": region.pk}).content.decode()
    assert "In Utrecht" in page and "Online hbo" not in page
    page = client.get(reverse("learning:calendar"), {"audience": "hbo", "format": "online"}).content.decode()
    assert "In Utrecht" not in page and "Online hbo" in page
    month = utrecht.sessions.get().starts_at.astimezone(AMSTERDAM).date().replace(day=1).isoformat()
    page = client.get(reverse("learning:calendar"), {"month": month}).content.decode()
    assert "In Utrecht" in page and "Online hbo" not in page
    assert online.pk  # and bad input never breaks the page
    assert client.get(reverse("learning:calendar"), {"month": "morgen", "region": "x"}).status_code == 200


def test_calendar_query_count_does_not_grow_with_trainings(client, django_assert_max_num_queries):
    for number in range(8):
        training_with_session(title=f"Scholing {number}", sessions=2)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("learning:calendar")).status_code == 200


def test_a_light_account_enrols_and_is_waitlisted_when_full():
    training = training_with_session(capacity=1)
    services.training_enrol(training=training, user=make_user(), audience=Audience.REFERRING)
    user = make_user()
    client = logged_in_client(user)
    url = reverse("learning:training_detail", args=[training.pk])
    assert client.post(url, {}).status_code == 200  # an empty form: errors, no 500
    response = client.post(url, {"audience": "referring", "organisation_name": "Wijkteam Noord"}, follow=True)
    assert "wachtlijst" in response.content.decode().lower() or "waiting list" in response.content.decode().lower()
    assert training.enrolments.get(user=user).status == EnrolmentStatus.WAITLISTED


def test_the_anonymous_visitor_sees_a_login_link_and_cannot_post(client):
    training = training_with_session()
    url = reverse("learning:training_detail", args=[training.pk])
    assert reverse("account_login") in client.get(url).content.decode()
    assert client.post(url, {"audience": "referring"}).status_code == 403
    assert not training.enrolments.exists()


def test_platform_team_creates_a_training_with_sessions_and_points():
    editor = make_user(Role.EDITOR, mfa=True)
    client = logged_in_client(editor)
    assert client.post(reverse("learning_staff:training_create"), {}).status_code == 200
    deadline = (timezone.now() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "title": "Trauma en gehechtheid",
        "description": "Basisscholing.",
        "audience": "referring",
        "level": "introductory",
        "format": "in_person",
        "status": "published",
        "municipality_name": "Zwolle",
        "venue_name": "Congrescentrum",
        "venue_address": "Stationsweg 2",
        "capacity": "20",
        "price": "0",
        "enrolment_deadline": deadline,
        "trainer_emails": editor.email,
    }
    response = client.post(reverse("learning_staff:training_create"), data)
    assert response.status_code == 200, "a venue address needs the not-a-shelter confirmation"
    response = client.post(reverse("learning_staff:training_create"), {**data, "venue_confirm": "on"})
    training = Training.objects.get(title="Trauma en gehechtheid")
    assert response.status_code == 302 and training.municipality.name == "Zwolle"
    assert list(training.trainers.all()) == [editor]
    parts = reverse("learning_staff:training_parts", args=[training.pk])
    day = (timezone.now() + timedelta(days=30)).strftime("%Y-%m-%d")
    client.post(parts, {"action": "session", "session-day": day, "session-start": "09:30", "session-end": "12:30"})
    client.post(parts, {"action": "points", "points-body": "skj", "points-points": "3"})
    assert training.sessions.get().hours == 3
    assert training.accreditations.get().points == 3
    assert client.post(parts, {"action": "session"}).status_code == 200
    assert client.post(parts, {"action": "delete-session", "session": "abc"}).status_code in (200, 302)
    assert client.get(reverse("learning_staff:figures")).status_code == 200
    assert client.get(reverse("learning_staff:participants", args=[training.pk])).status_code == 200


def test_the_trainer_marks_attendance_and_a_stranger_gets_404():
    trainer = make_user()
    training = training_with_session(starts_at=timezone.now() - timedelta(minutes=30))
    training.trainers.add(trainer)
    enrolment = services.training_enrol(training=training, user=make_user(), audience=Audience.HBO)
    url = reverse("learning:attendance", args=[training.sessions.get().pk])
    assert logged_in_client(make_user()).get(url).status_code == 404
    client = logged_in_client(trainer)
    assert client.post(url, {"present": [str(enrolment.pk), "x"]}).status_code == 302
    assert enrolment.attendances.get().present


def test_training_page_and_my_trainings_keep_their_query_budget(django_assert_max_num_queries):
    user = make_user()
    trainings = [training_with_session(title=f"Scholing {n}", sessions=3) for n in range(6)]
    for training in trainings:
        services.training_enrol(training=training, user=user, audience=Audience.HBO)
        services.accreditation_set(training=training, body="skj", points=2)
    client = logged_in_client(user)
    client.get(reverse("learning:my_trainings"))  # the calendar token is made once
    with django_assert_max_num_queries(14):
        assert client.get(reverse("learning:my_trainings")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("learning:training_detail", args=[trainings[0].pk])).status_code == 200


def test_after_the_deadline_the_page_says_enrolment_closed():
    training = training_with_session(enrolment_deadline=timezone.now() - timedelta(hours=1))
    page = logged_in_client(make_user()).get(reverse("learning:training_detail", args=[training.pk])).content.decode()
    assert "Inschrijven is gesloten" in page and 'name="audience"' not in page


def test_removing_a_session_with_attendance_says_why_instead_of_a_server_error():
    """The remove button has no form of its own: the service's refusal shows as a message (was a 500)."""
    editor = make_user(Role.EDITOR, mfa=True)
    training = training_with_session(starts_at=timezone.now() - timedelta(minutes=30))
    session = training.sessions.get()
    enrolment = services.training_enrol(training=training, user=make_user(), audience=Audience.HBO)
    services.attendance_mark(session=session, present_ids={enrolment.pk}, by=editor)
    parts = reverse("learning_staff:training_parts", args=[training.pk])
    response = logged_in_client(editor).post(parts, {"action": "delete-session", "session": session.pk}, follow=True)
    assert response.status_code == 200
    assert "aanwezigheid geregistreerd" in response.content.decode()
    assert training.sessions.filter(pk=session.pk).exists()


def test_the_training_page_shows_every_field_the_platform_team_filled_in(client):
    """Audience, level, format, regions, venue, trainers, sessions, places, price, points, deadline, materials."""
    from decimal import Decimal

    from drakentemmers.learning.models import Level

    start = timezone.now().astimezone(AMSTERDAM).replace(hour=9, minute=30, second=0, microsecond=0)
    training = training_with_session(
        title="Gehechtheid in het gezin",
        audience=Audience.HBO,
        level=Level.ADVANCED,
        format=Format.BLENDED,
        price=Decimal("125"),
        materials="Reader 'Gehechtheid', hoofdstuk 1 tot 3.",
        capacity=12,
        starts_at=start + timedelta(days=30),
        sessions=2,
    )
    regions = list(Region.objects.filter(kind=reporting_region_kind()).order_by("name")[:2])
    training.regions.set(regions)
    training.trainers.add(make_user(first_name="Tamara", last_name="Trainer"))
    services.accreditation_set(training=training, body="skj", points=Decimal("3"))
    page = " ".join(client.get(reverse("learning:training_detail", args=[training.pk])).content.decode().split())
    for expected in (
        "Hbo-professionals · Verdieping",
        "Utrecht · Blended (op locatie en online)",
        "Vergadercentrum De Eenhoorn, Stationsplein 1",
        "Tamara Trainer",
        "12 plaatsen, 12 vrij",
        "€ 125,00",
        "SKJ: 3,0",
        *(region.name for region in regions),
    ):
        assert expected in page, expected
    assert page.count("09:30–12:30") == 2
    # The materials are for the participants.
    materials = "Reader &#x27;Gehechtheid&#x27;, hoofdstuk 1 tot 3."
    assert materials not in page
    participant = services.training_enrol(training=training, user=make_user(), audience=Audience.HBO).user
    url = reverse("learning:training_detail", args=[training.pk])
    assert materials in logged_in_client(participant).get(url).content.decode()
