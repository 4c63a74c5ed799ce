"""Benchmark: POST the care-request form on a warm process, as a verified organisation's staff member with MFA.

Everything is real except the network: the Django test client, the full middleware stack (session, CSRF off as
the test client does, MFA check, access log), the form with the real privacy scan (Deduce model and allowlist
loaded before timing, as a started web process has them), the ranking-free create service and PostgreSQL
(DATABASE_URL; without it a temporary SQLite file). The script creates a throw-away test database
``<name>_bench_care_request``, loads the real regions, and drops it at the end.

Two series of N POSTs each: clean texts from the labelled set (the request is stored, 302) and texts with a
finding (the form comes back with the highlight, 200); then N GETs of the empty form for comparison (what
rendering the long form costs without any scan).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/drakentemmers .venv/bin/python benchmarks/care_request_post.py [N]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drakentemmers.settings")

TARGET_P95_MS = 300
WARM_UP_POSTS = 10


def _pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _series(client, url: str, base: dict, texts: list[str], n: int, expected: int) -> list[float]:
    timings = []
    for i in range(n):
        data = {**base, "context": texts[i % len(texts)], "title": f"Hulpvraag {i}"}
        started = time.perf_counter()
        response = client.post(url, data)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != expected:
            raise SystemExit(f"POST {i} answered {response.status_code}, expected {expected}")
    return timings


def main(n: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{old_name}_bench_care_request"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        _run(n)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _run(n: int) -> None:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from drakentemmers.core import privacy
    from drakentemmers.core.privacy import allowlist
    from drakentemmers.core.tests.privacy_cases import CLEAN_CASES, PII_CASES
    from drakentemmers.directory.tests.factories import method, target_group
    from drakentemmers.matching.models import CareRequest
    from drakentemmers.matching.tests.factories import org_staff
    from drakentemmers.regions.services import regions_load

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    regions_load()
    started = time.perf_counter()
    privacy.warm_up()  # what a started web process has done in the background (drakentemmers/wsgi.py)
    print(f"model and allowlist ready in {time.perf_counter() - started:.1f} s ({allowlist.describe()})")

    client = Client()
    client.force_login(org_staff())
    url = reverse("matching:request_create")
    base = {
        "client_type": "adult",
        "age_band": "18+",
        "client_role": "victim",
        "target_groups": [target_group("slachtoffers").pk],
        "methods": [method("emdr").pk],
        "gender_preference": "none",
        "setting": "outpatient",
        "place_text": "1012",
        "urgency": "normal",
    }
    clean = [c.text for c in CLEAN_CASES]
    flagged = [c.text for c in PII_CASES if not privacy.contains_valid_bsn(c.text)]
    _series(client, url, base, clean, WARM_UP_POSTS, 302)
    stored = _series(client, url, base, clean, n, 302)
    highlighted = _series(client, url, base, flagged, n, 200)
    page = []
    for _ in range(n):
        started = time.perf_counter()
        client.get(url)
        page.append((time.perf_counter() - started) * 1000)
    print(f"{CareRequest.objects.count()} care requests stored; database {settings.DATABASES['default']['ENGINE']}")
    load = os.getloadavg()[0]
    series = (
        ("clean text, stored (302)", stored),
        ("finding, highlighted (200)", highlighted),
        ("for comparison: GET the form", page),
    )
    for title, values in series:
        print(
            f"{title:<28} n={len(values)}  p50 {_pct(values, 50):6.1f} ms  p95 {_pct(values, 95):6.1f} ms  "
            f"p99 {_pct(values, 99):6.1f} ms  max {max(values):6.1f} ms  (load avg {load:.1f})"
        )
    worst = max(_pct(stored, 95), _pct(highlighted, 95))
    print(f"target p95 < {TARGET_P95_MS} ms: {'met' if worst < TARGET_P95_MS else 'NOT met'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
