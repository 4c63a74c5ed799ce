"""Run the three benchmarks one after another (`make benchmarks`): search, ranking, privacy guard.

Run: .venv/bin/python benchmarks/run_all.py [--quick] [--only directory_search matching_ranking privacy_guard]

Each script runs in its own process with this interpreter and its own defaults (see benchmarks/README.md:
about 6 minutes in all, SQLite and PostgreSQL on postgres://postgres@127.0.0.1:5432). `--quick` runs a
smaller SQLite-only variant, as a smoke test that the benchmarks still work, not for figures. One failing
benchmark does not stop the others; the exit status is non-zero if any failed.
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
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small SQLite-only runs (smoke test)")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), default=list(BENCHMARKS))
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
