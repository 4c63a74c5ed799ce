"""Matching's scheduled jobs as the scheduler runs them: skip a day, run, nothing is sent twice.

Uses the same helpers as test_upkeep.py; only the scheduler (core.scheduling) drives the services here.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from drakentemmers.core import scheduling
from drakentemmers.core.models import OutgoingEmail
from drakentemmers.matching import services
from drakentemmers.matching.models import CareRequest, RequestStatus

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _at(moment: datetime, capture, action):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return action()


def _mails(to: str) -> list[str]:
    return [m.subject for m in OutgoingEmail.objects.order_by("pk") if m.to == [to]]


def test_candidacy_reminder_counts_koningsdag_out_and_is_sent_once(django_capture_on_commit_callbacks):
    run = django_capture_on_commit_callbacks
    thursday = datetime(2026, 4, 23, 10, 0, tzinfo=AMS)
    with time_machine.travel(thursday, tick=False):
        staff = org_staff()
        cr = care_request(staff=staff, status=RequestStatus.OPEN)
        t = therapist()
        services.candidacies_create(care_request=cr, therapist_ids=[t.pk], by=staff)
        scheduling.catch_up()  # the scheduler's first start
    before = len(_mails(t.user.email))
    # Fri 24 and Tue 28 April are working days 1 and 2: Mon 27 April is Koningsdag.
    for day in (datetime(2026, 4, 24, 9, 5, tzinfo=AMS), datetime(2026, 4, 28, 9, 5, tzinfo=AMS)):
        assert _at(day, run, lambda: services.candidacies_remind()) == {"reminded": 0, "expired": 0}
        _at(day, run, lambda: scheduling.job_fire("candidacies_remind"))
    assert len(_mails(t.user.email)) == before
    # Down on Wednesday 29 (working day 3); started Thursday 30 at 08:00, then that day's own slot.
    thursday_0800 = datetime(2026, 4, 30, 8, 0, tzinfo=AMS)
    assert "candidacies_remind" in _at(thursday_0800, run, scheduling.catch_up)
    _at(thursday_0800 + timedelta(minutes=65), run, lambda: scheduling.job_fire("candidacies_remind"))
    _at(thursday_0800 + timedelta(hours=2), run, scheduling.catch_up)
    assert len(_mails(t.user.email)) == before + 1


def test_expiry_warning_after_a_missed_night_is_sent_once(settings, django_capture_on_commit_callbacks):
    run = django_capture_on_commit_callbacks
    settings.MATCHING_EXPIRE_AFTER_WEEKS = 8
    published = datetime(2026, 3, 2, 12, 0, tzinfo=AMS)
    with time_machine.travel(published, tick=False):
        staff = org_staff()
        cr = care_request(staff=staff, status=RequestStatus.OPEN)
    sunday_before = published + timedelta(weeks=7, days=-1)
    _at(sunday_before, run, scheduling.catch_up)  # first start
    # The night of 7 weeks (Mon 20 April 01:30) is missed; the scheduler starts at 10:00 and runs on.
    monday_1000 = datetime(2026, 4, 20, 10, 0, tzinfo=AMS)
    assert "care_requests_expire" in _at(monday_1000, run, scheduling.catch_up)
    _at(datetime(2026, 4, 21, 1, 30, tzinfo=AMS), run, lambda: scheduling.job_fire("care_requests_expire"))
    _at(datetime(2026, 4, 21, 9, 0, tzinfo=AMS), run, scheduling.catch_up)
    warnings = [s for s in _mails(staff.email) if "actueel" in s]  # "Is ... hulpvraag nog actueel?"
    cr.refresh_from_db()
    assert cr.status == RequestStatus.OPEN and cr.expiry_warned_at is not None
    assert len(warnings) == 1, _mails(staff.email)


def test_anonymisation_after_a_missed_night_runs_once(settings, django_capture_on_commit_callbacks):
    run = django_capture_on_commit_callbacks
    settings.MATCHING_RETENTION_DAYS = 30
    closed_on = datetime(2026, 3, 2, 12, 0, tzinfo=AMS)
    with time_machine.travel(closed_on, tick=False):
        cr = care_request(staff=org_staff(), status=RequestStatus.WITHDRAWN)
        scheduling.catch_up()
    # 3 April 03:30 is missed; the scheduler starts at 09:00 and catches up, then the next night runs.
    assert "care_requests_anonymise" in _at(datetime(2026, 4, 3, 9, 0, tzinfo=AMS), run, scheduling.catch_up)
    cr.refresh_from_db()
    anonymised_at = cr.anonymised_at
    assert anonymised_at is not None and cr.context == ""
    _at(datetime(2026, 4, 4, 3, 30, tzinfo=AMS), run, lambda: scheduling.job_fire("care_requests_anonymise"))
    assert CareRequest.objects.get(pk=cr.pk).anonymised_at == anonymised_at
