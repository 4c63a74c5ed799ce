"""Per-request memos on the user object: data several parts of one page need, read once.

`request.user` is loaded afresh for every request (AuthenticationMiddleware), so a value kept on it lives exactly
as long as the request: the menu counts, "what waits for me", the onboarding checklist and the panels of
"My Drakentemmers" can share one read of, say, the open candidacies, without a cache to invalidate. A user object
kept longer (a task, a test that changes data and asks again) calls `user_memo_clear(user)` first.
"""

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_ATTRIBUTE = "_dt_request_memo"


def user_memo(user, key: str, build: Callable[[], T]) -> T:
    """`build()` once per user object (so once per request), then the same value."""
    memo = user.__dict__.setdefault(_ATTRIBUTE, {})
    if key not in memo:
        memo[key] = build()
    return memo[key]


def user_memo_clear(user) -> None:
    user.__dict__.pop(_ATTRIBUTE, None)
