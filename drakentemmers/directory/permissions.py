"""Who may see and do what in the directory. Views call these; templates get booleans.

Data of another organisation, or a therapist a viewer may not see, gives 404 (not 403), so that its
existence does not leak. The rule in full: drakentemmers.core.permissions.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from drakentemmers.accounts.models import Role, User
from drakentemmers.accounts.permissions import has_required_mfa
from drakentemmers.conversations.models import Participant
from drakentemmers.conversations.selectors import unread_count_for_user
from drakentemmers.core.permissions import invitation_lookup

from .models import (
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    TherapistProfile,
    VerificationStatus,
)


def verified_memberships(user) -> list[OrganisationMembership]:
    """The user's memberships of verified organisations (cached on the user for the request)."""
    if not user.is_authenticated:
        return []
    cache = user.__dict__.get("_verified_memberships")
    if cache is None:
        cache = list(
            OrganisationMembership.objects.select_related("organisation").filter(
                user=user, organisation__status=VerificationStatus.VERIFIED
            )
        )
        user.__dict__["_verified_memberships"] = cache
    return cache


def is_verified_org_staff(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ORG_STAFF) and bool(verified_memberships(user))


def is_verified_therapist(user) -> bool:
    if not (user.is_authenticated and user.has_role(Role.THERAPIST)):
        return False
    profile = getattr(user, "therapist_profile", None)
    return profile is not None and profile.status == VerificationStatus.VERIFIED


def can_verify(user) -> bool:
    """Verifiers and administrators check registrations and organisations (with MFA on)."""
    return user.is_authenticated and user.has_role(Role.VERIFIER, Role.ADMINISTRATOR) and has_required_mfa(user)


def can_search_therapists(user) -> bool:
    """Full search with availability: verified organisation staff, coordinators, the platform team (all with MFA)."""
    if not user.is_authenticated or not has_required_mfa(user):
        return False
    return is_verified_org_staff(user) or user.has_role(Role.COORDINATOR) or user.is_platform_team


def can_see_colleagues(user) -> bool:
    """Verified therapists see each other's profiles (the colleague network), not organisations' internal data."""
    return is_verified_therapist(user)


def can_find_therapists(user) -> bool:
    """The search page: the full search, or the colleague network for verified therapists."""
    return can_search_therapists(user) or can_see_colleagues(user)


def can_edit_own_profile(user) -> bool:
    """Therapists keep their own profile and availability; the page creates the profile if needed."""
    return user.is_authenticated and user.has_role(Role.THERAPIST)


def can_open_own_organisation(user) -> bool:
    """Organisation staff open their organisation's page (MFA is asked there, see the page's decorator)."""
    return user.is_authenticated and user.has_role(Role.ORG_STAFF)


def can_join(user) -> bool:
    """Someone logged in without any role yet may start a therapist profile or register an organisation."""
    return user.is_authenticated and not user.roles


def can_view_therapist(user, therapist: TherapistProfile) -> bool:
    if user.is_authenticated and therapist.user_id == user.pk:
        return True
    if therapist.status != VerificationStatus.VERIFIED:
        return can_verify(user)
    return can_search_therapists(user) or can_see_colleagues(user)


def can_edit_therapist(user, therapist: TherapistProfile) -> bool:
    return user.is_authenticated and therapist.user_id == user.pk


def can_contact_therapist(user, therapist: TherapistProfile) -> bool:
    return therapist.status == VerificationStatus.VERIFIED and (is_verified_org_staff(user) or can_see_colleagues(user))


def get_therapist_for_user(user, pk: int, *, write: bool = False) -> TherapistProfile:
    therapist = TherapistProfile.objects.select_related("user", "profession").filter(pk=pk).first()
    if therapist is None:
        raise Http404
    allowed = can_edit_therapist(user, therapist) if write else can_view_therapist(user, therapist)
    if not allowed:
        raise Http404
    return therapist


def can_view_organisation(user, organisation: Organisation) -> bool:
    if can_verify(user):
        return True
    return user.is_authenticated and organisation.memberships.filter(user=user).exists()


def can_manage_organisation(user, organisation: Organisation) -> bool:
    return user.is_authenticated and organisation.memberships.filter(user=user, is_admin=True).exists()


def get_organisation_for_user(user, pk: int, *, write: bool = False) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    allowed = can_manage_organisation(user, organisation) if write else can_view_organisation(user, organisation)
    if not allowed:
        raise Http404
    return organisation


def get_therapist_for_verifier(user, pk: int) -> TherapistProfile:
    if not can_verify(user):
        raise Http404
    return get_object_or_404(TherapistProfile.objects.select_related("user", "profession", "verified_by"), pk=pk)


def get_organisation_for_verifier(user, pk: int) -> Organisation:
    if not can_verify(user):
        raise Http404
    return get_object_or_404(Organisation.objects.select_related("municipality", "postcode_area"), pk=pk)


def organisation_thread_members(organisation: Organisation) -> QuerySet[User]:
    """Who acts for an organisation in its conversation threads: its members with the staff role, while verified."""
    if organisation.status != VerificationStatus.VERIFIED:
        return User.objects.none()
    return User.objects.filter(
        is_active=True, organisation_memberships__organisation=organisation, role_grants__role=Role.ORG_STAFF
    ).distinct()


def organisations_acted_for(user) -> QuerySet[Organisation]:
    """The verified organisations whose threads the user shares (as organisation staff), as a queryset."""
    if not user.is_authenticated or not user.has_role(Role.ORG_STAFF):
        return Organisation.objects.none()
    return Organisation.objects.filter(status=VerificationStatus.VERIFIED, memberships__user=user)


def can_use_inbox(user) -> bool:
    """Therapists and organisation staff have the inbox; anyone else once they take part in a thread."""
    if not user.is_authenticated:
        return False
    return user.has_role(Role.THERAPIST, Role.ORG_STAFF) or Participant.objects.filter(user=user).exists()


def inbox_unread_count(user) -> int:
    """The number next to "Messages" in the menu: threads with a message the user has not read (one query).

    The menu asks only for entries it shows (``can_use_inbox`` already said yes), so this does not ask again.
    """
    return unread_count_for_user(user)


def get_organisation_invitation(token: str, *, user=None) -> OrganisationInvitation:
    """The usable invitation, or the same 404 for unknown, expired and used tokens (core.permissions)."""
    return invitation_lookup(OrganisationInvitation.objects.select_related("organisation"), token, user=user)
