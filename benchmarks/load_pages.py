"""Whole pages under load, next to a bare Django view on the same server in the same run.

Run: `.venv/bin/python benchmarks/load_pages.py [--connections 50] [--seconds 8] [--only PATTERN]`

What it does, bounded in time (about 20 pages × `--seconds`, plus set-up):
1. Prepares the PostgreSQL database `drakentemmers_bench_load` (`--database`) on `postgres://postgres@127.0.0.1:5432`
   (created once; `--fresh` drops it first): migrate, the real regions, the demo data (`seed_demo`), `ANALYZE`.
2. Starts gunicorn (2 sync workers, as production would on this 2-core machine) with DEBUG=0 on `benchmarks.load_wsgi`,
   which serves the real site plus a bare Django view without middleware at `/__bare__/` and the logged-in
   floor at `/__floor__/` (the site's middleware and `base.html` around an empty page).
3. Logs the demo roles in through the real login, including the TOTP step for the roles that need it.
4. For each page: one warm request through the Django test client to count queries and check the page answers
   200, then `wrk` for `--seconds` at `--connections` connections with that role's session cookie. Prints req/s,
   p50/p95/p99 and the ratio to the bare view's req/s, and the targets of issue 17.

Needs `wrk` (Debian package; installed with apt-get when missing).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

# LOAD_PAGES_ROOT: the tree whose code is imported (the A/B mode runs this script inside the other tree).
ROOT = Path(os.environ.get("LOAD_PAGES_ROOT") or Path(__file__).resolve().parent.parent).resolve()
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python")
# --database and --port override these before anything else runs (configure()), so two people can run it at once.
DB_NAME = "drakentemmers_bench_load"
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
# Fixed so the demo TOTP secrets (derived with SECRET_KEY) are the same in this process and in gunicorn.
SECRET_KEY = "load-benchmark-only-not-a-production-key-0123456789abcdefghij"

ENV = {
    **os.environ,
    "DATABASE_URL": DB_URL,
    "DEBUG": "0",
    "SECRET_KEY": SECRET_KEY,
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SITE_URL": BASE,
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    "DJANGO_SETTINGS_MODULE": "drakentemmers.settings",
    # The API's per-address limit (120/min) would turn almost every benchmark request into a 429.
    "API_RATE_LIMIT_IP": "100000000/m",
}

LUA = r"""
done = function(summary, latency, requests)
  io.write(string.format('JSON{"requests": %d, "seconds": %.3f, "non2xx": %d, "errors": %d, '
    .. '"p50": %.2f, "p95": %.2f, "p99": %.2f}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


FLOOR_PATH = "/__floor__/"  # benchmarks/load_wsgi.py


@dataclass
class Page:
    label: str
    path: str
    role: str | None  # demo account local part, None = anonymous
    target_ratio: float
    body: str = ""  # a POST with this form-encoded body (the CSRF token is added); a redirect counts as success


def configure(database: str, port: int) -> None:
    """Point the module at another database and port (before the server starts or Django is set up)."""
    global DB_NAME, DB_URL, PORT, BASE
    DB_NAME, PORT = database, port
    DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
    BASE = f"http://127.0.0.1:{PORT}"
    ENV.update({"DATABASE_URL": DB_URL, "SITE_URL": BASE})


def manage(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=ENV, check=check, capture_output=True, text=True)


def prepare_database(fresh: bool) -> None:
    if fresh:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB_NAME], check=True)
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{DB_NAME}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], check=True)
    manage("migrate", "--noinput")
    manage("load_regions")
    seed = manage("seed_demo", "--allow-production", check=False)
    if seed.returncode != 0 and "allow-production" in seed.stderr:
        seed = manage("seed_demo", check=False)
    if seed.returncode != 0:
        raise SystemExit(f"seed_demo failed:\n{seed.stderr[-2000:]}")
    # The task worker does what seeding queued (welcome e-mails to the console), as it would in production:
    # on a database seeded more than ten minutes ago /health/ would otherwise rightly answer 503.
    manage("db_worker", "--batch", "--queue-name", "*")
    manage("collectstatic", "--noinput", "-v0")
    # Fresh planner statistics, as autovacuum keeps them in production. Without them (autovacuum is off on the
    # development PostgreSQL) every freshly seeded table looks empty and the search query took 117 ms instead of 1.5.
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "ANALYZE", DB_NAME], check=True)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk") or "wrk"


def start_server(root: Path = ROOT, port: int | None = None, env: dict | None = None) -> subprocess.Popen:
    port = port or PORT
    server = subprocess.Popen(
        [
            str(root / ".venv" / "bin" / "gunicorn"),
            "benchmarks.load_wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--backlog",
            "512",
        ],
        cwd=root,
        env=env or ENV,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__bare__/", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("gunicorn did not start")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _csrf(jar: http.cookiejar.CookieJar) -> str:
    return next(c.value for c in jar if c.name == "csrftoken")


def log_in(email: str, password: str, totp_code) -> str:
    """Log in over HTTP like a browser; return the Cookie header of the logged-in session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(path: str, data: dict) -> str:
        page = opener.open(BASE + path).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.group(1) if token else _csrf(jar)})
        request = urllib.request.Request(BASE + path, data=body.encode(), headers={"Referer": BASE + path})
        with opener.open(request) as response:
            return response.geturl()

    landed = post("/account/login/", {"login": email, "password": password})
    for _ in range(3):
        if "/2fa/" not in landed:
            break
        # A code is refused when used before (allauth) or once its 30 s are over on a slow machine:
        # wait for the next period and try that one.
        landed = post(urllib.parse.urlparse(landed).path, {"code": totp_code(email)})
        if "/2fa/" in landed:
            time.sleep(30 - time.time() % 30 + 1)
    if "/account/login" in landed or "/2fa/" in landed:
        raise SystemExit(f"login failed for {email}: ended on {landed}")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def csrf_of(cookie: str) -> str:
    """The CSRF token in a Cookie header made by log_in."""
    return next(part.split("=", 1)[1] for part in cookie.split("; ") if part.startswith("csrftoken="))


def demo_totp_code(email: str) -> str:
    """The current TOTP code of a demo account (its secret derives from SECRET_KEY, see accounts.demo)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    from drakentemmers.accounts.demo import demo_totp_secret

    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(demo_totp_secret(email), counters[len(counters) // 2]))


def log_in_roles(roles) -> dict[str, str]:
    """Each demo role logged in through the real login (TOTP step included): role -> Cookie header."""
    from drakentemmers.accounts.demo import DEMO_PASSWORD, demo_email

    return {role: log_in(demo_email(role), DEMO_PASSWORD, demo_totp_code) for role in roles}


def django_setup() -> None:
    os.environ.update({k: v for k, v in ENV.items() if k not in os.environ or k in ENV})
    import django

    django.setup()


def demo_objects() -> dict:
    """Ids for the object pages: a published request of the demo shelter with candidacies and a thread."""
    from drakentemmers.accounts.demo import demo_email
    from drakentemmers.matching.models import CareRequest

    staff_email = demo_email("opvang")
    care_request = (
        CareRequest.objects.filter(organisation__memberships__user__email=staff_email, status="open")
        .exclude(candidacies=None)
        .order_by("pk")
        .first()
    )
    if care_request is None:
        raise SystemExit("the demo data have no open request with candidacies for the demo shelter")
    candidacy = care_request.candidacies.order_by("pk").first()
    return {
        "request": care_request.pk,
        "candidacy": candidacy.pk,
        "request_body": request_body(),
        **later_parts_objects(),
    }


def later_parts_objects() -> dict:
    """A published knowledge article and a published training of the demo data, for their detail pages."""
    from drakentemmers.knowledge.models import KnowledgeArticlePage
    from drakentemmers.learning.models import Training, TrainingStatus

    article = KnowledgeArticlePage.objects.live().public().order_by("pk").first()
    training = Training.objects.filter(status=TrainingStatus.PUBLISHED).order_by("pk").first()
    if article is None or training is None:
        raise SystemExit("the demo data have no published knowledge article or training")
    return {"article": article.get_url(), "training": training.pk}


POST_TITLE = "Belastingtest: volwassene, EMDR, ambulant"


def request_body() -> str:
    """A valid new-request form (a draft): adult victim, EMDR, outpatient near 1012, nothing that names a client."""
    from drakentemmers.directory.models import Method, TargetGroup

    data = [
        ("title", POST_TITLE),
        ("client_type", "adult"),
        ("age_band", "18+"),
        ("client_role", "victim"),
        ("target_groups", TargetGroup.objects.filter(is_active=True).order_by("pk").first().pk),
        ("methods", Method.objects.filter(is_active=True).order_by("pk").first().pk),
        ("gender_preference", "none"),
        ("setting", "outpatient"),
        ("place_text", "1012"),
        ("urgency", "normal"),
        ("context", "Volwassen cliënte zoekt traumabehandeling na huiselijk geweld; tolk niet nodig."),
    ]
    return urllib.parse.urlencode(data)


def delete_posted_requests() -> int:
    from drakentemmers.matching.models import CareRequest

    return CareRequest.objects.filter(title=POST_TITLE).delete()[0]


def pages(ids: dict) -> list[Page]:
    request, candidacy = ids["request"], ids["candidacy"]
    return [
        Page("bare Django view", "/__bare__/", None, 1.0),
        Page("home", "/", None, 0.5),
        Page("about", "/over/", None, 0.5),
        Page("for therapists", "/voor-behandelaars/", None, 0.5),
        Page("network figures", "/netwerk/in-cijfers/", None, 0.05),
        Page("health", "/health/", None, 0.5),
        Page("login page", "/account/login/", None, 0.5),
        Page("logged-in floor: base page, no content", "/__floor__/", "opvang", 0.1),
        Page("my home (shelter staff)", "/mijn/", "opvang", 0.1),
        Page("my home (therapist)", "/mijn/", "behandelaar", 0.1),
        Page("search, whole country", "/netwerk/zoeken/", "opvang", 0.05),
        Page("search by postcode", "/netwerk/zoeken/?place=1325", "opvang", 0.05),
        Page("request list", "/hulpvragen/", "opvang", 0.1),
        Page("new request form", "/hulpvragen/nieuw/", "opvang", 0.1),
        Page("request detail", f"/hulpvragen/{request}/", "opvang", 0.1),
        Page("candidates", f"/hulpvragen/{request}/kandidaten/", "opvang", 0.05),
        Page("request thread", f"/hulpvragen/uitnodiging/{candidacy}/berichten/", "opvang", 0.1),
        Page("therapist: candidacies", "/hulpvragen/uitnodigingen/", "behandelaar", 0.1),
        Page("therapist: fitting requests", "/hulpvragen/passend/", "behandelaar", 0.05),
        Page("messages", "/berichten/", "opvang", 0.1),
        Page("matching figures (coordinator)", "/hulpvragen/cijfers/", "coordinator", 0.05),
        # The parts built after the first measurement (issues 19-23).
        Page("knowledge home", "/kennis/", None, 0.5),
        Page("knowledge article", ids["article"], None, 0.5),
        Page("knowledge search", "/kennis/zoeken/?q=trauma", None, 0.05),
        Page("trainings calendar", "/scholing/", None, 0.5),
        Page("training detail", f"/scholing/{ids['training']}/", None, 0.5),
        Page("trainings (therapist)", "/scholing/", "behandelaar", 0.1),
        Page("colleagues", "/collegas/", "behandelaar", 0.1),
        Page("intervision groups", "/collegas/intervisie/", "behandelaar", 0.1),
        Page("bottlenecks, public", "/signalen/openbaar/", None, 0.5),
        Page("bottlenecks (therapist)", "/signalen/", "behandelaar", 0.1),
        Page("questionnaires (therapist)", "/vragenlijsten/", "behandelaar", 0.1),
        Page("quality mark (therapist)", "/keurmerk/", "behandelaar", 0.1),
        Page("dashboard (coordinator)", "/dashboard/", "coordinator", 0.05),
        Page("coverage map (coordinator)", "/dashboard/kaart/", "coordinator", 0.05),
        Page("API: regions", "/api/v1/regions", None, 0.1),
        Page("API: HSDS services", "/api/v1/hsds/services", None, 0.05),
        # Last: every request creates a draft (deleted again after the run), so the lists above stay as seeded.
        Page("new request POST", "/hulpvragen/nieuw/", "opvang", 0.05, body=ids["request_body"]),
    ]


def warm_request(page: Page, users: dict) -> tuple[int, int, float]:
    """Status, queries and milliseconds of one warm request through the test client (same settings)."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from drakentemmers.accounts.tests.factories import logged_in_client

    # A session as after a real login with the second factor (allauth's records, the authenticator included).
    client = logged_in_client(users[page.role]) if page.role else Client()

    def send():
        if page.body:
            return client.post(page.path, data=page.body, content_type="application/x-www-form-urlencoded")
        return client.get(page.path)

    # The floor page lives in the benchmark server's own URLconf, not the site's.
    urlconf = override_settings(ROOT_URLCONF="benchmarks.load_wsgi") if page.path == FLOOR_PATH else nullcontext()
    with urlconf:
        send()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = send()
            elapsed = (time.perf_counter() - start) * 1000
    status = 200 if page.body and response.status_code == 302 else response.status_code  # POST: 302 = created
    return status, len(queries), elapsed


def post_lua(page: Page, csrf_token: str) -> str:
    """A wrk script that POSTs the page's form (with the session's CSRF token) and reports like LUA."""
    body = f"{page.body}&csrfmiddlewaretoken={csrf_token}"
    return (
        f'wrk.method = "POST"\nwrk.body = [[{body}]]\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n' + LUA
    )


def check_post(base: str, page: Page, cookie: str) -> None:
    """The form is valid (302 to the new draft) on this server, and every worker has loaded the privacy guard."""
    token = csrf_of(cookie)
    opener = urllib.request.build_opener(NoRedirect)
    for _ in range(6):
        request = urllib.request.Request(
            base + page.path,
            data=f"{page.body}&csrfmiddlewaretoken={token}".encode(),
            headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            error.close()
            if error.code != 302:
                raise SystemExit(f"{page.label} answered {error.code} instead of a redirect on {base}") from error
        else:
            raise SystemExit(f"{page.label} did not redirect on {base}: the form was not accepted")


def run_wrk(
    wrk: str, page: Page, cookie: str | None, connections: int, seconds: int, script: str, base: str = ""
) -> dict:
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, (base or BASE) + page.path], capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("JSON"))
    result = json.loads(line[4:])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def warm_all(selected: list[Page], users: dict) -> dict[str, tuple[int, int, float]]:
    return {page.label: warm_request(page, users) if page.path != "/__bare__/" else (200, 0, 0.0) for page in selected}


def warm_in_tree(tree: Path, args, env: dict) -> dict[str, tuple[int, int, float]]:
    """The warm requests with the other tree's code: this script run by its interpreter, importing its code."""
    command = [str(tree / ".venv" / "bin" / "python"), str(Path(__file__).resolve()), "--warm-json"]
    command += ["--database", args.database, "--port", str(args.port), "--only", args.only]
    output = subprocess.run(
        command, cwd=tree, env={**env, "LOAD_PAGES_ROOT": str(tree)}, capture_output=True, text=True, check=True
    ).stdout
    return {label: tuple(values) for label, values in json.loads(output.splitlines()[-1]).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--only", default="", help="regular expression on the page label")
    parser.add_argument("--fresh", action="store_true", help="drop and re-create the benchmark database")
    parser.add_argument("--database", default=DB_NAME, help="PostgreSQL database name (created when missing)")
    parser.add_argument("--port", type=int, default=PORT, help="loopback port for gunicorn")
    parser.add_argument(
        "--compare",
        type=Path,
        metavar="TREE",
        help="A/B: also serve this other checkout (e.g. a `git worktree` of the base commit) on port+1, same "
        "database, and measure every page on both, back to back, in alternating order",
    )
    parser.add_argument("--warm-json", action="store_true", help=argparse.SUPPRESS)  # used by --compare
    args = parser.parse_args()
    configure(args.database, args.port)
    if args.warm_json:
        django_setup()
        from drakentemmers.accounts.demo import demo_email
        from drakentemmers.accounts.models import User

        selected = [p for p in pages(demo_objects()) if p.label == "bare Django view" or re.search(args.only, p.label)]
        users = {role: User.objects.get(email=demo_email(role)) for role in {p.role for p in selected if p.role}}
        print(json.dumps(warm_all(selected, users)))
        return
    # A fresh file cache per run and server (DEBUG=0 uses the file cache): nothing cached by an earlier run.
    ENV["CACHE_DIR"] = tempfile.mkdtemp(prefix="load-pages-cache-")

    wrk = ensure_wrk()
    prepare_database(args.fresh)
    django_setup()
    from drakentemmers.accounts.demo import demo_email
    from drakentemmers.accounts.models import User

    ids = demo_objects()
    selected = [p for p in pages(ids) if p.label == "bare Django view" or re.search(args.only, p.label)]
    roles = sorted({p.role for p in selected if p.role})
    users = {role: User.objects.get(email=demo_email(role)) for role in roles}

    # Variants: (name, base URL, warm results). "this" is this checkout; "other" the --compare tree.
    variants = [("this", BASE)]
    servers = [start_server()]
    other_env = None
    if args.compare:
        other_env = {**ENV, "CACHE_DIR": tempfile.mkdtemp(prefix="load-pages-cache-other-")}
        servers.append(start_server(args.compare.resolve(), args.port + 1, other_env))
        variants.append(("other", f"http://127.0.0.1:{args.port + 1}"))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    try:
        cookies = log_in_roles(roles)
        warm = {"this": warm_all(selected, users)}
        if args.compare:
            warm["other"] = warm_in_tree(args.compare.resolve(), args, other_env)
        results: dict[str, dict[str, dict]] = {name: {} for name, _ in variants}
        for index, page in enumerate(selected):
            for name, _ in variants:
                if warm[name][page.label][0] != 200:
                    raise SystemExit(f"{page.label} ({page.path}) answered {warm[name][page.label][0]} in {name}")
            order = variants if index % 2 == 0 else variants[::-1]
            for name, base in order:
                page_script = script.name
                if page.body:
                    check_post(base, page, cookies[page.role])
                    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as post_script:
                        post_script.write(post_lua(page, csrf_of(cookies[page.role])))
                    page_script = post_script.name
                try:
                    result = run_wrk(
                        wrk, page, cookies.get(page.role), args.connections, args.seconds, page_script, base=base
                    )
                finally:
                    if page_script != script.name:
                        os.unlink(page_script)
                drain(base)
                if result["non2xx"] or result["errors"]:
                    print(f"  warning: {name} {page.label}: {result['non2xx']} non-2xx, {result['errors']} errors")
                result["load"] = os.getloadavg()[0]
                results[name][page.label] = result
                print(f"  {name} {page.label}: {result['rps']:.0f} req/s (load {result['load']:.1f})", flush=True)
    finally:
        for server in servers:
            stop_server(server)
        os.unlink(script.name)
        deleted = delete_posted_requests()
        if deleted:
            print(f"  deleted {deleted} rows of the drafts the POST created")

    print(f"\n{args.connections} connections, {args.seconds} s per page, gunicorn 2 sync workers, DEBUG=0, PostgreSQL")
    for name, _ in variants:
        if args.compare:
            tree = ROOT if name == "this" else args.compare.resolve()
            print(f"\n### {name}: {tree} ({git_head(tree)})")
        print_table(selected, results[name], warm[name])


def drain(base: str) -> None:
    """Wait until the server has worked off the requests wrk left queued when it stopped (the accept queue is
    first in, first out: a bare request answers once those are done), so they do not slow the next page."""
    for _ in range(2):
        with urllib.request.urlopen(base + "/__bare__/", timeout=120) as response:
            response.read()


def git_head(tree: Path) -> str:
    found = subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return found.stdout.strip() or "?"


def print_table(selected: list[Page], results: dict[str, dict], warm: dict[str, tuple]) -> None:
    bare_rps = results["bare Django view"]["rps"]
    print("| page | path | req/s | ratio | target | p50 ms | p95 ms | p99 ms | warm ms | queries | load |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for page in selected:
        result = results[page.label]
        _status, queries, warm_ms = warm[page.label]
        ratio = result["rps"] / bare_rps
        mark = "" if ratio >= page.target_ratio else " (below)"
        print(
            f"| {page.label} | `{page.path}` | {result['rps']:.0f} | {ratio:.2f}{mark} | {page.target_ratio:.2f} | "
            f"{result['p50']:.0f} | {result['p95']:.0f} | {result['p99']:.0f} | {warm_ms:.1f} | {queries} | "
            f"{result['load']:.1f} |"
        )


if __name__ == "__main__":
    main()
