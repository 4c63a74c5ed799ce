"""The public trainings endpoint: the same agenda as /scholing/, filtered by region and municipality."""

from datetime import timedelta

import pytest
from django.utils import timezone

from drakentemmers.learning.models import Enrolment, EnrolmentStatus, Format, TrainingStatus
from drakentemmers.learning.tests.factories import training_with_session
from drakentemmers.regions.models import Municipality

pytestmark = pytest.mark.django_db
TRAININGS = "/api/v1/trainings"


def test_upcoming_published_trainings_with_places_left(client, django_user_model):
    soon = training_with_session(title="Traumasensitief verwijzen", capacity=3)
    person = django_user_model.objects.create(email="a@example.org")
    Enrolment.objects.create(training=soon, user=person, audience="referring", status=EnrolmentStatus.ENROLLED)
    training_with_session(title="Concept", status=TrainingStatus.DRAFT)
    training_with_session(title="Voorbij", starts_at=timezone.now() - timedelta(days=10))
    body = client.get(TRAININGS).json()
    assert [item["title"] for item in body["items"]] == ["Traumasensitief verwijzen"]
    item = body["items"][0]
    assert item["places_left"] == 2
    assert item["municipality"]["name"] == "Utrecht" and item["online"] is False
    assert item["url"].endswith(f"/scholing/{soon.pk}/")
    assert body["count"] == 1


def test_filter_by_municipality_and_region(client):
    utrecht = training_with_session(title="Utrecht")
    amsterdam = training_with_session(title="Amsterdam", municipality=Municipality.objects.get(name="Amsterdam"))
    online = training_with_session(title="Online", format=Format.ONLINE, municipality=None)
    titles = lambda query: sorted(i["title"] for i in client.get(TRAININGS, QUERY_STRING=query).json()["items"])  # noqa: E731
    assert titles("") == sorted([utrecht.title, amsterdam.title, online.title])
    assert titles("municipality=gm0363") == ["Amsterdam"]
    assert titles("region=VT20") == ["Utrecht"]
    assert titles("region=XX99") == []
    assert client.get(TRAININGS, QUERY_STRING="region=" + "V" * 30).status_code == 422


def test_paged_with_links(client):
    for day in range(3):
        training_with_session(title=f"Training {day}", starts_at=timezone.now() + timedelta(days=10 + day))
    first = client.get(TRAININGS, QUERY_STRING="limit=2").json()
    assert [i["title"] for i in first["items"]] == ["Training 0", "Training 1"] and first["count"] == 3
    second = client.get(first["next"]).json()
    assert [i["title"] for i in second["items"]] == ["Training 2"] and second["next"] is None
    assert client.get(TRAININGS, QUERY_STRING="limit=101").status_code == 422


def test_etag_and_last_modified_give_304(client):
    training_with_session(title="Traumasensitief verwijzen")
    first = client.get(TRAININGS)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert client.get(TRAININGS, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(TRAININGS, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    training_with_session(title="Nog een")  # a save: a new data version
    changed = client.get(TRAININGS, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_a_training_that_ends_changes_last_modified_without_any_save(client):
    """Time alone takes a training off the agenda: no signal fires, yet a client that only keeps the date must
    not be told its old list is current."""
    from drakentemmers.learning.models import Session

    training_with_session(title="Blijft")
    ending = training_with_session(title="Loopt af")
    first = client.get(TRAININGS)
    assert first.json()["count"] == 2
    past = timezone.now() - timedelta(minutes=5)
    Session.objects.filter(training=ending).update(starts_at=past - timedelta(hours=3), ends_at=past)  # no signal
    again = client.get(TRAININGS, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert [i["title"] for i in again.json()["items"]] == ["Blijft"]
    assert again["Last-Modified"] != first["Last-Modified"]
    assert client.get(TRAININGS, HTTP_IF_MODIFIED_SINCE=again["Last-Modified"]).status_code == 304
