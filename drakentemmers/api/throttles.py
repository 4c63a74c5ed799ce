"""Rate limits of the API, per IP address and per token, counted by core.ratelimits in the shared cache.

Limits are `PLATFORM_RATE_LIMITS["api_ip"]`, `["api_token"]` and `["api_token_write"]` (settings). Ninja
turns a refusal into 429 with `Retry-After` (integer seconds).
"""

import threading

from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from drakentemmers.core.client_ip import client_ip
from drakentemmers.core.ratelimits import RateLimitExceeded, rate_limit_consume

from .models import ApiToken

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class _PlatformThrottle(BaseThrottle):
    """A ninja throttle over core.ratelimits; `wait()` reads the answer of this thread's last check."""

    def __init__(self) -> None:
        self._local = threading.local()

    def subjects(self, request: HttpRequest) -> list[tuple[str, str]]:
        raise NotImplementedError

    def allow_request(self, request: HttpRequest) -> bool:
        self._local.wait = None
        try:
            for action, subject in self.subjects(request):
                rate_limit_consume(request, action, subject=subject)
        except RateLimitExceeded as exc:
            self._local.wait = exc.retry_after
            return False
        return True

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


class IpThrottle(_PlatformThrottle):
    def subjects(self, request: HttpRequest) -> list[tuple[str, str]]:
        return [("api_ip", f"ip:{client_ip(request)}")]


class TokenThrottle(_PlatformThrottle):
    """Per token; writes count once more against the tighter write limit."""

    def subjects(self, request: HttpRequest) -> list[tuple[str, str]]:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return []
        subjects = [("api_token", f"token:{token.pk}")]
        if request.method in WRITE_METHODS:
            subjects.append(("api_token_write", f"token:{token.pk}"))
        return subjects
