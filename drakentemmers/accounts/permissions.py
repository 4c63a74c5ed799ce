"""Who may do what with accounts, roles and invitations. 403 vs 404: see drakentemmers.core.permissions."""

from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from drakentemmers.core.permissions import invitation_lookup

from .mfa import user_passed_mfa
from .models import Invitation, Role, User

# Roles that govern the platform itself: only an administrator hands them out (issue 15, Low 10).
ADMINISTRATOR_ONLY_ROLES = frozenset({Role.ADMINISTRATOR, Role.VERIFIER})


def can_invite(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR, Role.VERIFIER)


def can_invite_to_role(user: User, role: str) -> bool:
    """Verifiers invite to the other roles; administrator and verifier only an administrator."""
    if not can_invite(user):
        return False
    return role not in ADMINISTRATOR_ONLY_ROLES or user.has_role(Role.ADMINISTRATOR)


def invitable_roles(user: User) -> list[tuple[str, str]]:
    """The role choices this user may invite to, in the order of Role."""
    return [(value, label) for value, label in Role.choices if can_invite_to_role(user, value)]


def has_mfa_set_up(user: User) -> bool:
    """The user has a second factor (TOTP or security key). Cached on the user object, i.e. for one request."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_mfa_enabled", None)
    if cached is None:
        cached = is_mfa_enabled(user)
        user._mfa_enabled = cached
    return cached


def has_required_mfa(user: User) -> bool:
    """Platform team, organisation staff and coordinators see non-public data only from a session that
    passed a second factor: MFA set up is not enough, this login (or a re-authentication) must have used it.

    The session's answer is bound to the user by accounts.mfa.SessionMfaMiddleware; a user object from
    outside a request has none and is refused.
    """
    if not user.needs_mfa:
        return True
    return has_mfa_set_up(user) and user_passed_mfa(user)


def can_use_django_admin(user: User) -> bool:
    """The Django admin shows every record: active staff only, always from a session that passed MFA."""
    return user.is_authenticated and user.is_active and user.is_staff and has_mfa_set_up(user) and user_passed_mfa(user)


def can_view_health_details(user: User) -> bool:
    """/health/ details (database vendor, backlog, failed mails): the platform team, from an MFA-passed session."""
    return user.is_authenticated and user.is_platform_team and has_required_mfa(user)


def can_query_access_log(user: User) -> bool:
    """NEN 7513 questions (who read what, when) are answered by administrators with a passed second factor."""
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR) and has_required_mfa(user)


def require_invite_permission(user: User) -> None:
    if not can_invite(user):
        raise PermissionDenied(_("Only the platform team can send invitations."))


def get_invitation_for_token(token: str, *, user: User | None = None) -> Invitation:
    """The usable invitation, or the same 404 for unknown, expired and used tokens (core.permissions)."""
    return invitation_lookup(Invitation.objects.select_related("region"), token, user=user)
