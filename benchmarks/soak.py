"""Soak run: the load benchmark's pages, round after round, for a bounded time, with memory per process.

Run: `.venv/bin/python benchmarks/soak.py [--minutes 30] [--connections 10] [--seconds 10]
      [--database NAME] [--port N] [--only PATTERN]`

What it does:
1. The same database, gunicorn (2 sync workers, DEBUG=0) and real logins as `load_pages.py` (it reuses that
   script), plus the real task worker (`db_worker`) and scheduler (`run_scheduler`) beside the web server, as in
   production: the pages' e-mails and the scheduled jobs run while the load does.
2. One warm-up round over every page, then rounds of `--seconds` per page until `--minutes` have passed. A
   round's e-mails (the request POSTs invite nobody, but logins and reads write the access log and sessions)
   go through the worker.
3. Every round: requests, errors and non-2xx answers, p95 per page, and the resident memory (VmRSS, from
   /proc) of the gunicorn master, each worker, the task worker and the scheduler. A process that died or was
   replaced is reported (its pid changes).
4. At the end: memory per process after the warm-up and at the end, the largest seen, the growth, and the
   req/s and p95 of the first and the last round per page, so a leak or a slowdown over time shows.

Exit status 1 when a process died, any request failed, or a page answered non-2xx.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load_pages  # this directory


def rss_mib(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


def children(pid: int) -> list[int]:
    try:
        return sorted(int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
    except OSError:
        return []


def processes(server: subprocess.Popen, worker: subprocess.Popen, scheduler: subprocess.Popen) -> dict[str, int]:
    found = {"gunicorn master": server.pid}
    for index, pid in enumerate(children(server.pid), start=1):
        found[f"gunicorn worker {index}"] = pid
    found["task worker"] = worker.pid
    found["scheduler"] = scheduler.pid
    return found


LOGS = Path(tempfile.mkdtemp(prefix="soak-logs-"))


def start_background(*args: str) -> subprocess.Popen:
    """A manage.py command beside the web server; its output goes to a log file the report shows if it died."""
    log = open(LOGS / f"{args[0]}.log", "w")  # noqa: SIM115 - open for the life of the process
    return subprocess.Popen(
        [load_pages.PY, "manage.py", *args],
        cwd=load_pages.ROOT,
        env=load_pages.ENV,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop_background(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=10, help="per page per round")
    parser.add_argument("--database", default=load_pages.DB_NAME)
    parser.add_argument("--port", type=int, default=load_pages.PORT)
    parser.add_argument("--only", default="", help="regular expression on the page label")
    args = parser.parse_args()
    load_pages.configure(args.database, args.port)
    load_pages.ENV["CACHE_DIR"] = tempfile.mkdtemp(prefix="soak-cache-")

    wrk = load_pages.ensure_wrk()
    load_pages.prepare_database(fresh=False)
    load_pages.django_setup()
    selected = [p for p in load_pages.pages(load_pages.demo_objects()) if re.search(args.only, p.label)]
    roles = sorted({p.role for p in selected if p.role})

    server = load_pages.start_server()
    worker = start_background("db_worker", "--queue-name", "*", "--interval", "1", "--no-reload")
    scheduler = start_background("run_scheduler")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(load_pages.LUA)
    rounds: list[dict] = []
    failures: list[str] = []
    try:
        cookies = load_pages.log_in_roles(roles)
        post_scripts = {}
        for page in selected:
            if page.body:
                load_pages.check_post(load_pages.BASE, page, cookies[page.role])
                with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as post_script:
                    post_script.write(load_pages.post_lua(page, load_pages.csrf_of(cookies[page.role])))
                post_scripts[page.label] = post_script.name

        started = time.monotonic()
        deadline = started + args.minutes * 60
        number = 0
        while number == 0 or time.monotonic() < deadline:
            results = {}
            for page in selected:
                result = load_pages.run_wrk(
                    wrk,
                    page,
                    cookies.get(page.role),
                    args.connections,
                    args.seconds,
                    post_scripts.get(page.label, script.name),
                )
                load_pages.drain(load_pages.BASE)
                results[page.label] = result
                if result["errors"] or result["non2xx"]:
                    failures.append(
                        f"round {number} {page.label}: {result['errors']} errors, {result['non2xx']} non-2xx"
                    )
            memory = {name: (pid, rss_mib(pid)) for name, pid in processes(server, worker, scheduler).items()}
            rounds.append({"results": results, "memory": memory, "minute": (time.monotonic() - started) / 60})
            total = sum(r["requests"] for r in results.values())
            print(
                f"round {number} ({rounds[-1]['minute']:.1f} min): {total} requests, "
                + ", ".join(f"{name} {rss:.0f} MiB" for name, (_, rss) in memory.items() if rss is not None),
                flush=True,
            )
            number += 1
    finally:
        load_pages.stop_server(server)
        stop_background(worker)
        stop_background(scheduler)
        os.unlink(script.name)
        for name in post_scripts.values() if "post_scripts" in locals() else ():
            os.unlink(name)
        deleted = load_pages.delete_posted_requests()
        if deleted:
            print(f"deleted {deleted} rows of the drafts the POST created")

    died = report(rounds, failures, args)
    return 1 if failures or died else 0


def report(rounds: list[dict], failures: list[str], args) -> list[str]:
    """Print the figures; return the processes that died."""
    first, last = rounds[1] if len(rounds) > 1 else rounds[0], rounds[-1]  # round 0 warms up
    print(
        f"\nSoak: {len(rounds)} rounds in {last['minute']:.1f} min, {args.connections} connections, "
        f"{args.seconds} s per page per round, gunicorn 2 sync workers + task worker + scheduler, PostgreSQL"
    )
    requests = sum(r["requests"] for round_ in rounds for r in round_["results"].values())
    print(f"{requests} requests in all; {len(failures)} rounds with failed or non-2xx answers")
    for failure in failures[:20]:
        print(f"  {failure}")

    died: list[str] = []
    print("\n| process | pid first → last | MiB after warm-up | MiB at the end | largest | growth |")
    print("|---|---|---:|---:|---:|---:|")
    for name, (pid, start_rss) in first["memory"].items():
        end_pid, end_rss = last["memory"].get(name, (None, None))
        seen = [r["memory"][name][1] for r in rounds[1:] if name in r["memory"] and r["memory"][name][1] is not None]
        replaced = "" if end_pid == pid else " (replaced)"
        if start_rss is None or end_rss is None:
            print(f"| {name} | {pid} → {end_pid}{replaced} | {start_rss} | {end_rss} | | died |")
            died.append(name)
            continue
        print(
            f"| {name} | {pid} → {end_pid}{replaced} | {start_rss:.1f} | {end_rss:.1f} | {max(seen):.1f} | "
            f"{end_rss - start_rss:+.1f} |"
        )

    for name in died:
        command = {"task worker": "db_worker", "scheduler": "run_scheduler"}.get(name)
        if command and (LOGS / f"{command}.log").exists():
            print(f"\n{name} died; the end of its output:\n" + (LOGS / f"{command}.log").read_text()[-3000:])
    print("\n| page | req/s first round | req/s last round | p95 ms first | p95 ms last |")
    print("|---|---:|---:|---:|---:|")
    for label, result in first["results"].items():
        end = last["results"][label]
        print(f"| {label} | {result['rps']:.0f} | {end['rps']:.0f} | {result['p95']:.1f} | {end['p95']:.1f} |")
    return died


if __name__ == "__main__":
    sys.exit(main())
