"""Benchmark of the dashboard (issue 22): build time and query count at 1x and 10x data, on PostgreSQL.

Run:  .venv/bin/python benchmarks/dashboard.py [--therapists 10000] [--requests 50000] [--keep]

A child process gets its own PostgreSQL database `drakentemmers_bench_dashboard` on
postgres://postgres@127.0.0.1:5432 (created and dropped by this script), migrates, loads the real regions and
bulk-creates a tenth of the data (therapists with 1-2 work locations on real PC4 areas, 200 organisations,
client requests over the last 14 months, half of them matched, a third with a declined invitation). It takes
the snapshots (the nightly job: it fills in the closed months once), then times `dashboard_build()` for the
national page and one region, and the coverage map. Then it adds the other nine tenths and measures again:
the query count must not grow with the data.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "drakentemmers_bench_dashboard"
SEED = 2222


def _populate(therapists: int, requests: int, offset: int) -> None:
    from django.utils import timezone

    from drakentemmers.accounts.models import User
    from drakentemmers.directory.models import (
        Accepting,
        Organisation,
        OrganisationKind,
        TherapistProfile,
        VerificationStatus,
        WorkLocation,
    )
    from drakentemmers.matching.models import Candidacy, CandidacyStatus, CareRequest, DeclineReason, RequestStatus
    from drakentemmers.regions.models import PostcodeArea

    rng = random.Random(SEED + offset)
    now = timezone.now()
    areas = list(PostcodeArea.objects.values_list("id", "municipality_id", "latitude", "longitude", "population"))
    weights = [max(1, a[4]) for a in areas]
    users = User.objects.bulk_create(
        [User(email=f"bench{offset + i}@dashboard.example.nl", password="!") for i in range(therapists)],
        batch_size=2000,
    )
    profiles = TherapistProfile.objects.bulk_create(
        [
            TherapistProfile(
                user=user,
                status=VerificationStatus.VERIFIED if rng.random() < 0.85 else VerificationStatus.SUBMITTED,
                verified_at=now - timedelta(days=rng.randint(0, 420)),
                accepting=rng.choice(list(Accepting.values)),
                availability_confirmed_at=now - timedelta(days=rng.randint(0, 60)),
            )
            for user in users
        ],
        batch_size=2000,
    )
    locations = []
    for profile in profiles:
        for area in rng.choices(areas, weights=weights, k=rng.choice((1, 1, 2))):
            locations.append(
                WorkLocation(
                    therapist=profile,
                    municipality_id=area[1],
                    postcode_area_id=area[0],
                    latitude=area[2],
                    longitude=area[3],
                )
            )
    WorkLocation.objects.bulk_create(locations, batch_size=5000)
    organisations = list(Organisation.objects.all()[:200])
    if not organisations:
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Opvang {i}",
                    kind=OrganisationKind.WOMENS_SHELTER,
                    contact_name="Contact",
                    contact_email="contact@example.nl",
                    municipality_id=area[1],
                    status=VerificationStatus.VERIFIED,
                    verified_at=now - timedelta(days=400),
                )
                for i, area in enumerate(rng.choices(areas, weights=weights, k=200))
            ]
        )
    made = []
    for _i in range(requests):
        organisation = rng.choice(organisations)
        published = now - timedelta(days=rng.uniform(0, 420))
        matched = published + timedelta(days=rng.uniform(0.2, 30)) if rng.random() < 0.5 else None
        made.append(
            CareRequest(
                organisation=organisation,
                title="Benchmark",
                setting="outpatient",
                published_at=published,
                matched_at=matched if matched and matched < now else None,
                status=RequestStatus.MATCHED if matched and matched < now else RequestStatus.OPEN,
                municipality_id=rng.choice(areas)[1],
            )
        )
    made = CareRequest.objects.bulk_create(made, batch_size=5000)
    candidacies = [
        Candidacy(
            care_request=request,
            therapist=rng.choice(profiles),
            status=CandidacyStatus.DECLINED,
            decline_reason=rng.choice(list(DeclineReason.values)),
            responded_at=request.published_at + timedelta(hours=rng.uniform(1, 120)),
        )
        for request in made
        if rng.random() < 0.33
    ]
    Candidacy.objects.bulk_create(candidacies, batch_size=5000)


def _measure() -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from drakentemmers.dashboard.coverage import coverage_map
    from drakentemmers.dashboard.selectors import area_table, dashboard_build
    from drakentemmers.regions.selectors import reporting_region_kind, reporting_regions

    regions = list(reporting_regions())
    year = timezone.localdate().year

    def page(region, level):
        """What the view builds: the figures (measured now, without the shared minute cache) and the area table."""
        with override_settings(DASHBOARD_FIGURES_CACHE_SECONDS=0):
            return area_table(dashboard_build(year=year, region=region, regions=regions), level=level)

    result = {}
    for name, call in (
        ("national", lambda: page(None, "region")),
        ("region", lambda: page(regions[0], "municipality")),
        # A second viewer within the minute: the figures come from the shared cache.
        ("cached", lambda: dashboard_build(year=year, region=regions[0], regions=regions)),
        (
            "map",
            lambda: coverage_map(
                measure="therapists", level="municipality", regions=regions, region_kind=reporting_region_kind()
            ),
        ),
    ):
        call()  # warm-up: geometry, connection
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            elapsed = time.perf_counter() - started
        result[name] = {"ms": round(elapsed * 1000), "queries": len(captured)}
    return result


def _child(therapists: int, requests: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drakentemmers.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from drakentemmers.dashboard.services import kpi_snapshots_take
    from drakentemmers.regions.services import regions_load

    call_command("migrate", verbosity=0)
    regions_load()
    out = {"vendor": connection.vendor, "runs": []}
    done_t, done_r = 0, 0
    for factor in (1, 10):
        t, r = therapists * factor // 10, requests * factor // 10
        started = time.perf_counter()
        _populate(t - done_t, r - done_r, offset=done_t)
        done_t, done_r = t, r
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        populate_s = time.perf_counter() - started
        started = time.perf_counter()
        rows = kpi_snapshots_take()
        snapshot_s = time.perf_counter() - started
        started = time.perf_counter()
        kpi_snapshots_take()
        snapshot_daily_s = time.perf_counter() - started
        out["runs"].append(
            {
                "therapists": t,
                "requests": r,
                "populate_s": round(populate_s, 1),
                "snapshot_rows": rows,
                "snapshot_first_s": round(snapshot_s, 1),
                "snapshot_daily_s": round(snapshot_daily_s, 1),
                **_measure(),
                "load_average": round(os.getloadavg()[0], 1),
            }
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--therapists", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50_000)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(_child(options.therapists, options.requests)))
        return 0
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        admin.execute(f"CREATE DATABASE {PG_BENCH_DB}")
    env = dict(os.environ, DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}", DEBUG="1")
    try:
        completed = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--therapists",
                str(options.therapists),
                "--requests",
                str(options.requests),
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode:
            print(completed.stderr[-4000:])
            return completed.returncode
        result = json.loads(completed.stdout.strip().splitlines()[-1])
    finally:
        if not options.keep:
            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
    print(f"database: {result['vendor']}")
    print(
        "therapists requests | snapshot first/daily s | national ms (queries) | region ms (queries)"
        " | cached ms (q) | map ms (q)"
    )
    for run in result["runs"]:
        print(
            f"{run['therapists']:>10} {run['requests']:>8} | "
            f"{run['snapshot_first_s']:>6} / {run['snapshot_daily_s']:<6}"
            f" | {run['national']['ms']:>6} ({run['national']['queries']}) | {run['region']['ms']:>6} "
            f"({run['region']['queries']}) | {run['cached']['ms']:>5} ({run['cached']['queries']}) "
            f"| {run['map']['ms']:>5} ({run['map']['queries']}) "
            f"[load {run['load_average']}]"
        )
    small, large = result["runs"][0], result["runs"][-1]
    grew = [name for name in ("national", "region", "cached", "map") if large[name]["queries"] > small[name]["queries"]]
    if grew:
        print(f"FAIL: query count grew with the data for {', '.join(grew)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
