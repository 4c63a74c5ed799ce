"""Hooks that domain apps register in their AppConfig.ready(), so that accounts imports no domain app.

A name-change handler runs inside the transaction that saves a changed first or last name. The name is a
verified fact for some roles (a therapist's name is checked against the BIG register), so the app that
verified it decides what follows; the handler returns a notice for the person, or None.

An e-mail-confirmed handler runs right after allauth marked an address verified, with the request (whose
session may carry what the person was doing before signing up, such as an invitation link).
"""

from collections.abc import Callable

NameChangeHandler = Callable[[object], str | None]

EmailConfirmedHandler = Callable[[object, object], None]

_NAME_CHANGE_HANDLERS: list[NameChangeHandler] = []
_EMAIL_CONFIRMED_HANDLERS: list[EmailConfirmedHandler] = []


def on_name_change(handler: NameChangeHandler) -> None:
    if handler not in _NAME_CHANGE_HANDLERS:
        _NAME_CHANGE_HANDLERS.append(handler)


def name_changed(user) -> list[str]:
    """Run every registered handler for a user whose name was just changed; returns their notices."""
    return [notice for handler in _NAME_CHANGE_HANDLERS if (notice := handler(user))]


def on_email_confirmed(handler: EmailConfirmedHandler) -> None:
    if handler not in _EMAIL_CONFIRMED_HANDLERS:
        _EMAIL_CONFIRMED_HANDLERS.append(handler)


def email_confirmed(request, email_address) -> None:
    """Run every registered handler for an address (allauth EmailAddress) that was just verified."""
    for handler in _EMAIL_CONFIRMED_HANDLERS:
        handler(request, email_address)
