"""Who may see and do what with the quality mark. Views call these first; templates get booleans.

| page | who | others |
| --- | --- | --- |
| own checklist, declaration, review request (`/keurmerk/`) | the member (therapist role), own data only | 404 |
| verification (`/keurmerk/controle/<code>/`) | everybody with the code: name, dates, status | 404 |
| team pages (`/beheer/keurmerk/`): criteria, reviews, marks, withdraw | platform team, MFA passed | 404 |
| the badge on profiles and in search | whoever may see that profile (the directory decides) | — |

Therapists need no MFA for their own checklist, as for everything else a member does with their own data.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.permissions import has_required_mfa

from .models import CriterionReview, QualityCriterion, QualityMark, ReviewStatus


def can_view_own_checklist(user) -> bool:
    return user.is_authenticated and user.has_role(Role.THERAPIST)


def require_member(user) -> None:
    if not can_view_own_checklist(user):
        raise Http404


def is_quality_team(user) -> bool:
    """The platform team, without asking for the second factor (the menu; the pages ask with mfa_required)."""
    return user.is_authenticated and user.is_platform_team


def can_manage_quality(user) -> bool:
    return is_quality_team(user) and has_required_mfa(user)


def require_quality_team(user) -> None:
    if not can_manage_quality(user):
        raise Http404


def get_criterion_for_team(user, pk: int) -> QualityCriterion:
    require_quality_team(user)
    return get_object_or_404(QualityCriterion, pk=pk)


def get_pending_review_for_team(user, pk: int) -> CriterionReview:
    require_quality_team(user)
    return get_object_or_404(
        CriterionReview.objects.select_related("user", "criterion"), pk=pk, status=ReviewStatus.PENDING
    )


def get_mark_for_team(user, pk: int) -> QualityMark:
    require_quality_team(user)
    return get_object_or_404(QualityMark.objects.select_related("user"), pk=pk)


def get_criterion_for_member(user, pk: int) -> QualityCriterion:
    require_member(user)
    return get_object_or_404(QualityCriterion, pk=pk, is_active=True)
