from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from drakentemmers.conversations.models import Message, Thread
from drakentemmers.matching import services, tasks
from drakentemmers.matching.models import CandidacyStatus, RequestStatus
from drakentemmers.matching.services import working_days_between

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db
# UTC: adding weeks across the DST switch must not shift the wall clock by an hour.
AMS = ZoneInfo("UTC")
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=AMS)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-03-02", "2026-03-02", 0),  # same day
        ("2026-03-02", "2026-03-05", 3),  # Mon → Thu
        ("2026-03-06", "2026-03-09", 1),  # Fri → Mon: the weekend does not count
        ("2026-03-06", "2026-03-11", 3),
        ("2026-03-02", "2026-03-11", 7),
        ("2026-03-02", "2026-03-30", 20),
    ],
)
def test_working_days_between(start, end, expected):
    from datetime import date

    assert working_days_between(date.fromisoformat(start), date.fromisoformat(end)) == expected


def _invite_on_monday():
    with time_machine.travel(MONDAY, tick=False):
        staff = org_staff()
        cr = care_request(staff=staff, status=RequestStatus.OPEN)
        t = therapist()
        candidacy = services.candidacies_create(care_request=cr, therapist_ids=[t.pk], by=staff)[0]
    return staff, cr, t, candidacy


def test_reminder_after_three_working_days_once(django_capture_on_commit_callbacks):
    _staff, _cr, t, candidacy = _invite_on_monday()
    mail.outbox.clear()
    with time_machine.travel(MONDAY + timedelta(days=2), tick=False):  # Wednesday: 2 working days
        assert services.candidacies_remind() == {"reminded": 0, "expired": 0}
    with time_machine.travel(MONDAY + timedelta(days=3), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert tasks.candidacies_remind.enqueue().return_value == {"reminded": 1, "expired": 0}
        assert services.candidacies_remind() == {"reminded": 0, "expired": 0}
    assert [m.to for m in mail.outbox] == [[t.user.email]]
    candidacy.refresh_from_db()
    assert candidacy.reminded_at is not None and candidacy.status == CandidacyStatus.INVITED


def test_after_seven_working_days_organisation_told_and_candidacy_lapses(django_capture_on_commit_callbacks):
    staff, cr, _t, candidacy = _invite_on_monday()
    mail.outbox.clear()
    with time_machine.travel(MONDAY + timedelta(days=8), tick=False):  # next Tuesday: 6 working days
        services.candidacies_remind()
        candidacy.refresh_from_db()
        assert candidacy.status == CandidacyStatus.INVITED
    with time_machine.travel(MONDAY + timedelta(days=9), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.candidacies_remind()["expired"] == 1
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.EXPIRED and candidacy.escalated_at
    assert mail.outbox[-1].to == [staff.email]
    assert f"/hulpvragen/{cr.pk}/kandidaten/" in mail.outbox[-1].body


def test_answered_candidacies_are_not_reminded():
    _staff, _cr, _t, candidacy = _invite_on_monday()
    services.candidacy_decline(candidacy=candidacy, reason="no_place")
    with time_machine.travel(MONDAY + timedelta(days=20), tick=False):
        assert services.candidacies_remind() == {"reminded": 0, "expired": 0}


def test_expiry_asks_first_then_expires(settings, django_capture_on_commit_callbacks):
    settings.MATCHING_EXPIRE_AFTER_WEEKS = 8
    with time_machine.travel(MONDAY, tick=False):
        staff = org_staff()
        cr = care_request(staff=staff, status=RequestStatus.OPEN)
        t = therapist()
        services.candidacies_create(care_request=cr, therapist_ids=[t.pk], by=staff)
    mail.outbox.clear()
    with time_machine.travel(MONDAY + timedelta(weeks=7) - timedelta(hours=1), tick=False):
        assert services.care_requests_expire() == {"warned": 0, "expired": 0}
    with time_machine.travel(MONDAY + timedelta(weeks=7), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.care_requests_expire() == {"warned": 1, "expired": 0}
        assert services.care_requests_expire() == {"warned": 0, "expired": 0}
    assert mail.outbox[-1].to == [staff.email]
    with time_machine.travel(MONDAY + timedelta(weeks=8), tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("matching_expire", stdout=StringIO())
    cr.refresh_from_db()
    assert cr.status == RequestStatus.EXPIRED
    assert cr.status_changes.last().changed_by is None
    assert cr.candidacies.get().status == CandidacyStatus.WITHDRAWN
    assert {m.to[0] for m in mail.outbox[-2:]} == {staff.email, t.user.email}


def test_expiry_never_without_asking_first(settings):
    settings.MATCHING_EXPIRE_AFTER_WEEKS = 8
    with time_machine.travel(MONDAY, tick=False):
        cr = care_request(staff=org_staff(), status=RequestStatus.OPEN)
    with time_machine.travel(MONDAY + timedelta(weeks=12), tick=False):
        assert services.care_requests_expire() == {"warned": 1, "expired": 0}
    cr.refresh_from_db()
    assert cr.status == RequestStatus.OPEN


def test_keep_open_postpones_expiry(settings):
    settings.MATCHING_EXPIRE_AFTER_WEEKS = 8
    with time_machine.travel(MONDAY, tick=False):
        staff = org_staff()
        cr = care_request(staff=staff, status=RequestStatus.OPEN)
    with time_machine.travel(MONDAY + timedelta(weeks=7), tick=False):
        services.care_requests_expire()
        cr.refresh_from_db()
        services.care_request_keep_open(care_request=cr, by=staff)
    with time_machine.travel(MONDAY + timedelta(weeks=9), tick=False):
        assert services.care_requests_expire() == {"warned": 0, "expired": 0}


def test_retention_anonymises_finished_requests_only(settings):
    settings.MATCHING_RETENTION_DAYS = 365
    with time_machine.travel(MONDAY, tick=False):
        staff = org_staff()
        closed = care_request(staff=staff, status=RequestStatus.OPEN)
        t = therapist()
        candidacy = services.candidacies_create(care_request=closed, therapist_ids=[t.pk], by=staff)[0]
        services.message_send(candidacy=candidacy, author=staff, body="Start dinsdag?")
        services.candidacy_accept(candidacy=candidacy)
        services.match_confirm(candidacy=candidacy, by=staff)
        services.care_request_close(care_request=closed, by=staff, note="Behandeling afgerond")
        still_open = care_request(staff=staff, status=RequestStatus.OPEN)
    with time_machine.travel(MONDAY + timedelta(days=364), tick=False):
        assert services.care_requests_anonymise() == 0
    with time_machine.travel(MONDAY + timedelta(days=366), tick=False):
        assert tasks.care_requests_anonymise.enqueue().return_value == 1
        assert services.care_requests_anonymise() == 0
    closed.refresh_from_db()
    assert closed.context == "" and closed.title == "—" and closed.postcode_area is None
    assert closed.latitude == pytest.approx(closed.municipality.latitude)
    assert Message.objects.get(thread__about_id=candidacy.pk).body == ""
    assert Thread.objects.get(about_id=candidacy.pk).subject == "—"
    assert set(closed.status_changes.values_list("note", flat=True)) == {""}
    still_open.refresh_from_db()
    assert still_open.context and still_open.anonymised_at is None


def test_management_commands_run():
    for command in ("matching_remind", "matching_expire", "matching_anonymise"):
        out = StringIO()
        call_command(command, stdout=out)
        assert out.getvalue()
    assert timezone.now()
