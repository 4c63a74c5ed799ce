"""Run the benchmarks one after another (`make benchmarks`): search, ranking, privacy guard, whole pages under load.

Run: .venv/bin/python benchmarks/run_all.py [--quick]
     [--only directory_search matching_ranking privacy_guard load_pages soak]

Each script runs in its own process with this interpreter and its own defaults (see benchmarks/README.md:
about 10 minutes in all, SQLite and PostgreSQL on postgres://postgres@127.0.0.1:5432; the load benchmark
about 4 minutes: 22 pages for 8 s each at 50 connections plus set-up). `--quick` runs smaller variants
(SQLite only, and the load benchmark for 2 s per page at 10 connections on PostgreSQL), as a smoke test
that the benchmarks still work, not for figures. The 30-minute soak run (`soak.py`) runs only when named
with `--only soak`. One failing benchmark does not stop the others; the exit
status is non-zero if any failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS: dict[str, dict[str, list[str]]] = {
    # name: arguments for the full run and for --quick
    "directory_search": {
        "full": [],
        "quick": ["--database", "sqlite", "--therapists", "2000", "--searches", "50"],
    },
    "matching_ranking": {"full": [], "quick": ["--sizes", "2000", "--databases", "sqlite", "--criteria", "30"]},
    "privacy_guard": {"full": [], "quick": []},
    # PostgreSQL only (its own database): dashboard build time and queries at 1x and 10x data.
    "dashboard": {"full": [], "quick": ["--therapists", "1000", "--requests", "5000"]},
    # PostgreSQL only (Dutch full-text search); 10,000 pages, about 7 minutes of which most is indexing.
    "knowledge_search": {"full": [], "quick": ["--pages", "500", "--searches", "50"]},
    # PostgreSQL only; its own database and port (see the script's --database and --port).
    "load_pages": {"full": [], "quick": ["--seconds", "2", "--connections", "10"]},
    # Only when named (`--only soak`): 30 minutes of load with the worker and scheduler, memory per process.
    "soak": {"full": ["--minutes", "30"], "quick": ["--minutes", "1", "--seconds", "2"]},
}
DEFAULT = [name for name in BENCHMARKS if name != "soak"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small SQLite-only runs (smoke test)")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), default=DEFAULT)
    options = parser.parse_args()
    failed = []
    for name in options.only:
        args = BENCHMARKS[name]["quick" if options.quick else "full"]
        command = [sys.executable, str(HERE / f"{name}.py"), *args]
        print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
        started = time.monotonic()
        returncode = subprocess.call(command, cwd=HERE.parent)
        print(
            f"=== {name}: {'ok' if returncode == 0 else f'FAILED ({returncode})'} in {time.monotonic() - started:.0f} s"
        )
        if returncode:
            failed.append(name)
    if failed:
        print(f"\nFailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
