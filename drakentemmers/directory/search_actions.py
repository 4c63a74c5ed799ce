"""Actions other apps offer on a search result (e.g. matching's "invite for a care request"), so that the directory
never imports them. A provider returns the action for this user, or None; it runs once per search page, not per
result, and must make at most one query."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchResultAction:
    template: str  # included in every result card with `therapist`, `action` and `search_query` in its context
    context: dict = field(default_factory=dict)


_PROVIDERS: dict[str, Callable[[object], SearchResultAction | None]] = {}


def register(name: str, provider: Callable[[object], SearchResultAction | None]) -> None:
    _PROVIDERS[name] = provider


def actions_for(user) -> list[SearchResultAction]:
    return [action for provider in _PROVIDERS.values() if (action := provider(user)) is not None]
