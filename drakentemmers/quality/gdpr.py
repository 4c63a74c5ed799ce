"""The member's quality-mark data in the GDPR export and erasure (accounts.personal_data)."""

from .models import CriterionReview, DeclarationSignature, QualityMark


def export_user(user) -> dict:
    return {
        "signed_declarations": [
            {"version": s.version, "signed_at": s.signed_at} for s in DeclarationSignature.objects.filter(user=user)
        ],
        "criterion_reviews": [
            {
                "criterion": str(r.criterion),
                "status": r.status,
                "statement": r.member_note,
                "evidence_note": r.evidence_note,
                "requested_at": r.requested_at,
                "reviewed_at": r.reviewed_at,
                "valid_until": r.valid_until,
            }
            for r in CriterionReview.objects.filter(user=user).select_related("criterion")
        ],
        "quality_marks": [
            {
                "status": m.status,
                "valid_from": m.valid_from,
                "valid_until": m.valid_until,
                "ended_on": m.ended_on,
                "reason": m.end_reason,
            }
            for m in QualityMark.objects.filter(user=user)
        ],
    }


def erase_user(user) -> None:
    """The mark, its verification page, the reviews and the signatures are the member's alone: all go."""
    QualityMark.objects.filter(user=user).delete()
    CriterionReview.objects.filter(user=user).delete()
    DeclarationSignature.objects.filter(user=user).delete()


def user_records(user) -> list:
    return [*QualityMark.objects.filter(user=user), *CriterionReview.objects.filter(user=user)]
