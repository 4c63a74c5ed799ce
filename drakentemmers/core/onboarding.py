"""The onboarding checklist on "My Drakentemmers": each app adds the steps it owns.

An app registers a provider in AppConfig.ready(); core never imports it. A provider takes the user and
returns its items, or an empty list when it has nothing for this person (so a part of the platform that
does not exist yet, such as trainings, simply registers nothing and shows no dead item)::

    onboarding.register("learning", learning_checklist, order=30)

A provider makes at most a couple of queries: the page calls every provider on each visit.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    done: bool
    url: str = ""  # where to do it; empty when there is nothing the person can do (waiting for someone else)
    status: str = ""  # a short state in words ("Waiting for the platform team"), shown next to the label


Provider = Callable[[object], list[ChecklistItem]]

_PROVIDERS: dict[str, tuple[int, Provider]] = {}


def register(name: str, provider: Provider, *, order: int = 100) -> None:
    _PROVIDERS[name] = (order, provider)


def checklist_for(user) -> list[ChecklistItem]:
    """Every registered provider's items for `user`, in provider order; [] for an anonymous user."""
    if not user.is_authenticated:
        return []
    items: list[ChecklistItem] = []
    for _order, provider in sorted(_PROVIDERS.values(), key=lambda entry: entry[0]):
        items.extend(provider(user))
    return items
