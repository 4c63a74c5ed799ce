"""`Authorization: Bearer <token>` for the API (django-ninja's HttpBearer).

The token is looked up by its hash on every request, with its user: a revoked or expired token, or a
deactivated user, is refused from the very next request on (nothing is cached beyond the request).
"""

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import Throttled
from ninja.security import HttpBearer

from drakentemmers.accounts.mfa import SESSION_MFA_ATTRIBUTE
from drakentemmers.accounts.permissions import has_mfa_set_up
from drakentemmers.core.client_ip import client_ip
from drakentemmers.core.middleware import audit_actor_set
from drakentemmers.core.ratelimits import RateLimitExceeded, rate_limit_check, rate_limit_consume
from drakentemmers.core.services import security_event_record

from .models import ApiToken
from .selectors import api_token_by_secret
from .services import TOKEN_PREFIX, api_token_touch

BAD_TOKEN_ACTION = "api_bad_token"  # noqa: S105 - a rate-limit name, not a secret


def _not_passed() -> bool:
    return False


class _TokenMfaCheck:
    """The token's answer to "did this session pass a second factor?" (see accounts.mfa).

    Yes only for a token made in a session that passed one, while the user still has a factor set up.
    A pickled or copied user answers False (fail closed), like the session's check.
    """

    __slots__ = ("token",)

    def __init__(self, token: ApiToken) -> None:
        self.token = token

    def __call__(self) -> bool:
        return self.token.created_with_mfa and has_mfa_set_up(self.token.user)

    def __reduce__(self):
        return (_not_passed, ())


def token_authenticate(request: HttpRequest, secret: str) -> ApiToken | None:
    """The active token for `secret`, with `request.user` set to its owner; None refuses (401).

    Wrong tokens count per IP address (`PLATFORM_RATE_LIMITS["api_bad_token"]`); once that is used up, every
    token from that address is refused with 429 until the window passes, so tokens cannot be guessed in bulk.
    """
    subject = f"ip:{client_ip(request)}"
    try:
        rate_limit_check(request, BAD_TOKEN_ACTION, subject=subject)
    except RateLimitExceeded as exc:
        raise Throttled(exc.retry_after) from exc
    token = api_token_by_secret(secret) if secret.startswith(TOKEN_PREFIX) else None
    if token is None or not token.is_active or not token.user.is_active:
        # The owner of a revoked or expired token is named; an unknown one is only an address.
        security_event_record(event="api_token_refused", request=request, user=token.user if token else None)
        try:
            rate_limit_consume(request, BAD_TOKEN_ACTION, subject=subject)
        except RateLimitExceeded as exc:
            raise Throttled(exc.retry_after) from exc
        return None
    user = token.user
    setattr(user, SESSION_MFA_ATTRIBUTE, _TokenMfaCheck(token))
    request.user = user  # the access log and the permission predicates read request.user
    audit_actor_set(user)  # the session middleware found nobody; the audit trail names the token's owner
    api_token_touch(token=token, now=timezone.now())
    return token


class TokenBearer(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return token_authenticate(request, token)


class OptionalTokenBearer(TokenBearer):
    """Public endpoints: a token is optional; without one (or with a bad one) the caller is anonymous.

    A bad token is refused (401) rather than ignored, so an integration notices a revoked token at once.
    """

    def __call__(self, request: HttpRequest):
        if not request.headers.get(self.header):
            return AnonymousCaller()
        return super().__call__(request)


class AnonymousCaller:
    """request.auth on a public endpoint called without a token (truthy, so ninja lets it through)."""

    user = None
    pk = None

    def __bool__(self) -> bool:
        return True


# In the OpenAPI document of a public operation: a token is optional (the empty requirement means "none").
OPTIONAL_TOKEN = {"security": [{}]}

token_auth = TokenBearer()
optional_token_auth = OptionalTokenBearer()
