"""No overbooking: many people racing for the last place on PostgreSQL, each thread with its own connection.

The count and the insert are pulled apart by a pause, so a naive implementation (count, then insert, no
lock) overbooks every time; the control test proves it, so the real test is known to catch that bug.
"""

import threading
import time

import pytest
from django.db import connection, connections

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.learning import services
from drakentemmers.learning.models import Audience, Enrolment, EnrolmentStatus, Training

from .factories import training_with_session

RACERS = 6

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writes and ignores SELECT FOR UPDATE; the race needs PostgreSQL")


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the window between counting the places and taking one."""
    counting = services.places_taken

    def places_taken(training):
        taken = counting(training)
        time.sleep(0.2)
        return taken

    monkeypatch.setattr(services, "places_taken", places_taken)


def _race(training, users) -> list[Exception]:
    barrier = threading.Barrier(len(users))
    errors: list[Exception] = []

    def enrol(user):
        try:
            barrier.wait()
            services.training_enrol(training=training, user=user, audience=Audience.REFERRING)
        except Exception as error:  # noqa: BLE001 - any error in a thread is collected and asserted on
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enrol, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_concurrent_enrolments_never_take_more_places_than_there_are(slow_count):
    training = training_with_session(capacity=2)
    services.training_enrol(training=training, user=make_user(), audience=Audience.REFERRING)
    users = [make_user() for _ in range(RACERS)]
    assert _race(training, users) == []
    enrolled = Enrolment.objects.filter(training=training, status=EnrolmentStatus.ENROLLED).count()
    waiting = Enrolment.objects.filter(training=training, status=EnrolmentStatus.WAITLISTED).count()
    assert (enrolled, waiting) == (2, RACERS - 1)


def test_control_without_the_lock_the_same_race_overbooks(slow_count, monkeypatch):
    monkeypatch.setattr(services, "_locked", lambda training: Training.objects.get(pk=training.pk))
    training = training_with_session(capacity=1)
    users = [make_user() for _ in range(RACERS)]
    assert _race(training, users) == []
    assert Enrolment.objects.filter(training=training, status=EnrolmentStatus.ENROLLED).count() > 1
