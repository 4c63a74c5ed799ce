"""Version counters in the shared cache, for caches invalidated all at once.

A cached entry's key carries the counter's value when it was built; a change bumps the counter, so every process
reads afresh at once. A counter that is missing (never set, or evicted) starts at a value no earlier one can equal
(the clock in microseconds), so entries cached under an old number never come back.
"""

import time

from django.core.cache import cache
from django.db import transaction

# A login stamping last_login changes nothing a cached page or menu shows.
LOGIN_STAMP_FIELDS = frozenset({"last_login"})


def only_login_stamped(update_fields) -> bool:
    return bool(update_fields) and set(update_fields) <= LOGIN_STAMP_FIELDS


def version_new() -> int:
    return time.time_ns() // 1000


def version_read(key: str) -> str:
    version = cache.get(key)
    if version is None:
        cache.add(key, version_new(), None)
        version = cache.get(key, 0)
    return str(version)


def version_increment(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or evicted): a new value invalidates too
        cache.set(key, version_new(), None)


def version_bump(key: str) -> None:
    """Now, and again once the transaction commits: a reader between the change and its commit may have cached
    what the change replaces. Outside a transaction on_commit runs at once, which costs one more increment."""
    version_increment(key)
    transaction.on_commit(lambda: version_increment(key))
