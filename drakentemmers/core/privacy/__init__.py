"""Privacy guard: finds text that could identify a client in free-text care requests.

Care requests from shelters and MDA++ teams must never identify a client (GDPR art. 9; in domestic-violence
cases a perpetrator must never be able to find a victim). ``scan_text`` returns the spans that look like
personal data so the form can block or highlight them before anything is stored or shown.

Public API::

    Finding(kind, start, end, text, label)
    scan_text(text) -> list[Finding]          # sorted by start, non-overlapping
    contains_valid_bsn(text) -> bool          # 11-proof numbers in any formatting
    highlight(text, findings) -> str          # HTML-safe markup with <mark class="privacy-mark">

The Deduce model is loaded once per process (see ``model.get_model``); the regex detectors in ``patterns``
need no model. So that no user waits for it, web and worker processes load it when they start, in a background
thread (``warm_up_in_background``): ``drakentemmers/wsgi.py`` starts it on import (each gunicorn worker imports
it; with ``--preload`` the fork hook below restarts it in every child), and ``CoreConfig.ready()`` starts it for
``manage.py db_worker`` and ``runserver`` only, never for ``migrate`` and other one-off commands. A scan that
arrives while the model is still loading waits for it (a few seconds after a restart, at most).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from . import model as _model_module
from .names import find_names_and_streets
from .patterns import PATTERN_DETECTORS, Candidate, find_bsn, is_valid_bsn, is_valid_iban

__all__ = [
    "KIND_LABELS",
    "Finding",
    "contains_valid_bsn",
    "highlight",
    "is_valid_bsn",
    "is_valid_iban",
    "scan_text",
    "warm_up",
    "warm_up_in_background",
]

logger = logging.getLogger(__name__)

KIND_LABELS: dict[str, Promise] = {
    "name": _("name"),
    "bsn": _("citizen service number (BSN)"),
    "phone": _("phone number"),
    "email": _("e-mail address"),
    "address": _("street address"),
    "postcode": _("postcode"),
    "birthdate": _("date of birth"),
    "iban": _("bank account number (IBAN)"),
    "file_number": _("file or client number"),
    "licence_plate": _("licence plate"),
    "social_handle": _("social media account"),
    "url": _("web address of a profile"),
}


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KIND_LABELS
    start: int  # character offsets in the original text
    end: int
    text: str
    label: str  # human readable, lazily translated

    def __post_init__(self) -> None:
        if self.kind not in KIND_LABELS:
            raise ValueError(f"unknown finding kind: {self.kind!r}")


def _resolve(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Greedy overlap resolution: highest priority first, then the longest span, then the earliest."""
    ordered = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    chosen: list[Candidate] = []
    for cand in ordered:
        if cand.end <= cand.start:
            continue
        if any(c.start < cand.end and cand.start < c.end for c in chosen):
            continue
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def scan_text(text: str) -> list[Finding]:
    """Return the possibly identifying spans in ``text``, sorted by start and non-overlapping."""
    if not text or not text.strip():
        return []
    candidates: list[Candidate] = []
    for detector in PATTERN_DETECTORS:
        candidates.extend(detector(text))
    candidates.extend(find_names_and_streets(text, _model_module.get_model()))
    return [
        Finding(kind=c.kind, start=c.start, end=c.end, text=text[c.start : c.end], label=KIND_LABELS[c.kind])
        for c in _resolve(candidates)
    ]


def contains_valid_bsn(text: str) -> bool:
    """True when ``text`` contains an 11-proof BSN (9 digits, or 8 with a dropped leading zero), any formatting."""
    return any(True for _candidate in find_bsn(text))


def highlight(text: str, findings: Iterable[Finding]) -> SafeString:
    """Escape ``text`` and wrap each finding in ``<mark class="privacy-mark" data-kind="...">``."""
    parts: list[str] = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position or finding.end > len(text):
            continue  # overlapping or stale finding: skip rather than produce broken markup
        parts.append(escape(text[position : finding.start]))
        parts.append(
            f'<mark class="privacy-mark" data-kind="{escape(finding.kind)}" title="{escape(str(finding.label))}">'
            f"{escape(text[finding.start : finding.end])}</mark>"
        )
        position = finding.end
    parts.append(escape(text[position:]))
    # Every part is escaped above (bandit B308/B703 reviewed).
    return mark_safe("".join(parts))  # nosec


def warm_up() -> float:
    """Load the model and the allowlist now and return the model's load time in seconds."""
    from . import allowlist

    seconds = _model_module.get_model().load_seconds
    allowlist.warm_up()
    return seconds


_warm_thread: threading.Thread | None = None
_warm_lock = threading.Lock()


def _warm_up_and_close() -> None:
    from django.db import connections

    try:
        warm_up()
    except Exception:  # a failed warm-up must not kill the process: the first scan loads lazily instead
        logger.exception("Privacy guard warm-up failed; the model loads on the first scan instead")
    finally:
        connections.close_all()  # this thread's connections only (they are thread-local)


def warm_up_in_background() -> threading.Thread:
    """Start loading the model and the allowlist in a daemon thread, once per process; return the thread."""
    global _warm_thread
    with _warm_lock:
        if _warm_thread is None:
            _warm_thread = threading.Thread(target=_warm_up_and_close, name="privacy-guard-warm-up", daemon=True)
            _warm_thread.start()
        return _warm_thread


def _after_fork_in_child() -> None:
    """A forked child (gunicorn --preload) inherits no threads and maybe a held lock: start over if needed."""
    global _warm_thread, _warm_lock
    _warm_lock = threading.Lock()
    _model_module.reset_lock_after_fork()
    was_warming = _warm_thread is not None
    _warm_thread = None
    if was_warming and not _model_module.is_loaded():
        warm_up_in_background()


os.register_at_fork(after_in_child=_after_fork_in_child)
