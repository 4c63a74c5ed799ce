"""The registry under overlapping overrides, in the order that broke the quality journey in CI.

The journey switches intervision to review with `evaluators_overridden(intervision=None)` while the live
server's threads read the same registry. An override that started earlier and ends in between (another thread's,
or a leaked one closed late) used to restore its whole snapshot, intervision evaluator included: the checklist had
just offered the review form, and the review request was then refused as "checked automatically".
"""

import threading

import pytest
from django.utils import timezone

from drakentemmers.quality import criteria, services
from drakentemmers.quality.criteria import CriterionResult, evaluators_overridden
from drakentemmers.quality.models import CriterionKind, CriterionReview
from drakentemmers.quality.selectors import checklist_for

from .factories import builtin_criteria, criterion, member

pytestmark = pytest.mark.django_db


def platform_intervision(user, crit, *, today):
    """Stands in for the colleagues app's evaluator: the platform counts 0 of 4 meetings."""
    return CriterionResult(False, "0 van 4")


def _intervision_item(user, intervision):
    return next(i for i in checklist_for(user, today=timezone.localdate()).items if i.criterion.pk == intervision.pk)


def test_another_threads_override_ending_keeps_intervision_by_review():
    user = member()
    builtin_criteria()
    intervision = criterion(CriterionKind.INTERVISION, threshold=4, period_months=24, order=4)
    started, end_now, ended = threading.Event(), threading.Event(), threading.Event()

    def other_test_thread():
        with evaluators_overridden():  # sees the platform's intervision evaluator when it starts
            started.set()
            end_now.wait(10)
        ended.set()

    with evaluators_overridden(intervision=platform_intervision):  # the platform as installed
        thread = threading.Thread(target=other_test_thread)
        thread.start()
        assert started.wait(10)
        with evaluators_overridden(intervision=None):  # the journey: the team reviews intervision
            assert _intervision_item(user, intervision).by_review  # the member gets the review form
            end_now.set()
            assert ended.wait(10)
            thread.join(10)
            assert _intervision_item(user, intervision).by_review
            review = services.review_request(user=user, criterion=intervision, note="Intervisiegroep Noord.")
        assert CriterionReview.objects.filter(pk=review.pk, user=user).exists()
        # The journey's override has ended: the platform's evaluator counts again.
        assert _intervision_item(user, intervision).met is False


def test_an_override_ending_out_of_order_undoes_only_its_own_change():
    older = evaluators_overridden(training_hours=platform_intervision)
    older.__enter__()
    try:
        with evaluators_overridden(intervision=None, training_hours=None):
            older.__exit__(None, None, None)
            older = None
            assert criteria.criterion_evaluator_get(CriterionKind.INTERVISION) is None
            assert criteria.criterion_evaluator_get(CriterionKind.TRAINING_HOURS) is None
            # The built-in evaluators stay visible throughout.
            assert criteria.criterion_evaluator_get(CriterionKind.DECLARATION) is criteria.declaration_signed
    finally:
        if older is not None:
            older.__exit__(None, None, None)
    assert criteria.criterion_evaluator_get(CriterionKind.TRAINING_HOURS) is None  # the conftest's override


def test_a_registration_inside_an_override_ends_with_it():
    with evaluators_overridden():
        criteria.criterion_evaluator_register(CriterionKind.INTERVISION, platform_intervision)
        assert criteria.criterion_evaluator_get(CriterionKind.INTERVISION) is platform_intervision
    assert criteria.criterion_evaluator_get(CriterionKind.INTERVISION) is None


def test_the_checklist_follows_a_changed_criterion_at_once():
    """No evaluator result is kept anywhere: the team's change shows on the member's next page."""
    from decimal import Decimal

    from drakentemmers.quality.criteria import amount_since_evaluator

    user = member()
    intervision = criterion(CriterionKind.INTERVISION, threshold=4, period_months=24)
    counted = amount_since_evaluator(lambda u, *, since: 3, detail=criteria.INTERVISION_DETAIL)
    with evaluators_overridden(intervision=counted):
        assert _intervision_item(user, intervision).met is False
        intervision.threshold = Decimal(3)
        services.criterion_save(criterion=intervision)
        assert _intervision_item(user, intervision).met is True
    with evaluators_overridden(intervision=None):  # the kind goes to review: the next page offers the form
        assert _intervision_item(user, intervision).by_review
