"""Who may do what through the API. Endpoints call these; they never check roles inline.

| token of                               | public | own care requests | own availability  | HSDS capacities |
|----------------------------------------|--------|-------------------|-------------------|-----------------|
| nobody (no token)                      | yes    | 401               | 401               | not included    |
| staff of a verified organisation (MFA) | yes    | list + detail     | 404               | included        |
| staff of another organisation          | yes    | A's request → 404 | 404               | included        |
| therapist (own profile)                | yes    | 404               | read; write: rw   | not included    |
| coordinator, platform team (MFA)       | yes    | 404               | 404               | included        |
| a token made without MFA (MFA roles)   | yes    | 404               | 404               | not included    |

"write: rw" = a read_write token; a read token gets 403 on writes.

Who sees which care request is matching's rule (`matching.permissions`), not repeated here; who sees
availability is the directory's (`directory.permissions.can_search_therapists`). A token stands in for the
session: the second factor counts only when the token was made in a session that passed one (`api.auth`).
Writes need a read_write token (403 with a read token: the resource is visible, the action is not).
"""

from django.http import Http404

from drakentemmers.accounts.permissions import has_required_mfa
from drakentemmers.directory.models import TherapistProfile
from drakentemmers.directory.permissions import can_edit_own_profile, can_search_therapists

from .models import ApiToken


def can_manage_api_tokens(user) -> bool:
    """Every logged-in user may make tokens (the page asks for MFA first for roles that need it)."""
    return user.is_authenticated and has_required_mfa(user)


def get_api_token_for_user(user, pk: int) -> ApiToken:
    """One of the user's own tokens, else 404."""
    token = ApiToken.objects.filter(pk=pk, user=user).first() if user.is_authenticated else None
    if token is None:
        raise Http404
    return token


def get_own_therapist_profile(user) -> TherapistProfile:
    """The token owner's own therapist profile (the same rule as the availability page), else 404."""
    profile = TherapistProfile.objects.filter(user=user).first() if can_edit_own_profile(user) else None
    if profile is None:
        raise Http404
    return profile


def can_see_availability(user) -> bool:
    """Availability of individual therapists: exactly who may use the full search with availability."""
    return user is not None and user.is_authenticated and can_search_therapists(user)
