"""Names of organisations, places, regions and treatment methods: words that look like a name but identify nobody.

Two sources feed one token-aware matcher:

* the curated data files in ``data/`` (``known_organisations.txt``: Dutch care, youth-care, GGZ, shelter and
  insurer organisations; ``known_methods.txt``: treatment methods and programmes), maintained by the platform
  team, with their sources in the file headers;
* what the platform itself knows, registered by the domain apps in their ``AppConfig.ready()`` with
  :func:`register_known_terms` (core imports no domain app): region, municipality and place names, and the
  names of verified organisations.

Matching is on normalised word tokens (case, diacritics, hyphens and apostrophes do not matter), longest term
first: "bij Fier in Leeuwarden", "Sint Michielsgestel" for "Sint-Michielsgestel", "'s Heeren Loo".

Policy for the name detectors (``names.py``), decided here so it is in one place:

* a name candidate is dropped only when an allowlisted span covers it *completely*; "Jan Zwolle" and
  "Henk de Waag" stay names because "Jan" and "Henk" are not part of a known term;
* a candidate after a title or a naming/relation word ("mevrouw Zwolle", "familie Bergen", "dochter Anne")
  stays a name unless the known term covers that word too ("FPC Dr. S. van Mesdag");
* a one-word term from the platform's data (a village, a single-word organisation name) that is also a
  first name or surname in the lexicons ("Ane", "Vries") only counts after a place cue such as "in", "uit",
  "naar", "bij" or "regio": "woont in Ane" is a place, "Ane is bang" may be a child;
* curated terms count everywhere: the platform team chose them knowing they look like names ("Timon",
  "Enver"); a child with that name is still found after a relation word or with an age ("zoon Timon (7)").

The registered sources are read lazily, once per process, and re-read when their version (a cheap count/max
query each provider supplies) changes; the check runs at most every ``REFRESH_SECONDS``. A source that cannot
be read (no database, tables not migrated yet) is skipped and retried at the next check.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
CURATED_FILES = (DATA_DIR / "known_organisations.txt", DATA_DIR / "known_methods.txt")
REFRESH_SECONDS = 60.0
PLACE_CUES = frozenset(
    [
        "in",
        "uit",
        "naar",
        "bij",
        "via",
        "te",
        "vanuit",
        "rond",
        "nabij",
        "richting",
        "omgeving",
        "regio",
        "gemeente",
        "provincie",
        "dorp",
        "plaats",
        "woonplaats",
    ]
)

_TOKEN_RE = re.compile(r"[^\W_]+")

TermsProvider = Callable[[], Iterable[str]]
VersionProvider = Callable[[], Hashable]


@dataclass(frozen=True)
class _Source:
    name: str
    terms: TermsProvider
    version: VersionProvider | None


@dataclass
class _Matcher:
    # normalised token tuple -> True when the term is curated (counts everywhere)
    terms: dict[tuple[str, ...], bool] = field(default_factory=dict)
    max_len: dict[str, int] = field(default_factory=dict)  # first token -> longest term starting with it
    sizes: dict[str, int] = field(default_factory=dict)  # source name -> number of distinct terms

    def add(self, term: str, *, curated: bool) -> bool:
        tokens = tuple(normalise(t) for t in _TOKEN_RE.findall(term))
        if not tokens:
            return False
        is_new = tokens not in self.terms
        self.terms[tokens] = self.terms.get(tokens, False) or curated
        self.max_len[tokens[0]] = max(self.max_len.get(tokens[0], 0), len(tokens))
        return is_new


_sources: dict[str, _Source] = {}
_lock = threading.Lock()
_matcher: _Matcher | None = None
_versions: dict[str, Hashable] = {}
_checked_at = 0.0


def normalise(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def register_known_terms(name: str, terms: TermsProvider, *, version: VersionProvider | None = None) -> None:
    """Register a source of known names (called from a domain app's ``ready()``); re-registering replaces it.

    ``terms`` returns the names (it may query the database); ``version`` returns a cheap value that changes
    when the names do (e.g. a count and the highest id), so other processes pick up new names.
    """
    _sources[name] = _Source(name, terms, version)
    invalidate()


def invalidate() -> None:
    """Forget the matcher in this process; the next scan rebuilds it."""
    global _matcher, _checked_at
    with _lock:
        _matcher = None
        _checked_at = 0.0


def _read_curated() -> list[str]:
    terms: list[str] = []
    for path in CURATED_FILES:
        with path.open(encoding="utf-8") as handle:
            terms.extend(line.strip() for line in handle if line.strip() and not line.lstrip().startswith("#"))
    return terms


def _safe_call(source: _Source, what: str, call: Callable):
    """Run a provider; a source that cannot be read now is skipped (logged), never an error for the user."""
    try:
        from django.db import transaction

        # A savepoint, so a failing query cannot break the caller's PostgreSQL transaction.
        with transaction.atomic():
            return call()
    except Exception:  # noqa: BLE001 - no database, tables not migrated yet, blocked in a unit test, ...
        logger.info("Privacy allowlist: %s of %r not available now", what, source.name)
        return None


def _build() -> tuple[_Matcher, dict[str, Hashable]]:
    matcher = _Matcher()
    curated = _read_curated()
    matcher.sizes["curated"] = sum(matcher.add(term, curated=True) for term in curated)
    versions: dict[str, Hashable] = {}
    for source in list(_sources.values()):
        if source.version is not None:
            versions[source.name] = _safe_call(source, "version", source.version)
        names = _safe_call(source, "terms", lambda s=source: list(s.terms()))
        if names is None:
            versions[source.name] = None  # retry at the next check
            continue
        matcher.sizes[source.name] = sum(matcher.add(term, curated=False) for term in names)
    return matcher, versions


def _current() -> _Matcher:
    global _matcher, _versions, _checked_at
    now = time.monotonic()
    matcher = _matcher
    if matcher is not None and now - _checked_at < REFRESH_SECONDS:
        return matcher
    with _lock:
        if _matcher is not None and now - _checked_at < REFRESH_SECONDS:
            return _matcher
        if _matcher is not None:
            fresh = {s.name: _safe_call(s, "version", s.version) for s in _sources.values() if s.version is not None}
            if fresh == _versions and None not in fresh.values():
                _checked_at = now
                return _matcher
        _matcher, _versions = _build()
        _checked_at = now
        return _matcher


def warm_up() -> dict[str, int]:
    """Build the matcher now (at process start) and return the number of terms per source."""
    return dict(_current().sizes)


def describe() -> str:
    matcher = _current()
    parts = ", ".join(f"{name} {count}" for name, count in matcher.sizes.items())
    return f"{len(matcher.terms)} distinct terms ({parts})"


def find_known_spans(text: str, *, is_personal_name: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Character spans of known terms in ``text``, longest match first, adjacent matches merged.

    ``is_personal_name(word)`` tells whether a one-word platform term is also a first name or surname; such a
    term only counts after a place cue (see the module docstring).
    """
    matcher = _current()
    tokens = list(_TOKEN_RE.finditer(text))
    keys = [normalise(t.group()) for t in tokens]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        longest = matcher.max_len.get(keys[i], 0)
        matched = 0
        for n in range(min(longest, len(tokens) - i), 0, -1):
            curated = matcher.terms.get(tuple(keys[i : i + n]))
            if curated is None:
                continue
            if n == 1 and not curated and is_personal_name(keys[i]) and (i == 0 or keys[i - 1] not in PLACE_CUES):
                continue
            matched = n
            break
        if matched:
            start, end = tokens[i].start(), tokens[i + matched - 1].end()
            # "'s Heeren Loo", "Centrum '45": the apostrophe belongs to the term.
            if start > 0 and text[start - 1] in "'’":
                start -= 1
            if spans and not text[spans[-1][1] : start].strip(" -"):
                spans[-1] = (spans[-1][0], end)  # "Veilig Thuis" + "Haaglanden"
            else:
                spans.append((start, end))
            i += matched
        else:
            i += 1
    return spans
