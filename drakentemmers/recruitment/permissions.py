"""Who may invite colleagues and who sees the recruitment figures. 403 vs 404: drakentemmers.core.permissions.

- Inviting a colleague: a verified member (no MFA needed, as for everything a member does), a regional
  coordinator or the platform team (both from a session that passed MFA). Anyone else: 404.
- The recruitment view and its CSV: coordinators (the reporting-unit regions that overlap the region of
  their role grant) and the platform team (every region), from a session that passed MFA. Anyone else: 404,
  since the page is not in their menu.
- Setting a region's target: the platform team (MFA), on the recruitment page or in the Django admin.
- The invitation link: whoever holds the token; unknown, expired, declined and used tokens are one 404.
- The reminder unsubscribe link: whoever holds the signed token; no login.
"""

from django.http import Http404

from drakentemmers.accounts.models import Role, RoleGrant
from drakentemmers.accounts.permissions import has_required_mfa
from drakentemmers.core.permissions import invitation_lookup
from drakentemmers.directory.permissions import is_verified_therapist
from drakentemmers.regions.models import Region
from drakentemmers.regions.selectors import reporting_region_kind

from .models import ColleagueInvitation


def _is_recruiter(user) -> bool:
    return user.is_authenticated and (user.is_platform_team or user.has_role(Role.COORDINATOR))


def can_invite_colleague(user) -> bool:
    if not user.is_authenticated:
        return False
    if _is_recruiter(user):
        return has_required_mfa(user)
    return is_verified_therapist(user)


def can_view_recruitment(user) -> bool:
    return _is_recruiter(user) and has_required_mfa(user)


def can_set_recruitment_targets(user) -> bool:
    return user.is_authenticated and user.is_platform_team and has_required_mfa(user)


def needs_mfa_step(user) -> bool:
    """A coordinator or platform-team member whose session has not passed MFA: send them to the MFA step."""
    return _is_recruiter(user) and not has_required_mfa(user)


def require_invite_permission(user) -> None:
    if not can_invite_colleague(user):
        raise Http404


def recruitment_regions_for_user(user) -> list[Region] | None:
    """The reporting-unit regions this viewer sees: None for all (platform team); Http404 for anyone else.

    A coordinator's grant may name a region of another division (a GHNT region, say): they see every
    reporting-unit region that shares a municipality with it. One query (plus the reporting kind).
    """
    if not can_view_recruitment(user):
        raise Http404
    if user.is_platform_team:
        return None
    grants = RoleGrant.objects.filter(user=user, role=Role.COORDINATOR, region__isnull=False)
    regions = list(
        Region.objects.filter(kind=reporting_region_kind())
        .filter(municipalities__regions__in=grants.values("region"))
        .distinct()
        .order_by("name")
    )
    if not regions:
        raise Http404
    return regions


def get_colleague_invitation(token: str, *, user=None) -> ColleagueInvitation:
    """The usable invitation, or the same 404 for unknown, expired, declined and used tokens."""
    return invitation_lookup(ColleagueInvitation.objects.select_related("invited_by"), token, user=user)


def get_user_for_unsubscribe_token(token: str):
    """The account an unsubscribe link was made for (services.unsubscribe_token_make), or 404 for a bad link."""
    from django.contrib.auth import get_user_model
    from django.core import signing

    from .services import UNSUBSCRIBE_SALT

    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise Http404 from None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise Http404
    return user
