"""Evaluation of the privacy guard on the whole labelled set: recall, false-alarm rate and set size.

The allowlist reads the platform's own region, municipality, place and organisation names, so the script runs
on a database with the real regional data: a throw-away database (``<name>_bench_privacy_eval`` of DATABASE_URL, or a
temporary SQLite file without it), migrated and loaded by the script and dropped afterwards.

Run: .venv/bin/python benchmarks/privacy_guard_eval.py [-v]
The same figures are asserted, with thresholds, by core/tests/test_privacy_guard_eval.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drakentemmers.settings")


def _report(title: str, result, pii_cases, clean_cases) -> None:
    items = sum(len(c.pii) for c in pii_cases)
    found = sum(result.per_kind_found.values())
    print(
        f"{title:<34} {len(pii_cases):>4} texts / {items:>4} items  recall {result.recall:6.1%} ({found}/{items})"
        f"   {len(clean_cases):>4} clean texts  false alarms {result.false_alarm_rate:5.1%}"
        f" ({len(result.clean_alarms)}/{len(clean_cases)})"
    )


def main(verbose: bool) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{old_name}_bench_privacy_eval"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from drakentemmers.core import privacy
        from drakentemmers.core.tests.privacy_cases import CLEAN_CASES, PII_CASES, evaluate
        from drakentemmers.core.tests.privacy_eval_cases import EVAL_CLEAN_CASES, EVAL_PII_CASES
        from drakentemmers.regions.services import regions_load

        regions_load()
        privacy.warm_up()
        try:
            from drakentemmers.core.privacy import allowlist

            print(f"allowlist: {allowlist.describe()}")
        except ImportError:
            print("allowlist: none (before the change)")
        batches = [
            ("batches 1+2 (names, numbers)", PII_CASES, CLEAN_CASES),
            ("batch 3 (orgs, places, e-mail)", EVAL_PII_CASES, EVAL_CLEAN_CASES),
            ("whole set", PII_CASES + EVAL_PII_CASES, CLEAN_CASES + EVAL_CLEAN_CASES),
        ]
        for title, pii_cases, clean_cases in batches:
            result = evaluate(privacy.scan_text, pii_cases, clean_cases)
            _report(title, result, pii_cases, clean_cases)
        if verbose or result.missed or result.clean_alarms:
            for kind, fragment, text in result.missed:
                print(f"  missed [{kind}] {fragment!r} in {text!r}")
            for text, flagged in result.clean_alarms:
                print(f"  false alarm {flagged} in {text!r}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
