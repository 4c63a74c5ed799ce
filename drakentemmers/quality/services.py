"""Writes: criteria, the declaration, reviews, and the mark's lifecycle (award, renew, notice, withdraw, expire).

The lifecycle is state-based: `mark_refresh(user, today)` looks at the member's checklist and current mark
and does what is due on `today`; running it twice on one day does nothing the second time. The daily job
(`marks_daily_update`) runs it for every member; signing the declaration and a review decision run it for
that member at once, so a mark is awarded the moment the last criterion is met.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_queue_template

from .criteria import months_after
from .models import (
    DECLARATION_VERSION,
    CriterionReview,
    DeclarationSignature,
    MarkStatus,
    QualityCriterion,
    QualityMark,
    ReviewStatus,
)
from .selectors import Checklist, active_criteria, checklist_for

logger = logging.getLogger(__name__)

# Defaults; an installation sets other values in its settings (QUALITY_MARK_VALID_MONTHS etc.).
MARK_VALID_MONTHS = 12  # a mark (and each renewal) runs this long
NOTICE_GRACE_DAYS = 30  # after a criterion lapses: notice first, withdrawal when still unmet this many days later
RENEWAL_REMINDER_DAYS = 60  # the renewal reminder goes out this many days before the end date
REVIEW_VALID_MONTHS = 12  # a reviewed "met" holds this long unless the team sets another date


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, f"QUALITY_{name}", default))


def mark_valid_months() -> int:
    return _setting("MARK_VALID_MONTHS", MARK_VALID_MONTHS)


def notice_grace_days() -> int:
    return _setting("NOTICE_GRACE_DAYS", NOTICE_GRACE_DAYS)


def renewal_reminder_days() -> int:
    return _setting("RENEWAL_REMINDER_DAYS", RENEWAL_REMINDER_DAYS)


def _url(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _mail(user, template: str, **context) -> None:
    email_queue_template(
        to=[user.email],
        template_prefix=f"quality/email/{template}",
        context={"user": user, "checklist_url": _url("quality:my_mark"), **context},
        language=user.preferred_language,
    )


# --- Criteria ------------------------------------------------------------------------------------------
@transaction.atomic
def criterion_save(*, criterion: QualityCriterion) -> QualityCriterion:
    """Create or change a criterion (the team's editor). Changes count from the next evaluation."""
    criterion.full_clean()
    criterion.save()
    return criterion


# --- Declaration ---------------------------------------------------------------------------------------
@transaction.atomic
def declaration_sign(*, user, today: date | None = None) -> DeclarationSignature:
    """Record that `user` signed the current declaration text now; then award the mark if all is met."""
    signature = DeclarationSignature(user=user, version=DECLARATION_VERSION, signed_at=timezone.now())
    signature.full_clean()
    signature.save()
    mark_refresh(user=user, today=today or timezone.localdate())
    return signature


# --- Reviews -------------------------------------------------------------------------------------------
@transaction.atomic
def review_request(*, user, criterion: QualityCriterion, note: str, today: date | None = None) -> CriterionReview:
    """A member asks the team to review a criterion the platform has no data for (one open request each)."""
    today = today or timezone.localdate()
    item = next((item for item in checklist_for(user, today=today).items if item.criterion.pk == criterion.pk), None)
    if item is None or not item.by_review:
        raise ValidationError(_("This criterion is checked automatically; there is nothing to review."))
    if item.pending_review is not None:
        raise ValidationError(_("You already asked for a review of this criterion. The team will look at it."))
    privacy_assert_storable({"member_note": note})
    review = CriterionReview(user=user, criterion=criterion, member_note=note.strip())
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def review_decide(
    *,
    review: CriterionReview,
    met: bool,
    evidence_note: str,
    by,
    valid_until: date | None = None,
    today: date | None = None,
) -> CriterionReview:
    """The team's result for a reviewed criterion, with its evidence; the member's mark follows at once."""
    today = today or timezone.localdate()
    review = CriterionReview.objects.select_for_update().get(pk=review.pk)
    if review.status != ReviewStatus.PENDING:
        raise ValidationError(_("This review has already been decided."))
    privacy_assert_storable({"evidence_note": evidence_note})
    if valid_until is None and met:
        valid_until = months_after(today, _setting("REVIEW_VALID_MONTHS", REVIEW_VALID_MONTHS))
    if valid_until is not None and valid_until < today:
        raise ValidationError({"valid_until": _("The date lies in the past.")})
    review.status = ReviewStatus.MET if met else ReviewStatus.NOT_MET
    review.evidence_note = evidence_note.strip()
    review.valid_until = valid_until if met else None
    review.reviewed_at = timezone.now()
    review.reviewed_by = by
    review.full_clean()
    review.save()
    _mail(review.user, "review_decided", review=review)
    mark_refresh(user=review.user, today=today)
    return review


# --- The mark's lifecycle -------------------------------------------------------------------------------
def _award(user, today: date) -> QualityMark:
    mark = QualityMark(user=user, valid_from=today, valid_until=months_after(today, mark_valid_months()))
    mark.full_clean()
    mark.save()
    _mail(user, "awarded", mark=mark, verification_url=_url("quality:verify", mark.code))
    return mark


def _end(mark: QualityMark, *, status: str, on: date, reason: str = "", by=None, block: bool = False) -> None:
    mark.status = status
    mark.ended_on = on
    mark.end_reason = reason
    mark.withdrawn_by = by
    mark.blocks_new_award = block
    mark.save(update_fields=["status", "ended_on", "end_reason", "withdrawn_by", "blocks_new_award"])


def _award_blocked(user) -> bool:
    latest = QualityMark.objects.filter(user=user).order_by("-created_at").first()
    return latest is not None and latest.blocks_new_award


def _is_candidate(user) -> bool:
    return user.is_active


def mark_refresh(*, user, today: date, checklist: Checklist | None = None) -> list[str]:
    """Do what is due for `user`'s mark on `today`; returns what happened (for the job's counts and tests).

    - no valid mark, every active criterion met → awarded (unless the team withdrew the last one by hand);
    - end date reached, all met → renewed for another period; end date passed, not all met → expired;
    - a criterion lapsed → notice (e-mail, grace period); still unmet when the grace ends → withdrawn;
      met again within the grace → the notice is lifted;
    - the end date near → one renewal reminder per period, with what is still missing.
    """
    with transaction.atomic():
        mark = QualityMark.objects.select_for_update().filter(user=user, status=MarkStatus.VALID).first()
        checklist = checklist or checklist_for(user, today=today)
        all_met = checklist.all_met and _is_candidate(user)
        if mark is None:
            if all_met and not _award_blocked(user):
                _award(user, today)
                return ["awarded"]
            return []
        return _valid_mark_update(mark, checklist, all_met, today)


def _valid_mark_update(mark: QualityMark, checklist: Checklist, all_met: bool, today: date) -> list[str]:
    actions: list[str] = []
    user = mark.user
    if today >= mark.valid_until and all_met:
        mark.valid_until = months_after(mark.valid_until, mark_valid_months())
        mark.notice_given_on = mark.notice_until = None
        mark.save(update_fields=["valid_until", "notice_given_on", "notice_until"])
        _mail(user, "renewed", mark=mark)
        actions.append("renewed")
    elif today > mark.valid_until:
        _end(mark, status=MarkStatus.EXPIRED, on=mark.valid_until + timedelta(days=1))
        _mail(user, "expired", mark=mark, missing=checklist.missing)
        return ["expired"]
    if not all_met and mark.notice_given_on is None:
        mark.notice_given_on = today
        mark.notice_until = today + timedelta(days=notice_grace_days())
        mark.save(update_fields=["notice_given_on", "notice_until"])
        _mail(user, "notice", mark=mark, missing=checklist.missing)
        actions.append("notice")
    elif not all_met and today >= mark.notice_until:
        reason = _("Not all criteria were met when the notice period ended.")
        _end(mark, status=MarkStatus.WITHDRAWN, on=today, reason=reason)
        _mail(user, "withdrawn", mark=mark, missing=checklist.missing)
        return [*actions, "withdrawn"]
    elif all_met and mark.notice_given_on is not None:
        mark.notice_given_on = mark.notice_until = None
        mark.save(update_fields=["notice_given_on", "notice_until"])
        actions.append("notice_lifted")
    if mark.valid_until - today <= timedelta(days=renewal_reminder_days()) and mark.renewal_reminded_for != (
        mark.valid_until
    ):
        mark.renewal_reminded_for = mark.valid_until
        mark.save(update_fields=["renewal_reminded_for"])
        _mail(user, "renewal_reminder", mark=mark, missing=checklist.missing)
        actions.append("reminded")
    return actions


def marks_daily_update(*, today: date | None = None) -> dict[str, int]:
    """The daily job: `mark_refresh` for every verified member and every holder of a valid mark.

    Idempotent (state-based, see mark_refresh). One member's failure is logged and does not stop the rest.
    """
    from drakentemmers.accounts.models import User
    from drakentemmers.directory.models import VerificationStatus

    today = today or timezone.localdate()
    criteria = active_criteria()
    users = (
        User.objects.filter(
            Q(therapist_profile__status=VerificationStatus.VERIFIED) | Q(quality_marks__status=MarkStatus.VALID)
        )
        .select_related("therapist_profile")
        .distinct()
        .order_by("pk")
    )
    counts: dict[str, int] = {}
    for user in users.iterator(chunk_size=200):
        try:
            checklist = checklist_for(user, today=today, criteria=criteria)
            actions = mark_refresh(user=user, today=today, checklist=checklist)
        except Exception:  # one member's broken data must not stop everybody else's mark
            logger.exception("Quality mark update failed for user %s", user.pk)
            counts["failed"] = counts.get("failed", 0) + 1
            continue
        for action in actions:
            counts[action] = counts.get(action, 0) + 1
    return counts


@transaction.atomic
def mark_withdraw(*, mark: QualityMark, by, reason: str, today: date | None = None) -> QualityMark:
    """The team withdraws a mark by hand, with a reason the member reads; no new mark until the team allows it."""
    today = today or timezone.localdate()
    mark = QualityMark.objects.select_for_update().get(pk=mark.pk)
    if mark.status != MarkStatus.VALID:
        raise ValidationError(_("This mark is no longer valid."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason the member will read.")})
    privacy_assert_storable({"reason": reason})
    _end(mark, status=MarkStatus.WITHDRAWN, on=today, reason=reason.strip(), by=by, block=True)
    _mail(mark.user, "withdrawn", mark=mark, missing=[])
    return mark


@transaction.atomic
def mark_allow_new_award(*, mark: QualityMark) -> QualityMark:
    """Lift the block of a manual withdrawal: the member's next refresh may award a new mark."""
    QualityMark.objects.filter(pk=mark.pk).update(blocks_new_award=False)
    mark.blocks_new_award = False
    return mark
