"""Actions other apps offer on a search result (e.g. matching's "invite for a care request"), so that the directory
never imports them. A provider returns the action for this user, or None; it runs once per search page, not per
result, and must make at most one query. The action's `render` then runs once per result card and must not query:
it gets the card's therapist (`pk`, `display_name`) and the page's query string."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class SearchResultAction:
    render: Callable[[object, str], SafeString]  # (therapist, search_query) -> the action's HTML on one card


_PROVIDERS: dict[str, Callable[[object], SearchResultAction | None]] = {}


def register(name: str, provider: Callable[[object], SearchResultAction | None]) -> None:
    _PROVIDERS[name] = provider


def actions_for(user) -> list[SearchResultAction]:
    return [action for provider in _PROVIDERS.values() if (action := provider(user)) is not None]


def card_actions_html(actions: list[SearchResultAction], therapist, search_query: str) -> SafeString:
    """Every action's HTML for one result card."""
    return format_html_join("", "{}", ((action.render(therapist, search_query),) for action in actions))
