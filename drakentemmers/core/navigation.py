"""A small registry through which each app adds its entries to the logged-in menu and to 'My Drakentemmers'.

Apps register in AppConfig.ready(); core stays unaware of them. A predicate decides per user. An entry
may carry a count (e.g. unread messages), computed once per request, only for entries the user sees.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse


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


_ENTRIES: list[NavEntry] = []


def register(entry: NavEntry) -> None:
    if entry not in _ENTRIES:
        _ENTRIES.append(entry)
        _ENTRIES.sort(key=lambda e: e.order)


def entries_for(request: HttpRequest) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    for entry in _ENTRIES:
        if entry.visible(user):
            items.append(
                {
                    "label": entry.label,
                    "description": entry.description,
                    "url": reverse(entry.url_name),
                    "current": current == entry.url_name,
                    "in_menu": entry.in_menu,
                    "count": entry.count(user) if entry.count else None,
                }
            )
    return items
