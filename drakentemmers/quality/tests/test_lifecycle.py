"""The mark's lifecycle in the daily job: award, renewal reminder, renew, notice, withdraw, expire. Time-machine
moves the clock; every run is repeated to show it is idempotent (nothing is sent twice)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from drakentemmers.core import scheduling
from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.quality import services
from drakentemmers.quality.criteria import CriterionResult, evaluators_overridden
from drakentemmers.quality.models import CriterionKind, MarkStatus, QualityMark

from .factories import builtin_criteria, criterion, member, sign

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 3, 2, 4, 15, tzinfo=AMSTERDAM)


def _run(capture, **kwargs) -> dict[str, int]:
    with capture(execute=True):
        return services.marks_daily_update(**kwargs)


def _day(travel, day: date) -> None:
    travel.move_to(datetime(day.year, day.month, day.day, 4, 15, tzinfo=AMSTERDAM))


def _confirm(user) -> None:
    TherapistProfile.objects.filter(user=user).update(availability_confirmed_at=timezone.now())


@pytest.fixture
def holder(django_capture_on_commit_callbacks):
    """A member who meets the three built-in criteria on START."""
    with time_machine.travel(START, tick=False):
        builtin_criteria()
        user = member()
        sign(user)
    return user


def test_award_when_all_criteria_are_met_then_nothing_twice(holder, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False):
        assert _run(django_capture_on_commit_callbacks) == {"awarded": 1}
        assert _run(django_capture_on_commit_callbacks) == {}
    mark = QualityMark.objects.get(user=holder)
    assert (mark.status, mark.valid_from, mark.valid_until) == (MarkStatus.VALID, date(2026, 3, 2), date(2027, 3, 2))
    assert len(mail.outbox) == 1 and "keurmerk" in mail.outbox[0].subject.lower()
    assert f"/keurmerk/controle/{mark.code}/" in mail.outbox[0].body


def test_a_member_missing_a_criterion_gets_no_mark(django_capture_on_commit_callbacks):
    builtin_criteria()
    member()  # has not signed the declaration
    assert _run(django_capture_on_commit_callbacks) == {}
    assert not QualityMark.objects.exists()


def test_notice_then_withdrawal_after_the_grace_period(holder, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False) as travel:
        _run(django_capture_on_commit_callbacks)
        # The availability goes stale 28 days later: notice first.
        _day(travel, date(2026, 3, 31))
        assert _run(django_capture_on_commit_callbacks) == {"notice": 1}
        assert _run(django_capture_on_commit_callbacks) == {}
        mark = QualityMark.objects.get(user=holder)
        assert mark.notice_given_on == date(2026, 3, 31) and mark.notice_until == date(2026, 4, 30)
        assert mark.is_valid_on(date(2026, 4, 29))
        _day(travel, date(2026, 4, 29))
        assert _run(django_capture_on_commit_callbacks) == {}
        _day(travel, date(2026, 4, 30))
        assert _run(django_capture_on_commit_callbacks) == {"withdrawn": 1}
        assert _run(django_capture_on_commit_callbacks) == {}
    mark.refresh_from_db()
    assert (mark.status, mark.ended_on, mark.blocks_new_award) == (MarkStatus.WITHDRAWN, date(2026, 4, 30), False)
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 3 and "ingetrokken" in subjects[-1]
    assert "Beschikbaarheid actueel" in mail.outbox[1].body  # the notice says what is missing


def test_meeting_the_criteria_again_lifts_the_notice(holder, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False) as travel:
        _run(django_capture_on_commit_callbacks)
        _day(travel, date(2026, 3, 31))
        _run(django_capture_on_commit_callbacks)
        _confirm(holder)
        assert _run(django_capture_on_commit_callbacks) == {"notice_lifted": 1}
        _day(travel, date(2026, 4, 30))
        _confirm(holder)
        assert _run(django_capture_on_commit_callbacks) == {}
    mark = QualityMark.objects.get(user=holder)
    assert mark.status == MarkStatus.VALID and mark.notice_given_on is None


def test_renewal_reminder_once_then_renewed_on_the_end_date(holder, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False) as travel:
        _run(django_capture_on_commit_callbacks)
        _day(travel, date(2027, 1, 1))  # 60 days before 2 March 2027
        _confirm(holder)
        assert _run(django_capture_on_commit_callbacks) == {"reminded": 1}
        assert _run(django_capture_on_commit_callbacks) == {}
        _day(travel, date(2027, 3, 2))
        _confirm(holder)
        sign(holder)  # the declaration holds for 12 months: signed again
        assert _run(django_capture_on_commit_callbacks) == {"renewed": 1}
        assert _run(django_capture_on_commit_callbacks) == {}
    mark = QualityMark.objects.get(user=holder)
    assert (mark.valid_from, mark.valid_until) == (date(2026, 3, 2), date(2028, 3, 2))
    assert "verloopt binnenkort" in mail.outbox[1].subject
    assert "Vandaag voldoe je aan alle criteria" in mail.outbox[1].body
    assert "verlengd tot en met 2 maart 2028" in mail.outbox[2].body


def test_the_renewal_reminder_lists_what_is_missing(holder, django_capture_on_commit_callbacks, settings):
    settings.QUALITY_NOTICE_GRACE_DAYS = 400
    with time_machine.travel(START, tick=False) as travel:
        _run(django_capture_on_commit_callbacks)
        _day(travel, date(2027, 1, 1))
        assert _run(django_capture_on_commit_callbacks) == {"notice": 1, "reminded": 1}
    body = mail.outbox[-1].body
    assert "Nog niet voldaan:" in body and "- Beschikbaarheid actueel: Bevestig of werk je beschikbaarheid bij" in body


def test_expiry_when_not_renewable_on_the_end_date(holder, django_capture_on_commit_callbacks, settings):
    settings.QUALITY_NOTICE_GRACE_DAYS = 400  # the notice does not end first
    with time_machine.travel(START, tick=False) as travel:
        _run(django_capture_on_commit_callbacks)
        _day(travel, date(2027, 3, 2))
        assert "renewed" not in _run(django_capture_on_commit_callbacks)
        mark = QualityMark.objects.get(user=holder)
        assert mark.status == MarkStatus.VALID and mark.is_valid_on(date(2027, 3, 2))
        assert not mark.is_valid_on(date(2027, 3, 3))  # pages show it expired even before the job runs
        _day(travel, date(2027, 3, 3))
        assert _run(django_capture_on_commit_callbacks) == {"expired": 1}
    mark.refresh_from_db()
    assert (mark.status, mark.ended_on) == (MarkStatus.EXPIRED, date(2027, 3, 3))


def test_the_validity_is_configurable(holder, django_capture_on_commit_callbacks, settings):
    settings.QUALITY_MARK_VALID_MONTHS = 24
    with time_machine.travel(START, tick=False):
        _run(django_capture_on_commit_callbacks)
    assert QualityMark.objects.get(user=holder).valid_until == date(2028, 3, 2)


def test_a_suspended_member_loses_the_mark_after_notice(holder, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False) as travel:
        _run(django_capture_on_commit_callbacks)
        TherapistProfile.objects.filter(user=holder).update(status=VerificationStatus.SUSPENDED)
        _day(travel, date(2026, 3, 3))
        _confirm(holder)
        assert _run(django_capture_on_commit_callbacks) == {"notice": 1}


def test_manual_withdrawal_blocks_a_new_award_until_allowed(holder, verifier_user, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False) as travel:
        _run(django_capture_on_commit_callbacks)
        mark = QualityMark.objects.get(user=holder)
        with django_capture_on_commit_callbacks(execute=True):
            services.mark_withdraw(mark=mark, by=verifier_user, reason="Klacht gegrond verklaard door tuchtcollege.")
        _day(travel, date(2026, 3, 3))
        _confirm(holder)
        assert _run(django_capture_on_commit_callbacks) == {}
        services.mark_allow_new_award(mark=mark)
        assert _run(django_capture_on_commit_callbacks) == {"awarded": 1}
    assert "tuchtcollege" in mail.outbox[1].body
    assert QualityMark.objects.filter(user=holder).count() == 2


def test_a_fake_evaluator_drives_the_lifecycle(holder, django_capture_on_commit_callbacks):
    criterion(CriterionKind.TRAINING_HOURS, threshold=24, period_months=24)
    hours = {"value": 30}

    def training(user, crit, *, today):
        return CriterionResult(hours["value"] >= crit.threshold, f"{hours['value']} uur")

    with evaluators_overridden(training_hours=training), time_machine.travel(START, tick=False):
        assert _run(django_capture_on_commit_callbacks) == {"awarded": 1}
        hours["value"] = 10
        assert _run(django_capture_on_commit_callbacks) == {"notice": 1}
    assert "10 uur" in mail.outbox[-1].body


def test_the_job_is_registered_daily():
    job = scheduling.job_get("quality_marks_update")
    assert not job.working_days_only and job.get_task() is not None
