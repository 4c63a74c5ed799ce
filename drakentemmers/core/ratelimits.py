"""Per-user rate limits for what people send through the platform (messages, publication).

One helper for every app, so limits, store and wording are the same everywhere::

    from drakentemmers.core.ratelimits import rate_limit_consume

    rate_limit_consume(request, "message_reply")      # or a user: rate_limit_consume(user, "...")

`rate_limit_consume(request_or_user, action, *, key=None)` counts one attempt of `action` for the
person and raises `RateLimitExceeded` when a limit is reached. Call it right before the write (after
the form is valid), inside the view's existing `try: ... except ValidationError`:

- `RateLimitExceeded` is a `ValidationError` (code "rate_limited") whose message is Dutch and says when
  to try again ("Je hebt dit te vaak gedaan in korte tijd. Probeer het opnieuw over 12 minuten."), so
  `form.add_error(None, error)` shows it above the form and keeps what the user typed.
- Render that form with `status=rate_limit_status(form)`: 429 when the limit was hit, else 200 (or the
  default you pass).
- `error.retry_after` is the number of seconds until the next attempt is allowed.

Limits are declared in settings, one entry per action: `PLATFORM_RATE_LIMITS = {"contact": "5/h,20/d"}`:
a comma-separated list of `<amount>/<period>` with period `s`, `m`, `h`, `d`, optionally with a count
(`15m`). An action without an entry is not limited. Limits count per user (per IP address for an
anonymous request); `key` narrows the count further (e.g. per conversation); `subject` replaces the person
(e.g. "token:12" or "ip:192.0.2.1" for the API, which counts per token and per address whoever logs in).

The counts live in the default cache, which therefore has to be shared by all web processes in
production (`CACHE_URL`, see settings and the README). Each attempt is counted, also one that fails
later (e.g. on the privacy guard): limits are set well above what a person needs.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.forms import Form
from django.forms.forms import NON_FIELD_ERRORS
from django.http import HttpRequest
from django.utils.translation import ngettext

from .client_ip import client_ip

RATE_LIMITED_CODE = "rate_limited"
RATE_LIMITED_STATUS = 429
_PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_LOCK_TIMEOUT_SECONDS = 5
_LOCK_WAIT_SECONDS = 1.0
_MINUTES_SHOWN_UP_TO = 90  # beyond this the message speaks of hours


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.amount}/{self.seconds}s"


def rates_parse(spec: str) -> list[Rate]:
    """ "5/h,20/d" -> [Rate(5, 3600), Rate(20, 86400)]; "3/15m" -> [Rate(3, 900)]."""
    rates = []
    for part in filter(None, (p.strip() for p in (spec or "").split(","))):
        try:
            amount, period = part.split("/")
            unit = period[-1]
            count = int(period[:-1] or 1)
            rates.append(Rate(int(amount), count * _PERIOD_SECONDS[unit]))
        except (ValueError, KeyError, IndexError) as exc:
            raise ImproperlyConfigured(f"Invalid rate limit {part!r}; use e.g. '10/h' or '3/15m'.") from exc
    return rates


class RateLimitExceeded(ValidationError):
    """The person did `action` too often; `retry_after` seconds until the next attempt is allowed."""

    def __init__(self, *, action: str, retry_after: int) -> None:
        self.action = action
        self.retry_after = retry_after
        super().__init__(retry_message(retry_after), code=RATE_LIMITED_CODE)


def retry_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    if minutes <= _MINUTES_SHOWN_UP_TO:
        return ngettext(
            "You have done this too often in a short time. Try again in %(count)d minute.",
            "You have done this too often in a short time. Try again in %(count)d minutes.",
            minutes,
        ) % {"count": minutes}
    hours = math.ceil(minutes / 60)
    return ngettext(
        "You have done this too often in a short time. Try again in %(count)d hour.",
        "You have done this too often in a short time. Try again in %(count)d hours.",
        hours,
    ) % {"count": hours}


def _subject(request_or_user) -> str:
    user = getattr(request_or_user, "user", request_or_user)
    if getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    if isinstance(request_or_user, HttpRequest):
        return f"ip:{client_ip(request_or_user)}"
    raise ImproperlyConfigured("rate_limit_consume needs a request or a logged-in user.")


def _cache_key(action: str, rate: Rate, subject: str, key: str | None) -> str:
    scope = hashlib.sha256(key.encode()).hexdigest()[:16] if key else "-"
    return f"platform-rl:{action}:{rate}:{subject}:{scope}"


def _consume_one(cache_key: str, rate: Rate, now: float) -> float | None:
    """Record one hit in a sliding window; return None when allowed, else seconds to wait."""
    lock = f"{cache_key}:lock"
    deadline = time.monotonic() + _LOCK_WAIT_SECONDS
    while not cache.add(lock, 1, timeout=_LOCK_TIMEOUT_SECONDS):
        if time.monotonic() > deadline:
            break  # a stuck lock must not block people: count without it
        time.sleep(0.01)
    try:
        history = [hit for hit in cache.get(cache_key, []) if hit > now - rate.seconds]
        if len(history) >= rate.amount:
            return min(history) + rate.seconds - now
        history.append(now)
        cache.set(cache_key, history, timeout=rate.seconds)
        return None
    finally:
        cache.delete(lock)


def _windows(request_or_user, action: str, key: str | None, subject: str | None) -> list[tuple[str, Rate]]:
    """The cache key and rate of each window of `action` (none when PLATFORM_RATE_LIMITS sets no limit)."""
    rates = rates_parse(getattr(settings, "PLATFORM_RATE_LIMITS", {}).get(action, ""))
    if not rates:
        return []
    subject = subject or _subject(request_or_user)
    return [(_cache_key(action, rate, subject, key), rate) for rate in rates]


def _waits(keys: list[tuple[str, Rate]], now: float) -> list[float]:
    return [
        min(hits) + rate.seconds - now
        for cache_key, rate in keys
        if len(hits := [hit for hit in cache.get(cache_key, []) if hit > now - rate.seconds]) >= rate.amount
    ]


def rate_limit_consume(request_or_user, action: str, *, key: str | None = None, subject: str | None = None) -> None:
    """Count one attempt of `action`; raise RateLimitExceeded when a limit in PLATFORM_RATE_LIMITS is hit.

    Only an allowed attempt is counted, so waiting out the limit always works.
    """
    keys = _windows(request_or_user, action, key, subject)
    now = time.time()
    # Check every window before recording, so a refused attempt uses up nothing.
    waits = _waits(keys, now)
    if not waits:
        waits = [wait for cache_key, rate in keys if (wait := _consume_one(cache_key, rate, now)) is not None]
    if waits:
        raise RateLimitExceeded(action=action, retry_after=math.ceil(max(waits)))


def rate_limit_check(request_or_user, action: str, *, key: str | None = None, subject: str | None = None) -> None:
    """Raise RateLimitExceeded while `action`'s limit is used up, without counting this attempt.

    For limits that count failures only (a wrong API token): every attempt checks, a failed one consumes.
    """
    waits = _waits(_windows(request_or_user, action, key, subject), time.time())
    if waits:
        raise RateLimitExceeded(action=action, retry_after=math.ceil(max(waits)))


def rate_limit_status(form: Form | None, default: int = 200) -> int:
    """429 when the form carries a rate-limit error (see rate_limit_consume), else `default`."""
    if form is not None and form.has_error(NON_FIELD_ERRORS, code=RATE_LIMITED_CODE):
        return RATE_LIMITED_STATUS
    return default
