"""The quality mark's objects in the access world: a criterion by review, a pending review, a signed
declaration and a valid mark (the Django admin's object pages need a row of each model)."""

from datetime import timedelta

from django.utils import timezone

from drakentemmers.quality.models import (
    DECLARATION_VERSION,
    CriterionKind,
    CriterionReview,
    DeclarationSignature,
    QualityCriterion,
    QualityMark,
)


def quality_world(*, therapist_user) -> dict[str, object]:
    criterion = QualityCriterion.objects.create(
        kind=CriterionKind.INTERVISION, threshold=4, period_months=24, description="Intervisie"
    )
    review = CriterionReview.objects.create(user=therapist_user, criterion=criterion, member_note="Groep Noord")
    DeclarationSignature.objects.create(user=therapist_user, version=DECLARATION_VERSION, signed_at=timezone.now())
    today = timezone.localdate()
    mark = QualityMark.objects.create(user=therapist_user, valid_from=today, valid_until=today + timedelta(days=365))
    return {
        "quality_criterion": criterion.pk,
        "quality_review": review.pk,
        "quality_mark": mark.pk,
        "quality_mark_code": mark.code,
    }
