"""The availability reminders as the scheduler runs them: on working days, caught up once, never twice."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from drakentemmers.core import scheduling
from drakentemmers.core.models import OutgoingEmail
from drakentemmers.directory.tests.factories import TherapistProfileFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
MONDAY_0900 = datetime(2026, 3, 2, 9, 0, tzinfo=AMS)


def _at(moment: datetime, django_capture_on_commit_callbacks, action):
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        return action()


def _reminded() -> list[str]:
    return sorted(m.to[0] for m in OutgoingEmail.objects.filter(subject__icontains="beschikbaarheid"))


def test_skip_a_day_then_run_twice_and_nobody_is_reminded_twice(django_capture_on_commit_callbacks):
    run = django_capture_on_commit_callbacks
    stale = TherapistProfileFactory(availability_confirmed_at=MONDAY_0900 - timedelta(days=40))
    # Becomes due on Tuesday, the day the scheduler is down.
    due_tuesday = TherapistProfileFactory(availability_confirmed_at=MONDAY_0900 - timedelta(days=27, hours=12))
    _at(MONDAY_0900 - timedelta(days=1), run, scheduling.catch_up)  # the scheduler starts on Sunday
    _at(MONDAY_0900, run, lambda: scheduling.job_fire("availability_reminders"))
    assert _reminded() == [stale.user.email]
    # Down all Tuesday (its 09:00 run missed); started on Wednesday at 08:00, then Wednesday's own slot.
    wednesday_0800 = MONDAY_0900 + timedelta(days=2, hours=-1)
    assert "availability_reminders" in _at(wednesday_0800, run, scheduling.catch_up)
    _at(wednesday_0800 + timedelta(hours=1), run, lambda: scheduling.job_fire("availability_reminders"))
    _at(wednesday_0800 + timedelta(hours=2), run, scheduling.catch_up)  # and a restart after that
    assert _reminded() == sorted([stale.user.email, due_tuesday.user.email])
