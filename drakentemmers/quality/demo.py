"""Demo data for the quality mark: the criteria set, and fictitious members holding a mark (one in notice).

Idempotent: criteria are created once by kind; members who already hold a mark are left alone.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from drakentemmers.accounts.demo import DEMO_DOMAIN
from drakentemmers.directory.models import TherapistProfile, VerificationStatus, availability_fresh_since

from .models import (
    DECLARATION_VERSION,
    CriterionKind,
    CriterionReview,
    DeclarationSignature,
    QualityCriterion,
    QualityMark,
    ReviewStatus,
)

DEMO_CRITERIA = [
    (
        CriterionKind.VERIFIED_REGISTRATION,
        None,
        None,
        "Je registratie (BIG, NIP of NVO) is door het platformteam gecontroleerd.",
    ),
    (
        CriterionKind.TRAINING_HOURS,
        Decimal(24),
        24,
        "Minstens 24 uur scholing over trauma, gehechtheid of geweld in de laatste twee jaar.",
    ),
    (CriterionKind.INTERVISION, Decimal(4), 24, "Minstens vier intervisiebijeenkomsten in de laatste twee jaar."),
    (
        CriterionKind.AVAILABILITY_CURRENT,
        None,
        None,
        "Je beschikbaarheid is de laatste vier weken bevestigd of bijgewerkt.",
    ),
    (CriterionKind.DECLARATION, None, 12, "Je hebt de verklaring van het netwerk het laatste jaar ondertekend."),
]
DEMO_MARK_HOLDERS = 12
DEMO_REVIEW_REQUESTS = 3
# The demo therapist login keeps its checklist open, to show what a member misses.
DEMO_THERAPIST_LOGIN = f"behandelaar@{DEMO_DOMAIN}"


def seed() -> None:
    for order, (kind, threshold, months, description) in enumerate(DEMO_CRITERIA, start=1):
        QualityCriterion.objects.get_or_create(
            kind=kind,
            defaults={"threshold": threshold, "period_months": months, "description": description, "order": order * 10},
        )
    if not QualityMark.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}").exists():
        _marks_seed()
    _review_requests_seed()


def _marks_seed() -> None:
    """Members with fresh availability hold a mark, awarded over the past year; one is in notice."""
    today = timezone.localdate()
    criteria = {criterion.kind: criterion for criterion in QualityCriterion.objects.all()}
    holders = (
        TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED, user__email__endswith=f"@{DEMO_DOMAIN}")
        .filter(availability_confirmed_at__gte=availability_fresh_since(timezone.now()))
        .exclude(user__email=DEMO_THERAPIST_LOGIN)
        .select_related("user")
        .order_by("pk")[:DEMO_MARK_HOLDERS]
    )
    for index, profile in enumerate(holders):
        start = today - timedelta(days=30 * (index + 1))
        DeclarationSignature.objects.create(
            user=profile.user, version=DECLARATION_VERSION, signed_at=timezone.now() - timedelta(days=30 * (index + 1))
        )
        # The team reviewed what the platform has no data for yet; the first member's training hours lapsed.
        reviewed = [CriterionKind.INTERVISION]
        if index > 0:
            reviewed.append(CriterionKind.TRAINING_HOURS)
        for kind in reviewed:
            CriterionReview.objects.create(
                user=profile.user,
                criterion=criteria[kind],
                status=ReviewStatus.MET,
                member_note="Zie mijn certificaten en de presentielijst van mijn intervisiegroep.",
                evidence_note="Certificaten en presentielijst gezien.",
                valid_until=start + timedelta(days=365),
                reviewed_at=timezone.now() - timedelta(days=30 * (index + 1)),
            )
        mark = QualityMark(user=profile.user, valid_from=start, valid_until=start + timedelta(days=365))
        if index == 0:  # one member in notice: a criterion lapsed ten days ago
            mark.notice_given_on = today - timedelta(days=10)
            mark.notice_until = today + timedelta(days=20)
        mark.save()


def _review_requests_seed() -> None:
    """A few members without a mark wait for the team's review of their intervision."""
    intervision = QualityCriterion.objects.filter(kind=CriterionKind.INTERVISION).first()
    if intervision is None or CriterionReview.objects.filter(status=ReviewStatus.PENDING).exists():
        return
    waiting = (
        TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED, user__email__endswith=f"@{DEMO_DOMAIN}")
        .filter(user__quality_marks__isnull=True)
        .exclude(user__email=DEMO_THERAPIST_LOGIN)
        .order_by("-pk")[:DEMO_REVIEW_REQUESTS]
    )
    for profile in waiting:
        CriterionReview.objects.create(
            user=profile.user,
            criterion=intervision,
            member_note="Ik zit in de intervisiegroep Traumabehandeling Noord; in 2026 vijf bijeenkomsten bijgewoond.",
        )
