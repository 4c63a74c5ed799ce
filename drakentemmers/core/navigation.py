"""A small registry through which each app adds its entries to the logged-in menu and to 'My Drakentemmers'.

Apps register in AppConfig.ready(); core stays unaware of them. A predicate decides per user. An entry
may carry a count (e.g. unread messages), computed only for entries the user sees.

The frame cache (issue 17): which entries a user sees and their counts cost a dozen permission checks and
three or four count queries on every logged-in page (about half of a simple page's CPU). They are kept in
Django's cache per user and per session's second-factor state, under the *frame version*:

- any save or delete of any model (except the logs a page view itself writes, `IGNORED_MODELS`) and any M2M
  change bumps the version, at once and again on commit, so a new message, invitation, role or membership shows
  on the next page;
- services that write with `update()` or `bulk_create()` (which send no signals) call `frame_changed()`;
- every entry expires after `NAV_FRAME_CACHE_SECONDS` (60) anyway, for what changes with time alone.

The key holds the user's id, so a user only ever reads their own entry; labels, URLs and the "current" mark are
filled in per request (the language, the path), only the visible entries' positions and counts are cached.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db.models import signals
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse

from .cache_versions import only_login_stamped, version_bump, version_read


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    visible: Callable[[object], bool]
    order: int = 100
    description: str = ""
    in_menu: bool = True
    # Shown next to the label ("Messages (3)"); None or 0 shows nothing. Must be a bounded query.
    count: Callable[[object], int] | None = None
    # With a count: what it counts, in words, for screen readers ("3 conversations have unread messages").
    count_label: Callable[[int], str] | None = None
    # Whether "What waits for me" lists the count as an item of its own (when no provider says it better).
    count_waits: bool = False


_ENTRIES: list[NavEntry] = []


def register(entry: NavEntry) -> None:
    if entry not in _ENTRIES:
        _ENTRIES.append(entry)
        _ENTRIES.sort(key=lambda e: e.order)


@lru_cache(maxsize=512)
def _url(url_name: str, prefix: str, urlconf) -> str:
    """An entry's URL (no arguments): the same for every request with this script prefix and URLconf."""
    return reverse(url_name, urlconf=urlconf)


def fixed_url(url_name: str) -> str:
    """The URL of a view without arguments, reversed once per process (per script prefix and URLconf)."""
    return _url(url_name, get_script_prefix(), get_urlconf())


# --- The frame cache --------------------------------------------------------------------------------------------

FRAME_VERSION_KEY = "nav-frame:version"
# Written by page views themselves (or by jobs) and shown in no menu: a change to them keeps the cached frames.
IGNORED_MODELS = frozenset(
    {
        "sessions.session",
        "usersessions.usersession",
        "core.accesslogentry",
        "core.outgoingemail",
        "core.scheduledjobrun",
        "auditlog.logentry",
        "django_tasks_db.dbtaskresult",
    }
)


def frame_timeout() -> int:
    return int(getattr(settings, "NAV_FRAME_CACHE_SECONDS", 60))


def frame_version() -> str:
    return version_read(FRAME_VERSION_KEY)


def frame_changed(**_kwargs) -> None:
    """Every user's menu and counts are read afresh: now, and again once the transaction commits (the second
    bump drops a frame another request cached between the change and its commit). Call it after an `update()`
    or `bulk_create()` that changes what a menu shows or counts; saves and deletes do it through signals."""
    version_bump(FRAME_VERSION_KEY)


def _model_changed(sender, update_fields=None, **_kwargs) -> None:
    if only_login_stamped(update_fields):
        return
    frame_changed()


def watch_all_models() -> None:
    """Connect the version bump to every model's save, delete and M2M change (CoreConfig.ready)."""
    from django.apps import apps

    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in IGNORED_MODELS:
            continue
        uid = f"nav-frame:{label}"
        signals.post_save.connect(_model_changed, sender=model, dispatch_uid=uid + ":save", weak=False)
        signals.post_delete.connect(_model_changed, sender=model, dispatch_uid=uid + ":delete", weak=False)
        if model._meta.auto_created:  # an M2M's through table: add/remove/clear send m2m_changed with it
            signals.m2m_changed.connect(frame_changed, sender=model, dispatch_uid=uid + ":m2m", weak=False)


@lru_cache(maxsize=1)
def _registry_fingerprint(entries: tuple[str, ...]) -> str:
    return hashlib.sha256("|".join(entries).encode()).hexdigest()[:12]


_VARIANTS: list[Callable[[object], object]] = []


def vary_frame_on(variant: Callable[[object], object]) -> None:
    """The menu also depends on this state of the user's *session* (not stored with the user), e.g. whether it
    passed a second factor: each value gets a frame of its own."""
    if variant not in _VARIANTS:
        _VARIANTS.append(variant)


def _frame_key(user) -> str:
    registry = _registry_fingerprint(tuple(f"{e.url_name}:{e.order}" for e in _ENTRIES))
    session_state = ",".join(str(variant(user)) for variant in _VARIANTS)
    return f"nav-frame:{registry}:{frame_version()}:{user.pk}:{session_state}"


def _visible_with_counts(user) -> list[tuple[int, int | None]]:
    """(position in the registry, count) of each entry the user sees: what the frame cache keeps."""
    return [
        (position, entry.count(user) if entry.count else None)
        for position, entry in enumerate(_ENTRIES)
        if entry.visible(user)
    ]


def _frame(user) -> list[tuple[int, int | None]]:
    key = _frame_key(user)
    frame = cache.get(key)
    if frame is None:
        frame = _visible_with_counts(user)
        cache.set(key, frame, frame_timeout())
    return frame


def entries_for(request: HttpRequest) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    current = request.resolver_match.view_name if request.resolver_match else ""
    prefix, urlconf = get_script_prefix(), get_urlconf()
    items = []
    for position, count in _frame(user):
        entry = _ENTRIES[position]
        items.append(
            {
                "label": entry.label,
                "description": entry.description,
                "url": _url(entry.url_name, prefix, urlconf),
                "current": current == entry.url_name,
                "in_menu": entry.in_menu,
                "count": count,
                "count_label": entry.count_label(count) if count and entry.count_label else "",
                "count_waits": entry.count_waits,
            }
        )
    return items
