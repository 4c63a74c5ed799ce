"""Benchmark of the therapist search with 10,000 synthetic verified therapists, on SQLite and PostgreSQL.

Run:  .venv/bin/python benchmarks/directory_search.py [--database sqlite|postgres|both] [--therapists 10000]
      [--searches 200]

Each database run happens in a child process with its own DATABASE_URL, on a throw-away database: a temporary
SQLite file, or a PostgreSQL database `drakentemmers_bench` that this script creates and drops on
postgres://postgres@127.0.0.1:5432 (start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start`).
The child migrates, loads the real regional data, bulk-creates the therapists and times ~200 varied searches
(postcode or municipality plus filters, page 1 of 20), each including place resolution, the count, the page and
the prefetches, exactly what the search page runs. It prints p50/p95/max latency and the queries per search.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "drakentemmers_bench"
SEED = 4242


def _child(therapists: int, searches: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drakentemmers.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from drakentemmers.regions.services import regions_load

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    regions_load()
    setup_s = time.perf_counter() - started
    started = time.perf_counter()
    from drakentemmers.directory.models import TherapistProfile

    if TherapistProfile.objects.count() < therapists:  # a kept debugging database is reused as it is
        _populate(therapists)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    populate_s = time.perf_counter() - started

    from drakentemmers.directory.selectors import therapist_search
    from drakentemmers.regions.selectors import place_resolve

    timings, queries, counts, db_times, cpu_times = [], [], [], [], []
    plans = _search_plans(searches)
    therapist_search(viewer=None, criteria=_criteria(plans[0], place_resolve))  # warm-up (connection, caches)
    for plan in plans:
        with CaptureQueriesContext(connection) as captured:
            t0, c0 = time.perf_counter(), time.process_time()
            result = therapist_search(viewer=None, criteria=_criteria(plan, place_resolve))
            rows = len(result.results)
            elapsed = time.perf_counter() - t0
            cpu_times.append((time.process_time() - c0) * 1000)
        db_times.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        assert rows <= 20
        timings.append(elapsed * 1000)
        queries.append(len(captured))
        if os.environ.get("BENCH_VERBOSE") and elapsed > 0.1:
            slow = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[0]
            print(f"{elapsed * 1000:.0f} ms {_describe(plan)} slowest query {slow['time']} s: {slow['sql'][:300]}")
        counts.append(result.count)
    timings.sort()
    db_times.sort()
    cpu_times.sort()
    return {
        "db_p50_ms": round(statistics.median(db_times), 1),
        "db_p95_ms": round(db_times[int(0.95 * len(db_times)) - 1], 1),
        "python_cpu_p50_ms": round(statistics.median(cpu_times), 1),
        "load_average": round(os.getloadavg()[0], 1),
        "vendor": connection.vendor,
        "therapists": therapists,
        "searches": len(timings),
        "setup_s": round(setup_s, 1),
        "populate_s": round(populate_s, 1),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * len(timings)) - 1], 1),
        "max_ms": round(timings[-1], 1),
        "queries_max": max(queries),
        "queries_median": statistics.median(queries),
        "results_median": statistics.median(counts),
        "empty_searches": sum(1 for c in counts if c == 0),
    }


def _populate(count: int) -> None:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from drakentemmers.accounts.models import User
    from drakentemmers.directory.models import (
        Accepting,
        Expertise,
        FundingRoute,
        Language,
        Method,
        Profession,
        TargetGroup,
        TherapistProfile,
        VerificationStatus,
        WorkLocation,
    )
    from drakentemmers.regions.models import PostcodeArea

    rng = random.Random(SEED)
    now = timezone.now()
    areas = list(PostcodeArea.objects.all())
    weights = [max(a.population, 1) for a in areas]
    vocab = {model: list(model.objects.all()) for model in (Method, Expertise, Language, FundingRoute, TargetGroup)}
    professions = list(Profession.objects.all())
    password = make_password("benchmark")
    batch = 2000
    User.objects.bulk_create(
        [
            User(email=f"bench{n}@bench.invalid", first_name="Bench", last_name=f"{n}", password=password)
            for n in range(count)
        ],
        batch_size=batch,
    )
    users = list(User.objects.filter(email__endswith="@bench.invalid").order_by("pk"))
    profiles = [
        TherapistProfile(
            user=user,
            status=VerificationStatus.VERIFIED,
            profession=rng.choice(professions),
            travel_radius_km=rng.choice([10, 15, 25, 40, 60]),
            offers_in_shelter=rng.random() < 0.45,
            offers_outpatient=rng.random() < 0.85,
            offers_online=rng.random() < 0.4,
            treats_age_0_4=rng.random() < 0.2,
            treats_age_4_12=rng.random() < 0.45,
            treats_age_12_18=rng.random() < 0.45,
            treats_age_18_plus=rng.random() < 0.6,
            public_profile=rng.random() < 0.4,
            accepting=rng.choice([Accepting.YES, Accepting.LIMITED, Accepting.NO]),
            waiting_weeks=rng.choice([0, 1, 2, 3, 4, 6, 8, 12, 16]),
            availability_confirmed_at=now - timezone.timedelta(days=rng.randint(0, 120)),
        )
        for user in users
    ]
    TherapistProfile.objects.bulk_create(profiles, batch_size=batch)
    profiles = list(TherapistProfile.objects.order_by("pk").only("pk"))
    locations, through = [], {model: [] for model in vocab}
    for profile in profiles:
        for area in rng.choices(areas, weights=weights, k=1 if rng.random() < 0.8 else 2):
            locations.append(
                WorkLocation(
                    therapist_id=profile.pk,
                    municipality_id=area.municipality_id,
                    postcode_area_id=area.pk,
                    latitude=area.latitude,
                    longitude=area.longitude,
                )
            )
        for model, terms in vocab.items():
            field = {Method: "methods", Expertise: "expertise", Language: "languages", FundingRoute: "funding_routes"}
            name = field.get(model, "target_groups")
            rel = getattr(TherapistProfile, name).through
            column = f"{model._meta.model_name}_id"
            for term in rng.sample(terms, min(len(terms), rng.randint(1, 3))):
                through[model].append(rel(therapistprofile_id=profile.pk, **{column: term.pk}))
    WorkLocation.objects.bulk_create(locations, batch_size=batch)
    for rows in through.values():
        type(rows[0]).objects.bulk_create(rows, batch_size=batch, ignore_conflicts=True)


def _search_plans(count: int) -> list[dict]:
    from drakentemmers.directory.models import AgeBand, Language, Method, Setting, TargetGroup
    from drakentemmers.regions.models import Municipality, PostcodeArea, Region, RegionKind

    rng = random.Random(SEED + 1)
    postcodes = list(PostcodeArea.objects.order_by("code").values_list("code", flat=True))
    municipalities = list(Municipality.objects.filter(is_active=True).order_by("code").values_list("name", flat=True))
    regions = list(Region.objects.filter(kind=RegionKind.VEILIG_THUIS).order_by("code"))
    methods, groups, languages = (
        list(Method.objects.all()),
        list(TargetGroup.objects.all()),
        list(Language.objects.all()),
    )
    plans = []
    for _ in range(count):
        plan: dict = {}
        roll = rng.random()
        if roll < 0.7:
            plan["place"] = f"{rng.choice(postcodes)} AB"
        elif roll < 0.85:
            plan["place"] = rng.choice(municipalities)
        else:
            plan["region"] = rng.choice(regions)
        if rng.random() < 0.6:
            plan["methods"] = tuple(rng.sample(methods, rng.randint(1, 2)))
        if rng.random() < 0.4:
            plan["max_distance_km"] = rng.choice([10, 25, 50])
        if rng.random() < 0.3:
            plan["setting"] = rng.choice([Setting.IN_SHELTER, Setting.OUTPATIENT, Setting.ONLINE])
        if rng.random() < 0.3:
            plan["accepting_now"] = True
        if rng.random() < 0.2:
            plan["max_waiting_weeks"] = rng.choice([2, 4, 8])
        if rng.random() < 0.2:
            plan["target_group"] = rng.choice(groups)
        if rng.random() < 0.2:
            plan["age_band"] = rng.choice(list(AgeBand))
        if rng.random() < 0.1:
            plan["language"] = rng.choice(languages)
        plans.append(plan)
    return plans


def _describe(plan: dict) -> str:
    return ", ".join(f"{k}={getattr(v, 'slug', v)}" for k, v in plan.items())


def _criteria(plan: dict, place_resolve):
    from drakentemmers.directory.selectors import SearchCriteria

    plan = dict(plan)
    if "place" in plan:
        plan["place"] = place_resolve(plan["place"])
    return SearchCriteria(**plan)


def _run(label: str, database_url: str, therapists: int, searches: int) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "drakentemmers.settings"}
    output = subprocess.run(
        [sys.executable, __file__, "--child", "--therapists", str(therapists), "--searches", str(searches)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if output.returncode != 0:
        raise SystemExit(f"{label} run failed:\n{output.stderr[-4000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def _postgres(therapists: int, searches: int) -> dict:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        admin.execute(f"CREATE DATABASE {PG_BENCH_DB}")
    try:
        return _run("PostgreSQL", f"postgresql://postgres@127.0.0.1:5432/{PG_BENCH_DB}", therapists, searches)
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")


def _sqlite(therapists: int, searches: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        return _run("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", therapists, searches)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--therapists", type=int, default=10_000)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.therapists, args.searches)))
        return
    runs = []
    if args.database in ("sqlite", "both"):
        runs.append(_sqlite(args.therapists, args.searches))
    if args.database in ("postgres", "both"):
        runs.append(_postgres(args.therapists, args.searches))
    print(f"{'database':<11}{'therapists':>11}{'searches':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'queries':>9}")
    for r in runs:
        print(
            f"{r['vendor']:<11}{r['therapists']:>11}{r['searches']:>9}{r['p50_ms']:>9}{r['p95_ms']:>9}"
            f"{r['max_ms']:>9}{r['queries_max']:>9}"
        )
    for r in runs:
        print(
            f"{r['vendor']}: set-up {r['setup_s']} s, populate {r['populate_s']} s, median results "
            f"{r['results_median']}, empty searches {r['empty_searches']}, queries median {r['queries_median']}, "
            f"database time p50/p95 {r['db_p50_ms']}/{r['db_p95_ms']} ms, Python CPU p50 {r['python_cpu_p50_ms']} ms, "
            f"load average {r['load_average']}"
        )


if __name__ == "__main__":
    main()
