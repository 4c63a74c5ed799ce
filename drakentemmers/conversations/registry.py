"""What the domain apps tell the conversation component, so that it never imports them.

- A *party resolver* says who acts for a party (e.g. an organisation's verified staff) and, the other way
  round, which parties a user acts for (the inbox needs that direction, as a query, to stay one query).
- A *thread kind* says where a thread of that kind is read (an app may keep its own page around the
  shared component) and when it is closed (read-only).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import QuerySet


@dataclass(frozen=True)
class PartyResolver:
    # The users who act for this party now (active accounts), e.g. the verified staff of an organisation.
    members: Callable[[models.Model], QuerySet]
    # The parties of this model the user acts for now, as a queryset (used in a subquery).
    parties_of: Callable[[object], QuerySet]
    label: Callable[[models.Model], str] = str


@dataclass(frozen=True)
class ThreadKind:
    key: str
    # Where the thread is read, if the app has its own page; otherwise the shared thread page.
    url: Callable[[object], str] | None = None
    # A closed thread stays readable but nobody can post in it.
    is_closed: Callable[[object], bool] = field(default=lambda thread: False)
    # A group's thread has one participant by design (the group, as a party): it is never "one-sided".
    one_party: bool = False


_PARTY_RESOLVERS: dict[type[models.Model], PartyResolver] = {}
_THREAD_KINDS: dict[str, ThreadKind] = {}
DEFAULT_KIND = ThreadKind(key="")


def register_party_resolver(
    model: type[models.Model],
    members: Callable[[models.Model], QuerySet],
    *,
    parties_of: Callable[[object], QuerySet],
    label: Callable[[models.Model], str] = str,
) -> None:
    _PARTY_RESOLVERS[model] = PartyResolver(members=members, parties_of=parties_of, label=label)


def party_resolvers() -> dict[type[models.Model], PartyResolver]:
    return dict(_PARTY_RESOLVERS)


def party_resolver_for(model: type[models.Model]) -> PartyResolver:
    try:
        return _PARTY_RESOLVERS[model]
    except KeyError:
        raise LookupError(f"No party resolver registered for {model._meta.label}") from None


def register_thread_kind(kind: ThreadKind) -> None:
    _THREAD_KINDS[kind.key] = kind


def thread_kind(key: str) -> ThreadKind:
    return _THREAD_KINDS.get(key, DEFAULT_KIND)


_VIEW_GUARDS: list[Callable] = []


def register_view_guard(decorator: Callable) -> None:
    """A view decorator every conversation page goes through, e.g. accounts' two-factor requirement."""
    if decorator not in _VIEW_GUARDS:
        _VIEW_GUARDS.append(decorator)


def view_guards() -> list[Callable]:
    return list(_VIEW_GUARDS)
