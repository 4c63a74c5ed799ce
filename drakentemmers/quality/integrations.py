"""Evaluators for data other apps hold, registered once those apps are installed (no import before that).

The contracts (issue 22):

    learning.selectors.training_hours_for_user(user, since=date) -> Decimal
    colleagues.selectors.intervision_meetings_attended(user, since=date) -> int

Until an app is installed its criterion is evaluated by review. When it is installed but its selector is
missing or fails, the criterion falls back to review too (logged), so a contract mismatch never breaks the
member's checklist or the daily job. The integrator may also register their own evaluator: the last one wins.
"""

import logging
from collections.abc import Callable

from django.apps import apps
from django.utils.module_loading import import_string

from .criteria import (
    INTERVISION_DETAIL,
    TRAINING_HOURS_DETAIL,
    CriterionResult,
    Evaluator,
    amount_since_evaluator,
    criterion_evaluator_register,
)
from .models import CriterionKind

logger = logging.getLogger(__name__)

# kind → (app that holds the data, dotted path of its selector, detail text)
SELECTORS = {
    CriterionKind.TRAINING_HOURS: (
        "drakentemmers.learning",
        "drakentemmers.learning.selectors.training_hours_for_user",
        TRAINING_HOURS_DETAIL,
    ),
    CriterionKind.INTERVISION: (
        "drakentemmers.colleagues",
        "drakentemmers.colleagues.selectors.intervision_meetings_attended",
        INTERVISION_DETAIL,
    ),
}


def selector_evaluator(path: str, detail: str) -> Evaluator:
    """An evaluator calling the selector at `path`, imported on first use; by review when it is unusable."""

    def measure(user, *, since):
        return import_string(path)(user, since=since)

    evaluate = amount_since_evaluator(measure, detail=detail)

    def guarded(user, criterion, *, today) -> CriterionResult:
        try:
            return evaluate(user, criterion, today=today)
        except Exception:  # a contract mismatch must not break the checklist: the team reviews instead
            logger.exception("Quality criterion %s: selector %s failed; evaluated by review", criterion.kind, path)
            return CriterionResult(None, "")

    return guarded


def register_installed(is_installed: Callable[[str], bool] = apps.is_installed) -> list[str]:
    """Register the evaluators whose app is installed; returns their kinds."""
    registered = []
    for kind, (app, path, detail) in SELECTORS.items():
        if is_installed(app):
            criterion_evaluator_register(kind, selector_evaluator(path, detail))
            registered.append(kind)
    return registered
