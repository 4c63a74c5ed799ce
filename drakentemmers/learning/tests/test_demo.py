"""The demo seeder: fictitious trainings in real places, past ones with attendance, idempotent, no e-mail."""

import pytest

from drakentemmers.core.models import OutgoingEmail
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.learning import demo, selectors
from drakentemmers.learning.models import Attendance, Enrolment, Training

pytestmark = pytest.mark.django_db


def test_the_demo_seeder_fills_calendar_and_figures_once():
    for _ in range(12):
        TherapistProfileFactory()
    demo.seed()
    counts = (Training.objects.count(), Enrolment.objects.count(), Attendance.objects.count())
    demo.seed()
    assert (Training.objects.count(), Enrolment.objects.count(), Attendance.objects.count()) == counts
    assert counts[0] == len(demo.PLAN) and counts[2] > 0
    assert not OutgoingEmail.objects.exists()
    assert len(selectors.training_calendar(filters=selectors.CalendarFilters())) >= 5
    by_region = selectors.people_trained(by="region")
    assert len([figure for figure in by_region if figure.label]) >= 3  # several real regions
    assert any(figure.by_audience["referring"] for figure in by_region)
    # Some coming training is full with a waiting list, so the demo shows one.
    assert Enrolment.objects.filter(status="waitlisted").exists()
