"""The evaluator registry and the built-in evaluators."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from drakentemmers.directory.models import RegistrationKind, VerificationStatus
from drakentemmers.quality import criteria
from drakentemmers.quality.criteria import CriterionResult, evaluators_overridden, months_after, months_before
from drakentemmers.quality.models import DECLARATION_VERSION, CriterionKind, DeclarationSignature
from drakentemmers.quality.selectors import checklist_for

from .factories import builtin_criteria, criterion, member, sign

pytestmark = pytest.mark.django_db


def test_months_arithmetic_keeps_the_day_or_takes_the_month_end():
    assert months_after(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 15), 24) == date(2024, 3, 15)
    assert months_after(date(2026, 12, 1), 12) == date(2027, 12, 1)


def test_a_kind_without_evaluator_needs_review():
    user = member()
    item = criterion(CriterionKind.TRAINING_HOURS, threshold=24, period_months=24)
    with evaluators_overridden(training_hours=None):
        assert criteria.criterion_evaluate(user, item, today=timezone.localdate()).met is None


def test_a_registered_fake_evaluator_is_called_with_user_criterion_and_today():
    user = member()
    item = criterion(CriterionKind.TRAINING_HOURS, threshold=24, period_months=24)
    calls = []

    def fake(therapist_user, crit, *, today):
        calls.append((therapist_user, crit, today))
        return CriterionResult(True, "24 uur")

    day = date(2026, 6, 1)
    with evaluators_overridden(training_hours=fake):
        result = criteria.criterion_evaluate(user, item, today=day)
    assert result == CriterionResult(True, "24 uur")
    assert calls == [(user, item, day)]
    # Restored afterwards: the kind is back to "by review".
    assert criteria.criterion_evaluator_get(CriterionKind.TRAINING_HOURS) is None


def test_registration_needs_a_verified_profile_with_a_number():
    ok = member()
    suspended = member(status=VerificationStatus.SUSPENDED)
    no_number = member(big_number="", registration_kind=RegistrationKind.BIG)
    item = criterion(CriterionKind.VERIFIED_REGISTRATION)
    today = timezone.localdate()
    assert criteria.verified_registration(ok, item, today=today).met is True
    assert criteria.verified_registration(suspended, item, today=today).met is False
    assert criteria.verified_registration(no_number, item, today=today).met is False


def test_availability_uses_the_directory_freshness():
    item = criterion(CriterionKind.AVAILABILITY_CURRENT)
    now = timezone.now()
    fresh = member(availability_confirmed_at=now - timedelta(days=27))
    stale = member(availability_confirmed_at=now - timedelta(days=29))
    never = member(availability_confirmed_at=None)
    today = timezone.localdate()
    assert criteria.availability_current(fresh, item, today=today).met is True
    assert criteria.availability_current(stale, item, today=today).met is False
    assert criteria.availability_current(never, item, today=today).met is False


def test_declaration_counts_only_the_current_version_within_the_period():
    item = criterion(CriterionKind.DECLARATION, period_months=12)
    user = member()
    today = timezone.localdate()
    DeclarationSignature.objects.create(user=user, version="2020-1", signed_at=timezone.now())
    assert criteria.declaration_signed(user, item, today=today).met is False
    sign(user, at=timezone.now() - timedelta(days=400))
    assert criteria.declaration_signed(user, item, today=today).met is False
    sign(user)
    result = criteria.declaration_signed(user, item, today=today)
    assert result.met is True and "Ondertekend op" in result.detail
    assert DECLARATION_VERSION


def test_checklist_uses_a_review_only_when_the_platform_has_no_data():
    from drakentemmers.quality.models import CriterionReview, ReviewStatus

    user = member()
    builtin_criteria()
    intervision = criterion(CriterionKind.INTERVISION, threshold=4, period_months=24)
    sign(user)
    today = timezone.localdate()
    checklist = checklist_for(user, today=today)
    assert [item.met for item in checklist.items] == [True, True, True, None]
    assert not checklist.all_met and checklist.missing[0].criterion == intervision
    CriterionReview.objects.create(
        user=user, criterion=intervision, status=ReviewStatus.MET, valid_until=today, evidence_note="Presentielijst"
    )
    checklist = checklist_for(user, today=today)
    assert checklist.all_met and checklist.items[-1].detail == "Presentielijst"
    # Past its date the review no longer counts.
    assert not checklist_for(user, today=today + timedelta(days=1)).all_met
    # An evaluator that has data wins over a review.
    with evaluators_overridden(intervision=lambda u, c, *, today: CriterionResult(False, "2 van 4")):
        assert checklist_for(user, today=today).items[-1].met is False


def test_inactive_criteria_do_not_count():
    user = member()
    criterion(CriterionKind.INTERVISION, is_active=False)
    criterion(CriterionKind.VERIFIED_REGISTRATION)
    assert checklist_for(user, today=timezone.localdate()).all_met


def test_no_criteria_means_no_mark():
    assert not checklist_for(member(), today=timezone.localdate()).all_met


def test_amount_since_evaluator_turns_a_selector_into_a_criterion():
    """What the integrator registers for learning's training hours and colleagues' intervision meetings."""
    from decimal import Decimal

    user = member()
    item = criterion(CriterionKind.TRAINING_HOURS, threshold=24, period_months=24)
    seen = []

    def training_hours_for_user(u, *, since):
        seen.append((u, since))
        return Decimal("12.5")

    evaluate = criteria.amount_since_evaluator(training_hours_for_user, detail=criteria.TRAINING_HOURS_DETAIL)
    with evaluators_overridden(training_hours=evaluate):
        result = criteria.criterion_evaluate(user, item, today=date(2026, 12, 1))
    assert seen == [(user, date(2024, 12, 1))]
    assert result.met is False and result.detail == "12,5 van 24 scholingsuren sinds 1 december 2024."
    assert evaluate(user, criterion(CriterionKind.TRAINING_HOURS, threshold=12), today=date(2026, 12, 1)).met is True
    meetings = criteria.amount_since_evaluator(lambda u, *, since: 0, detail=criteria.INTERVISION_DETAIL)
    assert meetings(user, criterion(CriterionKind.INTERVISION), today=date(2026, 12, 1)).met is False


def test_selector_evaluators_register_only_for_installed_apps():
    from drakentemmers.quality import integrations

    with evaluators_overridden():
        assert integrations.register_installed(lambda app: False) == []
        assert criteria.criterion_evaluator_get(CriterionKind.TRAINING_HOURS) is None
        assert integrations.register_installed(lambda app: app == "drakentemmers.learning") == ["training_hours"]
        assert criteria.criterion_evaluator_get(CriterionKind.TRAINING_HOURS) is not None
        assert criteria.criterion_evaluator_get(CriterionKind.INTERVISION) is None


def test_a_missing_selector_falls_back_to_review():
    from drakentemmers.quality import integrations

    evaluate = integrations.selector_evaluator("drakentemmers.nowhere.selectors.hours", criteria.TRAINING_HOURS_DETAIL)
    item = criterion(CriterionKind.TRAINING_HOURS, threshold=24)
    assert evaluate(member(), item, today=date(2026, 12, 1)).met is None


def test_a_working_selector_is_called_with_since():
    from drakentemmers.quality import integrations

    evaluate = integrations.selector_evaluator(
        "drakentemmers.quality.tests.test_criteria.fake_training_hours", criteria.TRAINING_HOURS_DETAIL
    )
    item = criterion(CriterionKind.TRAINING_HOURS, threshold=24, period_months=24)
    result = evaluate(member(), item, today=date(2026, 12, 1))
    assert result.met is True and "sinds 1 december 2024" in result.detail


def fake_training_hours(user, *, since):
    """Stands in for learning.selectors.training_hours_for_user in the test above."""
    from decimal import Decimal

    return Decimal(30) if since == date(2024, 12, 1) else Decimal(0)
