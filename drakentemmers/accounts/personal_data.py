"""GDPR export and erasure, extensible per app.

Each app that stores personal data registers an exporter (returns a JSON-serialisable dict for the user)
and an eraser (deletes or anonymises that app's data for the user) in its AppConfig.ready().
"""

from collections.abc import Callable

Exporter = Callable[[object], dict]
Eraser = Callable[[object], None]

_EXPORTERS: dict[str, Exporter] = {}
_ERASERS: dict[str, Eraser] = {}


def register(section: str, *, exporter: Exporter | None = None, eraser: Eraser | None = None) -> None:
    if exporter:
        _EXPORTERS[section] = exporter
    if eraser:
        _ERASERS[section] = eraser


def exporters() -> dict[str, Exporter]:
    return dict(_EXPORTERS)


def erasers() -> dict[str, Eraser]:
    return dict(_ERASERS)
