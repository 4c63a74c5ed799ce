"""Test helpers for the quality mark: the criteria set and a member who meets the built-in criteria."""

from decimal import Decimal

from django.utils import timezone

from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.quality.models import DECLARATION_VERSION, CriterionKind, DeclarationSignature, QualityCriterion


def criterion(kind: str, *, threshold=None, period_months=None, order: int = 100, **fields) -> QualityCriterion:
    return QualityCriterion.objects.create(
        kind=kind,
        threshold=Decimal(threshold) if threshold is not None else None,
        period_months=period_months,
        description=fields.pop("description", f"Beschrijving {kind}"),
        order=order,
        **fields,
    )


def builtin_criteria() -> list[QualityCriterion]:
    """The three criteria the platform evaluates itself."""
    return [
        criterion(CriterionKind.VERIFIED_REGISTRATION, order=1),
        criterion(CriterionKind.AVAILABILITY_CURRENT, order=2),
        criterion(CriterionKind.DECLARATION, period_months=12, order=3),
    ]


def sign(user, *, at=None) -> DeclarationSignature:
    return DeclarationSignature.objects.create(user=user, version=DECLARATION_VERSION, signed_at=at or timezone.now())


def member(**fields):
    """A verified therapist with fresh availability (TherapistProfileFactory), returned as the user."""
    return TherapistProfileFactory(**fields).user
