"""Profile one page as a demo role: queries, SQL time, CPU per request, and where the CPU goes (cProfile).

Run (after `load_pages.py` prepared its database):
    .venv/bin/python benchmarks/profile_page.py ROLE PATH [--requests 20] [--sql] [--sort tottime] [--top 40]
        [--repeat 5 --no-profile]

ROLE is a demo account's local part (opvang, behandelaar, coordinator, ...) or `-` for an anonymous visitor; PATH may
use {request} and {candidacy} for the demo ids the load benchmark uses. Same settings as the load benchmark (DEBUG=0,
PostgreSQL `--database`), through Django's test client in this process. CPU time (process_time) rather than wall
time, so a busy shared machine moves the figures less. pyinstrument gives a nicer tree if installed in the venv
(`--pyinstrument`); it is not a project requirement.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load_pages  # this directory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("role")
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--database", default=load_pages.DB_NAME)
    parser.add_argument("--sql", action="store_true", help="print the queries of one warm request")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime, ...)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--pyinstrument", action="store_true")
    parser.add_argument("--callers", metavar="REGEX", help="also print who calls the functions matching this")
    parser.add_argument("--repeat", type=int, default=1, help="measure the CPU per request this many times (median)")
    parser.add_argument("--no-profile", action="store_true", help="only the CPU per request, no cProfile")
    args = parser.parse_args()

    load_pages.configure(args.database, load_pages.PORT)
    load_pages.ENV["CACHE_DIR"] = tempfile.mkdtemp(prefix="profile-page-cache-")
    load_pages.django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from drakentemmers.accounts.demo import demo_email
    from drakentemmers.accounts.models import User
    from drakentemmers.accounts.tests.factories import logged_in_client

    path = args.path.format(**load_pages.demo_objects()) if "{" in args.path else args.path
    if path == load_pages.FLOOR_PATH:  # the logged-in floor lives in the benchmark server's URLconf
        from django.test import override_settings

        override_settings(ROOT_URLCONF="benchmarks.load_wsgi").enable()
    # A session as after a real login with the second factor (allauth's records, the authenticator included).
    client = logged_in_client(User.objects.get(email=demo_email(args.role))) if args.role != "-" else Client()
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        client.get(path)
        warm_ms = (time.perf_counter() - start) * 1000
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    print(f"{path}: {warm_ms:.1f} ms warm, {len(queries)} queries, {sql_ms:.1f} ms in SQL")
    if args.sql:
        for query in queries.captured_queries:
            print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")

    series = []
    for _ in range(args.repeat):
        cpu = time.process_time()
        for _ in range(args.requests):
            client.get(path)
        series.append((time.process_time() - cpu) * 1000 / args.requests)
    print(f"{statistics.median(series):.1f} ms CPU per request ({args.requests} requests", end="")
    print(f", median of {args.repeat}: {' '.join(f'{ms:.1f}' for ms in series)})" if args.repeat > 1 else ")")
    if args.no_profile:
        return

    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.requests):
            client.get(path)
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False))
        return
    import cProfile
    import pstats

    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in range(args.requests):
        client.get(path)
    profile.disable()
    stats = pstats.Stats(profile, stream=sys.stdout).sort_stats(args.sort)
    stats.print_stats(args.top)
    if args.callers:
        stats.print_callers(args.callers)
    os.environ.pop("CACHE_DIR", None)


if __name__ == "__main__":
    main()
