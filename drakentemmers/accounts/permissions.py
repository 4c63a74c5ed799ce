"""Who may do what with accounts, roles and invitations."""

from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Invitation, Role, User


def can_invite(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR, Role.VERIFIER)


def has_required_mfa(user: User) -> bool:
    """Platform team, organisation staff and coordinators must have MFA before seeing non-public data.

    The answer is cached on the user object, i.e. for one request: menus and permission checks ask often.
    """
    if not user.needs_mfa:
        return True
    if "_mfa_enabled" not in user.__dict__:
        user.__dict__["_mfa_enabled"] = is_mfa_enabled(user)
    return user.__dict__["_mfa_enabled"]


def can_query_access_log(user: User) -> bool:
    """NEN 7513 questions (who read what, when) are answered by administrators with a passed second factor."""
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR) and has_required_mfa(user)


def require_invite_permission(user: User) -> None:
    if not can_invite(user):
        raise PermissionDenied(_("Only the platform team can send invitations."))


def get_invitation_for_token(token: str) -> Invitation:
    return get_object_or_404(Invitation.objects.select_related("region"), token=token)
