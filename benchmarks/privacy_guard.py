"""Benchmark of the privacy guard: recall / false alarms on the labelled set, load time and scan latency.

Run: .venv/bin/python benchmarks/privacy_guard.py [-v]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drakentemmers.settings")


def main(verbose: bool) -> None:
    from drakentemmers.core import privacy
    from drakentemmers.core.privacy import model
    from drakentemmers.core.tests.privacy_cases import CLEAN_CASES, PII_CASES, evaluate

    started = time.perf_counter()
    privacy.warm_up()
    cold = time.perf_counter() - started
    print(f"cold model load: {cold:.2f} s (inside loader: {model.get_model().load_seconds:.2f} s)")

    result = evaluate(privacy.scan_text)
    n_pii = sum(len(c.pii) for c in PII_CASES)
    print(f"\nlabelled set: {len(PII_CASES)} texts with {n_pii} PII items, {len(CLEAN_CASES)} clean texts")
    print(f"overall recall: {result.recall:.1%}")
    print(f"false-alarm rate: {result.false_alarm_rate:.1%} ({len(result.clean_alarms)}/{result.clean_total})")
    print("\nrecall per kind:")
    for kind in sorted(result.per_kind_total):
        total = result.per_kind_total[kind]
        found = result.per_kind_found.get(kind, 0)
        print(f"  {kind:<14} {found:>3}/{total:<3} {found / total:.0%}")
    if verbose or result.missed:
        print("\nmissed:")
        for kind, fragment, text in result.missed:
            print(f"  [{kind}] {fragment!r} in {text!r}")
    if verbose or result.clean_alarms:
        print("\nfalse alarms:")
        for text, flagged in result.clean_alarms:
            print(f"  {flagged} in {text!r}")

    texts = [c.text for c in PII_CASES + CLEAN_CASES]
    long_text = ""
    index = 0
    while len(long_text) < 1000:
        long_text += texts[index % len(texts)] + " "
        index += 1
    long_text = long_text[:1000]
    for text in texts[:20]:
        privacy.scan_text(text)  # warm-up
    per_text = []
    for text in texts:
        t0 = time.perf_counter()
        privacy.scan_text(text)
        per_text.append((time.perf_counter() - t0) * 1000)
    per_1000 = []
    for _ in range(50):
        t0 = time.perf_counter()
        privacy.scan_text(long_text)
        per_1000.append((time.perf_counter() - t0) * 1000)

    def pct(values: list[float], q: int) -> float:
        return statistics.quantiles(values, n=100)[q - 1]

    avg_len = statistics.mean(len(t) for t in texts)
    print(
        f"\nscan latency, labelled texts (avg {avg_len:.0f} chars): p50 {pct(per_text, 50):.1f} ms, "
        f"p95 {pct(per_text, 95):.1f} ms"
    )
    print(f"scan latency, 1,000-char text: p50 {pct(per_1000, 50):.1f} ms, p95 {pct(per_1000, 95):.1f} ms")


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
