"""What waits for this user now: the top of "My Drakentemmers".

Each app registers a provider in AppConfig.ready(); core never imports the apps. A provider returns the
items it owns for the user (an empty list when there is nothing), in a bounded number of queries — the
page calls every provider on each visit::

    waiting.register("matching", matching_waiting_items, order=10)

Items are shown urgent first (overdue answers, long waits), then in provider order.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class WaitingItem:
    label: str  # what waits, in words, with its count ("2 therapists accepted and wait for your confirmation")
    url: str  # where to act on it
    detail: str = ""  # how long it has waited or until when ("the oldest since 3 Dec 2026")
    urgent: bool = False  # past a deadline: shown first and marked in words, not only in colour


Provider = Callable[[object], list[WaitingItem]]

_PROVIDERS: dict[str, tuple[int, Provider]] = {}


def register(name: str, provider: Provider, *, order: int = 100) -> None:
    _PROVIDERS[name] = (order, provider)


def waiting_for(user, *, nav_entries: list[dict] = ()) -> list[WaitingItem]:
    """The providers' items plus the menu counts marked `count_waits` (so such a count is not queried twice)."""
    if not user.is_authenticated:
        return []
    items: list[WaitingItem] = [
        WaitingItem(label=entry["count_label"], url=entry["url"])
        for entry in nav_entries
        if entry["count_waits"] and entry["count_label"]
    ]
    for _order, provider in sorted(_PROVIDERS.values(), key=lambda entry: entry[0]):
        items.extend(provider(user))
    # sorted() is stable: urgent items first, each group in provider order.
    return sorted(items, key=lambda item: not item.urgent)
