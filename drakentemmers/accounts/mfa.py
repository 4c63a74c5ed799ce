"""Did *this session* pass a second factor?

Having MFA set up is not enough: a session that logged in with the password alone (the Django admin
login used to allow that) must not see confidential data. allauth records every authentication step of
a session (`allauth.account.authentication.get_authentication_records`); a record with method "mfa"
means the session passed a second factor: at login, by re-authenticating with a code, or by proving a
new authenticator while setting it up.

Permission predicates take a user, not a request, so `SessionMfaMiddleware` binds the session's answer
to `request.user`; `accounts.permissions.has_required_mfa(user)` reads it. A user object that never went
through a request (management commands, tasks) has no binding and counts as *not* passed: fail closed.
"""

from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.contrib.auth.middleware import get_user
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

# Attribute on the user object holding a callable that answers "did this session pass MFA?".
SESSION_MFA_ATTRIBUTE = "_session_mfa_passed"
MFA_METHOD = "mfa"
# Setting up one of these proves possession of the factor, so the session counts as having passed it.
PROVING_AUTHENTICATOR_TYPES = frozenset({Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN})


def session_passed_mfa(request: HttpRequest, user) -> bool:
    """True when this session recorded a second-factor step for this user."""
    return any(record.get("method") == MFA_METHOD for record in get_authentication_records(request, user))


def _not_passed() -> bool:
    return False


class _SessionMfaCheck:
    """Answers from the live session on every call; a pickled or copied user answers False (fail closed)."""

    __slots__ = ("request", "user")

    def __init__(self, request: HttpRequest, user) -> None:
        self.request = request
        self.user = user

    def __call__(self) -> bool:
        return session_passed_mfa(self.request, self.user)

    def __reduce__(self):
        return (_not_passed, ())


def user_bind_session(*, request: HttpRequest, user) -> None:
    """Let predicates that only get `user` ask about this request's session (read fresh on every call)."""
    if getattr(user, "is_authenticated", False):
        setattr(user, SESSION_MFA_ATTRIBUTE, _SessionMfaCheck(request, user))


def user_passed_mfa(user) -> bool:
    """Whether the session this user object came from passed a second factor (False without a session)."""
    check: Callable[[], bool] | None = getattr(user, SESSION_MFA_ATTRIBUTE, None)
    return bool(check and check())


def session_record_mfa(*, request: HttpRequest, user, authenticator: Authenticator) -> None:
    """Count a freshly set-up TOTP or security key as a passed second factor for this session."""
    if authenticator.type in PROVING_AUTHENTICATOR_TYPES:
        record_authentication(request, user, MFA_METHOD, id=authenticator.pk, type=authenticator.type, setup=True)


class SessionMfaMiddleware:
    """Bind the session's MFA state to `request.user` (lazily: the user is loaded only when used).

    Goes after AuthenticationMiddleware. A user set later in the request by `login()` has no binding
    for the rest of that request (it is a redirect), and from the next request on it has.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.user = SimpleLazyObject(lambda: self._bound_user(request))
        return self.get_response(request)

    @staticmethod
    def _bound_user(request: HttpRequest):
        user = get_user(request)
        user_bind_session(request=request, user=user)
        return user
