"""Reads: a member's checklist, the marks shown next to profiles, the team's queue and lists."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet

from .criteria import CriterionResult, criterion_evaluate
from .models import (
    DECLARATION_VERSION,
    CriterionReview,
    DeclarationSignature,
    MarkStatus,
    QualityCriterion,
    QualityMark,
    ReviewStatus,
)

# The team's list of marks is capped per page view (newest first); enough for a network of a few hundred.
MARK_LIST_LIMIT = 500


@dataclass(frozen=True)
class ChecklistItem:
    criterion: QualityCriterion
    met: bool | None  # None: needs (or waits for) the team's review
    detail: str
    by_review: bool = False  # the result comes from (or waits for) a review by the team
    pending_review: CriterionReview | None = None


@dataclass(frozen=True)
class Checklist:
    items: list[ChecklistItem] = field(default_factory=list)

    @property
    def all_met(self) -> bool:
        return bool(self.items) and all(item.met is True for item in self.items)

    @property
    def missing(self) -> list[ChecklistItem]:
        return [item for item in self.items if item.met is not True]


def active_criteria() -> list[QualityCriterion]:
    return list(QualityCriterion.objects.filter(is_active=True))


def _reviews_by_criterion(user, today: date) -> tuple[dict[int, CriterionReview], dict[int, CriterionReview]]:
    """The member's current decided review and pending request per criterion (one query)."""
    decided: dict[int, CriterionReview] = {}
    pending: dict[int, CriterionReview] = {}
    reviews = CriterionReview.objects.filter(user=user).filter(
        Q(status=ReviewStatus.PENDING) | Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    for review in reviews.order_by("reviewed_at", "requested_at"):
        if review.status == ReviewStatus.PENDING:
            pending[review.criterion_id] = review
        else:
            decided[review.criterion_id] = review  # ordered: the latest decision wins
    return decided, pending


def checklist_for(user, *, today: date, criteria: list[QualityCriterion] | None = None) -> Checklist:
    """Every active criterion with its result for `user` on `today`: evaluated, or the team's review."""
    criteria = active_criteria() if criteria is None else criteria
    decided, pending = _reviews_by_criterion(user, today)
    items = []
    for criterion in criteria:
        result: CriterionResult = criterion_evaluate(user, criterion, today=today)
        if result.met is not None:
            items.append(ChecklistItem(criterion, result.met, result.detail))
            continue
        review = decided.get(criterion.pk)
        met = None if review is None else review.status == ReviewStatus.MET
        detail = result.detail if review is None else review.evidence_note
        items.append(ChecklistItem(criterion, met, detail, by_review=True, pending_review=pending.get(criterion.pk)))
    return Checklist(items)


def latest_signature(user) -> DeclarationSignature | None:
    """The member's latest signature of the current declaration text."""
    return DeclarationSignature.objects.filter(user=user, version=DECLARATION_VERSION).order_by("-signed_at").first()


def current_mark(user) -> QualityMark | None:
    """The member's valid mark (at most one), else the latest one, for the member's own page."""
    return valid_mark_for(user) or QualityMark.objects.filter(user=user).order_by("-created_at").first()


def valid_mark_for(user) -> QualityMark | None:
    return QualityMark.objects.filter(user=user, status=MarkStatus.VALID).first()


def marks_for_users(user_ids: Iterable[int], *, today: date) -> dict[int, QualityMark]:
    """The marks valid on `today` of these users, keyed by user id: one query, whatever the number."""
    ids = {user_id for user_id in user_ids if user_id is not None}
    if not ids:
        return {}
    marks = QualityMark.objects.filter(user_id__in=ids, status=MarkStatus.VALID, valid_until__gte=today)
    return {mark.user_id: mark for mark in marks.only("user_id", "valid_from", "valid_until", "status", "code")}


def mark_for_verification(code: str) -> QualityMark | None:
    return QualityMark.objects.select_related("user").filter(code=code).first()


def review_queue() -> QuerySet[CriterionReview]:
    return (
        CriterionReview.objects.filter(status=ReviewStatus.PENDING)
        .select_related("user", "criterion")
        .order_by("requested_at")
    )


def marks_list(*, status: str = "") -> QuerySet[QualityMark]:
    marks = QualityMark.objects.select_related("user", "withdrawn_by").order_by("-created_at")
    if status == "notice":
        marks = marks.filter(status=MarkStatus.VALID, notice_given_on__isnull=False)
    elif status in MarkStatus.values:
        marks = marks.filter(status=status)
    return marks


def marks_valid_on(day: date) -> QuerySet[QualityMark]:
    """Marks that were valid on `day` (also for a past day: a mark ended later still counts then)."""
    return QualityMark.objects.filter(valid_from__lte=day, valid_until__gte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
