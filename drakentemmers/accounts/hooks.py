"""Hooks that domain apps register in their AppConfig.ready(), so that accounts imports no domain app.

A name-change handler runs inside the transaction that saves a changed first or last name. The name is a
verified fact for some roles (a therapist's name is checked against the BIG register), so the app that
verified it decides what follows; the handler returns a notice for the person, or None.
"""

from collections.abc import Callable

NameChangeHandler = Callable[[object], str | None]

_NAME_CHANGE_HANDLERS: list[NameChangeHandler] = []


def on_name_change(handler: NameChangeHandler) -> None:
    if handler not in _NAME_CHANGE_HANDLERS:
        _NAME_CHANGE_HANDLERS.append(handler)


def name_changed(user) -> list[str]:
    """Run every registered handler for a user whose name was just changed; returns their notices."""
    return [notice for handler in _NAME_CHANGE_HANDLERS if (notice := handler(user))]
