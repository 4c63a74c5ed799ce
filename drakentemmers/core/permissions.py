"""Shared permission helpers, and the one rule every app's permissions.py follows.

403 or 404:
- Not logged in, on a page that needs a login: redirect to the login page (then back).
- An object the user may not know exists (another organisation's request, a draft profile, an unknown,
  expired or used invitation token): 404, exactly as if it did not exist.
- A page whose existence is public (a menu item, a URL in the documentation) but the user's role is
  wrong or their MFA is missing: 403, or the redirect to MFA set-up.

Predicates (`can_...(user, obj) -> bool`) and lookup helpers (`get_..._for_user`) live in each app's
permissions.py; views call the helper first, navigation calls the predicates.
"""

from django.db.models import Model, QuerySet
from django.http import Http404

from .models import TokenInvitation


class InvitationUnavailable(Http404):
    """Raised for an unknown, expired, declined or used token alike, so none of them reveals that it exists."""


def invitation_lookup(
    model: type[TokenInvitation] | QuerySet, token: str, *, user: Model | None = None
) -> TokenInvitation:
    """The usable invitation with this token, or InvitationUnavailable (a 404).

    One exception: an invitation already accepted by `user` is returned, so a double click or a reload
    after accepting lands on the result instead of a dead link. Nobody else learns it existed.
    """
    queryset = model if isinstance(model, QuerySet) else model._default_manager.all()
    invitation = queryset.filter(token=token).first() if token else None
    if invitation is None:
        raise InvitationUnavailable
    if invitation.is_usable:
        return invitation
    if user is not None and user.is_authenticated and invitation.accepted_by_id == user.pk:
        return invitation
    raise InvitationUnavailable
