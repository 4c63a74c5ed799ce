"""Lazy, thread-safe, once-per-process loading of the Deduce model and the name lexicons.

Deduce keeps its lookup structures in a pickle cache. Building it takes 1-2 minutes; unpickling it takes a
few seconds. Deduce's own cache lives in site-packages (possibly read-only), is written non-atomically and
is shared with any other Deduce user on the machine, so we keep our own copy in
``$DRAKENTEMMERS_DEDUCE_CACHE_DIR`` (default ``<repo>/var/cache/deduce``), built under a file lock and
written atomically. Warm it at deploy time, e.g.
``python -c "from drakentemmers.core.privacy import warm_up; warm_up()"``.
Nothing is downloaded: Deduce ships its lookup lists inside the wheel.
"""

from __future__ import annotations

import fcntl
import gc
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deduce import Deduce

logger = logging.getLogger(__name__)

EXTRA_FIRST_NAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "extra_first_names.txt"
_REPO_ROOT = Path(__file__).resolve().parents[3]
_CACHE_FILE = Path("cache") / "lookup_structs.pickle"  # layout expected by deduce.lookup_structs


@dataclass(frozen=True)
class Lexicons:
    """Lower-cased word lists used by the name detectors."""

    first_names: frozenset[str]  # Deduce first names + our supplementary list
    extra_first_names: frozenset[str]  # only our supplementary (non-Dutch-origin) list
    surnames: frozenset[str]
    common_words: frozenset[str]  # Deduce whitelist: frequent Dutch words, stop words, medical terms


@dataclass(frozen=True)
class Model:
    deduce: Deduce
    lexicons: Lexicons
    load_seconds: float


_lock = threading.Lock()
_model: Model | None = None


def _read_items(path: Path) -> set[str]:
    if not path.exists():
        return set()
    with path.open(encoding="utf-8") as handle:
        return {line.strip().lower() for line in handle if line.strip() and not line.startswith("#")}


def _build_lexicons(deduce: Deduce) -> Lexicons:
    src = Path(deduce.lookup_data_path) / "src"
    deduce_first = _read_items(src / "names" / "lst_first_name" / "items.txt")
    surnames = _read_items(src / "names" / "lst_surname" / "items.txt")
    extra = frozenset(_read_items(EXTRA_FIRST_NAMES_FILE))
    whitelist: Any = deduce.lookup_structs["whitelist"]
    common = frozenset(item.lower() for item in whitelist.items())
    return Lexicons(
        first_names=frozenset(deduce_first | extra),
        extra_first_names=extra,
        surnames=frozenset(surnames),
        common_words=common,
    )


def _import_deduce() -> type[Deduce]:
    # ``deduce`` calls logging.basicConfig(DEBUG, stdout) at import time; undo that side effect so the
    # process keeps its own logging configuration.
    root = logging.getLogger()
    handlers_before, level_before = list(root.handlers), root.level
    from deduce import Deduce

    for handler in list(root.handlers):
        if handler not in handlers_before:
            root.removeHandler(handler)
    root.setLevel(level_before)
    return Deduce


def cache_dir() -> Path:
    configured = os.environ.get("DRAKENTEMMERS_DEDUCE_CACHE_DIR")
    return Path(configured) if configured else _REPO_ROOT / "var" / "cache" / "deduce"


def _ensure_lookup_cache(directory: Path) -> None:
    """Build Deduce's lookup structures into ``directory`` once, under a lock, with an atomic rename."""
    target = directory / _CACHE_FILE
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with (directory / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # several workers may start at once: only one builds
        if target.exists():
            return
        from deduce.deduce import _LOOKUP_LIST_PATH, Deduce, __version__
        from deduce.lookup_structs import cache_lookup_structs, get_lookup_structs

        logger.warning("Building the Deduce lookup cache in %s (takes 1-2 minutes, once)", directory)
        structs = get_lookup_structs(
            lookup_path=_LOOKUP_LIST_PATH,
            cache_path=directory,
            tokenizer=Deduce._initialize_tokenizer(_LOOKUP_LIST_PATH),
            deduce_version=__version__,
            build=True,
            save_cache=False,
        )
        with tempfile.TemporaryDirectory(dir=directory) as tmp:
            cache_lookup_structs(structs, cache_path=Path(tmp), deduce_version=__version__)
            os.replace(Path(tmp) / _CACHE_FILE, target)


def build_model() -> Model:
    """Build the model (slow: seconds). Use :func:`get_model` instead, which caches the result."""
    started = time.perf_counter()
    deduce_cls = _import_deduce()
    directory = cache_dir()
    # Unpickling millions of small objects is twice as fast without the cyclic GC running in between.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        _ensure_lookup_cache(directory)
        # With cache_path outside the package, Deduce validates the cache on its version only.
        deduce = deduce_cls(cache_path=directory)
        lexicons = _build_lexicons(deduce)
    finally:
        if gc_was_enabled:
            gc.enable()
    # Move the long-lived lookup structures out of the GC's way: later collections stay cheap.
    gc.freeze()
    elapsed = time.perf_counter() - started
    logger.info("Privacy guard model loaded in %.1f s", elapsed)
    return Model(deduce=deduce, lexicons=lexicons, load_seconds=elapsed)


def get_model() -> Model:
    """Return the process-wide model, building it on first use (double-checked locking)."""
    global _model
    model = _model
    if model is not None:
        return model
    with _lock:
        if _model is None:
            _model = build_model()
        return _model


def is_loaded() -> bool:
    return _model is not None


def reset_lock_after_fork() -> None:
    """In a forked child the loading thread is gone; a lock it held would never be released."""
    global _lock
    _lock = threading.Lock()
