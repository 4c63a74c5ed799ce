"""Benchmark of the candidate ranking (drakentemmers.matching.ranking.rank_candidates).

Builds a dedicated database per (database, size) — a temporary SQLite file, or the PostgreSQL database
drakentemmers_bench_matching which the script creates and drops — fills it with synthetic therapists
(1–2 work locations each near real municipality centres, M2M vocabulary rows, some open candidacies),
then times ~100 varied criteria and prints p50 / p95 / max per size and database.

Run: .venv/bin/python benchmarks/matching_ranking.py [--sizes 10000 100000] [--databases sqlite postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "drakentemmers_bench_matching"
SEED = 20261123
N_CRITERIA = 100
WARM_UP = 5
VOCAB_SIZES = {"target_groups": 5, "languages": 8, "funding_routes": 4, "methods": 12, "expertise": 10}
# (table suffix, column) of the auto-created M2M tables of TherapistProfile
M2M = {
    "target_groups": ("targetgroup_id", 0.4),
    "languages": ("language_id", 0.15),
    "funding_routes": ("fundingroute_id", 0.6),
    "methods": ("method_id", 0.2),
    "expertise": ("expertise_id", 0.2),
}


# ---------------------------------------------------------------- parent: orchestrates child processes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--criteria", type=int, default=N_CRITERIA)
    parser.add_argument("--child", nargs=2, metavar=("DATABASE_URL", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print("RESULT " + json.dumps(run_child(args.child[0], int(args.child[1]), args.criteria)), flush=True)
        return
    results = []
    for database in args.databases:
        for size in args.sizes:
            results.append(run_isolated(database, size, args.criteria))
    print(
        "\n| database | therapists | work locations | criteria | p50 ms | p95 ms | max ms | mean candidates | build s |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r['vendor']} | {r['size']:,} | {r['locations']:,} | {r['criteria']} | {r['p50']:.1f} | "
            f"{r['p95']:.1f} | {r['max']:.1f} | {r['mean_candidates']:.1f} | {r['build_seconds']:.0f} |"
        )


def run_isolated(database: str, size: int, n_criteria: int) -> dict:
    """One child process per run: Django's settings (DATABASE_URL) are fixed at start-up."""
    tmpdir = None
    if database == "sqlite":
        tmpdir = tempfile.mkdtemp(prefix="bench-matching-")
        url = f"sqlite:///{tmpdir}/bench.sqlite3"
    else:
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        _pg_admin(f"CREATE DATABASE {PG_DATABASE}")
        url = f"{PG_SERVER}/{PG_DATABASE}"
    try:
        print(f"== {database}, {size:,} therapists", flush=True)
        out = subprocess.run(
            [sys.executable, __file__, "--criteria", str(n_criteria), "--child", url, str(size)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        lines = out.stdout.splitlines()
        print("\n".join(line for line in lines if not line.startswith("RESULT ")), flush=True)
        return json.loads(next(line for line in lines if line.startswith("RESULT "))[7:])
    except subprocess.CalledProcessError as error:
        print(error.stdout, error.stderr, file=sys.stderr)
        raise
    finally:
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)
        else:
            _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE}")


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


# ---------------------------------------------------------------- child: build, then time


def run_child(url: str, size: int, n_criteria: int) -> dict:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "drakentemmers.settings"
    os.environ["DB_CONN_MAX_AGE"] = "600"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    from drakentemmers.regions.services import regions_load

    regions_load()
    print(f"   migrated and loaded regions in {time.perf_counter() - started:.1f} s", flush=True)
    rng = random.Random(SEED)
    built = time.perf_counter()
    n_locations = build_therapists(rng, size)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    build_seconds = time.perf_counter() - built
    print(f"   inserted {size:,} therapists, {n_locations:,} locations in {build_seconds:.1f} s", flush=True)
    timings, counts = time_criteria(rng, n_criteria)
    return {
        "vendor": connection.vendor,
        "size": size,
        "locations": n_locations,
        "criteria": len(timings),
        "p50": statistics.median(timings),
        "p95": _percentile(timings, 95),
        "max": max(timings),
        "mean_candidates": statistics.mean(counts),
        "build_seconds": build_seconds,
    }


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def build_therapists(rng: random.Random, size: int) -> int:
    from django.db import connection, transaction
    from django.utils import timezone

    from drakentemmers.directory import models as directory
    from drakentemmers.regions.models import Municipality

    vocab = _make_vocabularies()
    municipalities = list(Municipality.objects.values_list("id", "latitude", "longitude", "population"))
    weights = [max(1, m[3]) for m in municipalities]
    now = timezone.now()
    user_table = directory.TherapistProfile._meta.get_field("user").related_model._meta.db_table
    profile_table = directory.TherapistProfile._meta.db_table
    users, profiles, locations = [], [], []
    m2m_rows: dict[str, list[tuple]] = {name: [] for name in M2M}
    for pk in range(1, size + 1):
        users.append((pk, f"bench{pk}@example.nl", "!", False, False, True, now, "", "", "nl"))
        confirmed = None if rng.random() < 0.1 else now - _days(rng.randint(0, 90))
        profiles.append(
            (
                pk,
                pk,
                "verified" if rng.random() < 0.85 else rng.choice(["draft", "submitted", "suspended"]),
                rng.choices(["yes", "limited", "no"], [5, 3, 2])[0],
                rng.randint(0, 20),
                confirmed,
                rng.choice([10, 15, 25, 25, 40, 60]),
                rng.random() < 0.4,
                rng.random() < 0.8,
                rng.random() < 0.5,
                rng.random() < 0.15,
                rng.random() < 0.3,
                rng.random() < 0.4,
                rng.random() < 0.8,
            )
        )
        for municipality in rng.choices(municipalities, weights, k=rng.choice([1, 1, 2])):
            locations.append(
                (
                    pk,
                    municipality[0],
                    municipality[1] + rng.uniform(-0.05, 0.05),
                    municipality[2] + rng.uniform(-0.08, 0.08),
                )
            )
        for name, (_column, share) in M2M.items():
            terms = [t for t in vocab[name] if rng.random() < share]
            if name == "languages" and rng.random() < 0.95:
                terms = sorted({vocab[name][0], *terms})  # nearly everyone speaks Dutch
            if not terms:
                terms = [rng.choice(vocab[name])]
            m2m_rows[name] += [(pk, term) for term in terms]
    with transaction.atomic():
        _insert(
            user_table,
            [
                "id",
                "email",
                "password",
                "is_superuser",
                "is_staff",
                "is_active",
                "date_joined",
                "first_name",
                "last_name",
                "preferred_language",
            ],
            users,
        )
        profile_defaults = (
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            False,
            "",
            0,
            0,
            now,
            now,
        )
        _insert(
            profile_table,
            [
                "id",
                "user_id",
                "status",
                "accepting",
                "waiting_weeks",
                "availability_confirmed_at",
                "travel_radius_km",
                "offers_in_shelter",
                "offers_outpatient",
                "offers_online",
                "treats_age_0_4",
                "treats_age_4_12",
                "treats_age_12_18",
                "treats_age_18_plus",
                "registration_kind",
                "big_number",
                "registration_number",
                "supervisor_name",
                "verification_method",
                "rejection_reason",
                "practice_name",
                "bio",
                "public_profile",
                "contact_preferences",
                "free_places_adults",
                "free_places_children",
                "created_at",
                "updated_at",
            ],
            [row + profile_defaults for row in profiles],
        )
        _insert(
            directory.WorkLocation._meta.db_table,
            ["therapist_id", "municipality_id", "latitude", "longitude"],
            locations,
        )
        for name, (column, _share) in M2M.items():
            through = getattr(directory.TherapistProfile, name).through
            _insert(through._meta.db_table, ["therapistprofile_id", column], m2m_rows[name])
        _make_candidacies(rng, size, municipalities[0][0])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in (user_table, profile_table):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {size})")
    return len(locations)


def _days(n: int):
    from datetime import timedelta

    return timedelta(days=n)


def _insert(table: str, columns: list[str], rows: list[tuple]) -> None:
    """COPY on PostgreSQL, executemany on SQLite: the ORM's bulk_create is the slow part at 100,000 rows."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows)


def _make_vocabularies() -> dict[str, list[int]]:
    from drakentemmers.directory import models as directory

    models = {
        "target_groups": directory.TargetGroup,
        "languages": directory.Language,
        "funding_routes": directory.FundingRoute,
        "methods": directory.Method,
        "expertise": directory.Expertise,
    }
    vocab = {}
    for name, model in models.items():
        existing = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for i in range(len(existing), VOCAB_SIZES[name]):
            model.objects.create(slug=f"bench-{name}-{i}", name_nl=f"{name} {i}", name_en=f"{name} {i}")
        vocab[name] = list(model.objects.order_by("pk").values_list("pk", flat=True))[: VOCAB_SIZES[name]]
    return vocab


def _make_candidacies(rng: random.Random, size: int, municipality_id: int) -> None:
    """Open candidacies for ~5 % of therapists, so the load-spread subquery has real rows to count."""
    from drakentemmers.directory.models import Organisation
    from drakentemmers.matching.models import Candidacy, CareRequest

    organisation = Organisation.objects.create(
        name="Bench",
        kind="womens_shelter",
        contact_name="x",
        contact_email="x@example.nl",
        municipality_id=municipality_id,
    )
    requests = CareRequest.objects.bulk_create(
        CareRequest(organisation=organisation, status="open", title=f"bench {i}", setting="outpatient")
        for i in range(max(10, size // 100))
    )
    candidacies = set()
    for _ in range(size // 10):
        candidacies.add((rng.choice(requests).pk, rng.randint(1, size)))
    Candidacy.objects.bulk_create(
        (
            Candidacy(care_request_id=r, therapist_id=t, status=rng.choice(["invited", "invited", "declined"]))
            for r, t in candidacies
        ),
        batch_size=2000,
    )


def random_criteria(rng: random.Random, size: int):
    from drakentemmers.directory import models as directory
    from drakentemmers.matching.ranking import Criteria
    from drakentemmers.regions.models import PostcodeArea

    vocab = {
        "target_groups": list(directory.TargetGroup.objects.values_list("pk", flat=True)),
        "languages": list(directory.Language.objects.order_by("pk").values_list("pk", flat=True)),
        "funding_routes": list(directory.FundingRoute.objects.values_list("pk", flat=True)),
        "methods": list(directory.Method.objects.values_list("pk", flat=True)),
        "expertise": list(directory.Expertise.objects.values_list("pk", flat=True)),
    }
    areas = list(PostcodeArea.objects.values_list("latitude", "longitude", "population"))
    weights = [max(1, a[2]) for a in areas]
    setting = rng.choices(["outpatient", "in_shelter", "online"], [5, 3, 2])[0]
    lat, lon, _pop = rng.choices(areas, weights)[0]
    online = setting == "online"
    return Criteria(
        age_bands=(rng.choices(["18+", "12-18", "4-12", "0-4"], [6, 2, 1, 1])[0],) if rng.random() < 0.9 else (),
        target_group_ids=tuple(rng.sample(vocab["target_groups"], rng.choice([0, 1, 1, 2]))),
        setting=setting,
        language_ids=(vocab["languages"][0],) if rng.random() < 0.8 else (rng.choice(vocab["languages"]),),
        funding_ids=tuple(rng.sample(vocab["funding_routes"], rng.choice([0, 1, 2]))),
        method_ids=tuple(rng.sample(vocab["methods"], rng.choice([0, 1, 2, 3]))),
        expertise_ids=tuple(rng.sample(vocab["expertise"], rng.choice([0, 1, 2]))),
        latitude=None if online else lat,
        longitude=None if online else lon,
        max_distance_km=None if rng.random() < 0.6 else rng.choice([10, 20, 30, 50]),
        urgency=rng.choice(["high", "normal", "low"]),
        exclude_therapist_ids=tuple(rng.randint(1, size) for _ in range(rng.choice([0, 2, 5]))),
    )


def time_criteria(rng: random.Random, n_criteria: int) -> tuple[list[float], list[int]]:
    from drakentemmers.directory.models import TherapistProfile
    from drakentemmers.matching.ranking import rank_candidates

    size = TherapistProfile.objects.count()
    all_criteria = [random_criteria(rng, size) for _ in range(n_criteria + WARM_UP)]
    for criteria in all_criteria[:WARM_UP]:
        rank_candidates(criteria)
    timings, counts = [], []
    for criteria in all_criteria[WARM_UP:]:
        started = time.perf_counter()
        candidates = rank_candidates(criteria)
        timings.append((time.perf_counter() - started) * 1000)
        counts.append(len(candidates))
    by_setting: dict[str, list[float]] = {}
    for criteria, ms in zip(all_criteria[WARM_UP:], timings, strict=True):
        by_setting.setdefault(criteria.setting, []).append(ms)
    for setting, values in sorted(by_setting.items()):
        print(f"   {setting:<11} n={len(values):>3} p50 {statistics.median(values):7.1f} ms  max {max(values):7.1f} ms")
    return timings, counts


if __name__ == "__main__":
    main()
