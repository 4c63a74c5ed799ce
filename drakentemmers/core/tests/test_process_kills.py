"""Processes killed for real (SIGKILL) and a mail server that refuses: nothing half-saved, no e-mail lost.

Real faults, not mocks: the task worker (`manage.py db_worker`) and gunicorn run as subprocesses against the pytest
test database, and mail goes over real SMTP to a small server in this test.

The guarantee of the outbox, measured here:

- Every queued e-mail is delivered at least once. A worker killed while it sends leaves that one task row in
  RUNNING for ever (django-tasks-db does not take it back); the message itself stays QUEUED, and
  `email_outbox_sweep` (scheduled) hands it to the worker again once it is EMAIL_SWEEP_AFTER old. The tasks not yet
  claimed are simply run by the restarted worker.
- At most the one message in flight at the kill (the worker sends one at a time) can be delivered twice: when the
  kill lands after the mail server has the whole message and before the SENT status is committed. That includes
  the time the server takes to answer the final "." (RFC 1047): a server that accepts a message whose sender
  died before reading the 250 has it, and we send it again. This test makes that window wide (0.2 s per DATA)
  and measures exactly that: 40 queued, 41 delivered, the one in flight twice. Every attempt of one message
  carries the same Message-ID (core.tasks.email_message_id), so receiving systems can recognise the copy.
- A mail server that refuses (451 temporary, 554 permanent) only delays delivery: the outbox retries with
  back-off and sends once the server accepts, as long as that happens within EMAIL_MAX_ATTEMPTS.
"""

import contextlib
import email
import os
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from drakentemmers.core.models import OutgoingEmail
from drakentemmers.core.services import email_outbox_sweep, email_queue

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("subprocess-servers"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the subprocesses share the PostgreSQL test database"),
]


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    """Tasks go into the database queue for the real worker, not inline (overrides the conftest fixture)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink(socketserver.ThreadingTCPServer):
    """A minimal SMTP server. A message counts as delivered only once its final 250 has been sent.

    `data_delay` waits before that 250 (so a kill lands mid-batch); `refuse` answers 451 to MAIL FROM on odd
    connections and 554 after DATA on even ones while it is set.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, *, data_delay: float = 0.0):
        super().__init__(("127.0.0.1", port), _SmtpHandler)
        self.data_delay = data_delay
        self.refuse = False
        self.refused = 0
        self.connections = 0
        self.messages: list[email.message.Message] = []
        self.lock = threading.Lock()

    def subjects(self) -> Counter:
        with self.lock:
            return Counter(message["Subject"] for message in self.messages)

    def start(self) -> "SmtpSink":
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


class _SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        server: SmtpSink = self.server
        with server.lock:
            server.connections += 1
            number = server.connections
        self.reply("220 sink ESMTP")
        while line := self.rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ")[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                if server.refuse and number % 2:
                    server.refused += 1
                    self.reply("451 4.3.0 try again later")
                else:
                    self.reply("250 ok")
            elif verb in ("RCPT", "RSET", "NOOP"):
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 go ahead")
                lines = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                if server.refuse:
                    server.refused += 1
                    self.reply("554 5.7.1 refused")
                    continue
                time.sleep(server.data_delay)
                self.reply("250 queued")
                with server.lock:
                    server.messages.append(email.message_from_bytes(b"".join(lines)))
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


def _env(smtp_port: int, **extra: str) -> dict:
    settings_dict = connection.settings_dict
    user = settings_dict["USER"] or "postgres"
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}",
        "DEBUG": "0",
        "SECRET_KEY": "process-kill-test-only-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_URL": "locmem://",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        **extra,
    }


def _worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("a"),
        start_new_session=True,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def _wait_until(check, *, seconds: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    tail = log.read_text()[-3000:] if log and log.exists() else ""
    raise AssertionError(f"{what} did not happen in time\n{tail}")


def _queue(count: int, label: str) -> list[int]:
    ids = []
    for number in range(count):
        with transaction.atomic():  # committed one by one, as pages do: each hands its task over on commit
            message = email_queue(to=[f"r{number}@example.org"], subject=f"{label} {number:03d}", body_text="Hallo")
        ids.append(message.pk)
    return ids


def _task_statuses() -> Counter:
    from django_tasks_db.models import DBTaskResult

    return Counter(DBTaskResult.objects.values_list("status", flat=True))


def test_worker_killed_mid_batch_loses_no_email_and_sends_at_most_the_one_in_flight_twice(tmp_path, capsys):
    sink = SmtpSink(_free_port(), data_delay=0.2).start()
    log = tmp_path / "worker.log"
    env = _env(sink.server_address[1])
    count = 40
    started = time.monotonic()
    ids = _queue(count, "batch")
    worker = _worker(env, log)
    try:
        _wait_until(lambda: len(sink.messages) >= 8, seconds=40, what="the first deliveries", log=log)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        delivered_at_kill = len(sink.messages)
        time.sleep(0.5)  # whatever the dead worker had in the pipe
        statuses_after_kill = _task_statuses()
        sent_at_kill = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count()
        assert delivered_at_kill < count, "the kill came after the batch: make the sink slower"

        worker = _worker(env, log)
        # The restarted worker runs every task not claimed yet; the one the dead worker claimed stays RUNNING.
        _wait_until(
            lambda: (
                _task_statuses().get("READY", 0) == 0
                and OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).count()
                <= statuses_after_kill.get("RUNNING", 0)
            ),
            seconds=40,
            what="the rest of the batch",
            log=log,
        )
        stuck = list(OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).values_list("pk", flat=True))
        # EMAIL_SWEEP_AFTER (15 minutes) passes: the scheduled sweep hands what is still queued to the worker again.
        OutgoingEmail.objects.filter(pk__in=stuck).update(created_at=timezone.now() - timedelta(minutes=16))
        assert email_outbox_sweep() == len(stuck)
        _wait_until(
            lambda: not OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).exists(),
            seconds=30,
            what="the swept messages",
            log=log,
        )
    finally:
        _stop(worker)
        sink.shutdown()
        sink.server_close()

    subjects = sink.subjects()
    expected = {f"batch {number:03d}" for number in range(count)}
    assert set(subjects) == expected, "every message is delivered at least once"
    twice = [subject for subject, times in subjects.items() if times > 1]
    # The worker sends one message at a time: only that one can be delivered again.
    assert len(twice) <= 1 and all(subjects[subject] == 2 for subject in twice)
    by_subject: dict[str, set[str]] = {}
    for message in sink.messages:
        by_subject.setdefault(message["Subject"], set()).add(message["Message-ID"])
    assert all(len(message_ids) == 1 for message_ids in by_subject.values()), "a copy has the same Message-ID"
    assert len({next(iter(v)) for v in by_subject.values()}) == count
    assert OutgoingEmail.objects.filter(pk__in=ids, status=OutgoingEmail.Status.SENT).count() == count
    with capsys.disabled():
        print(
            f"\n[process kill] {count} queued; {delivered_at_kill} delivered at the kill ({sent_at_kill} marked SENT), "
            f"task rows then {dict(statuses_after_kill)}; stuck in RUNNING: {len(stuck)}; "
            f"delivered {sum(subjects.values())}, twice: {twice}; {time.monotonic() - started:.1f} s"
        )


def test_a_refusing_mail_server_delays_but_loses_nothing(tmp_path, capsys):
    sink = SmtpSink(_free_port()).start()
    sink.refuse = True
    log = tmp_path / "worker.log"
    env = _env(sink.server_address[1], EMAIL_RETRY_BASE_SECONDS="1", EMAIL_MAX_ATTEMPTS="8")
    count = 6
    started = time.monotonic()
    ids = _queue(count, "refused")
    worker = _worker(env, log)
    try:
        # Every message is refused at least twice (451 and 554 alternate per connection)...
        _wait_until(
            lambda: OutgoingEmail.objects.filter(pk__in=ids, attempts__gte=2).count() == count,
            seconds=40,
            what="two refused attempts per message",
            log=log,
        )
        assert not sink.messages
        waiting = OutgoingEmail.objects.filter(pk__in=ids)
        assert all(m.status == OutgoingEmail.Status.RETRYING and m.body_text == "Hallo" for m in waiting)
        assert all(m.last_error for m in waiting)
        # ...then the server accepts again and the outbox's retries deliver everything.
        sink.refuse = False
        _wait_until(
            lambda: OutgoingEmail.objects.filter(pk__in=ids, status=OutgoingEmail.Status.SENT).count() == count,
            seconds=40,
            what="delivery after the refusals",
            log=log,
        )
    finally:
        _stop(worker)
        sink.shutdown()
        sink.server_close()

    subjects = sink.subjects()
    assert subjects == Counter({f"refused {number:03d}": 1 for number in range(count)})
    attempts = sorted(OutgoingEmail.objects.filter(pk__in=ids).values_list("attempts", flat=True))
    assert not OutgoingEmail.objects.filter(pk__in=ids, last_error="").exclude(status=OutgoingEmail.Status.SENT)
    with capsys.disabled():
        print(
            f"\n[refusing server] {count} messages, {sink.refused} refusals, attempts {attempts}, "
            f"all delivered once in {time.monotonic() - started:.1f} s"
        )


WSGI = ["drakentemmers.wsgi"]


def _http(url: str, *, cookie: str, data: dict | None = None) -> tuple[int, str, dict]:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Cookie": cookie})  # noqa: S310 - our loopback server
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_web_worker_killed_mid_care_request_saves_nothing_half_and_the_same_post_works_after(
    tmp_path, settings, capsys
):
    """The view has written the request and its M2M rows (not committed) and waits on its status history row.

    The test holds a SHARE lock on the status history table from its own connection, so the INSERT waits; then it
    SIGKILLs the gunicorn worker. care_request_create is atomic, so nothing of the request may remain.
    """
    import psycopg

    from drakentemmers.accounts.tests.factories import logged_in_client
    from drakentemmers.matching.models import CareRequest, StatusChange
    from drakentemmers.matching.tests.factories import org_staff
    from drakentemmers.matching.tests.test_views_flow import _form_data
    from drakentemmers.regions.services import regions_load

    regions_load()  # a transactional test before this one flushed the regional data the session loaded
    staff = org_staff()
    data = _form_data(title="Gedood midden in het opslaan")
    session = logged_in_client(staff).cookies[settings.SESSION_COOKIE_NAME].value
    port = _free_port()
    # DEBUG=1 only so the pages find their static files without a collectstatic manifest; the session is signed
    # with the test's SECRET_KEY.
    env = _env(_free_port(), SECRET_KEY=settings.SECRET_KEY, DEBUG="1")
    log = tmp_path / "gunicorn.log"
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--timeout", "120", "--bind", f"127.0.0.1:{port}", *WSGI],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    form_url = base + reverse("matching:request_create")
    settings_dict = connection.settings_dict
    dsn = (
        f"host={settings_dict['HOST'] or '127.0.0.1'} port={settings_dict['PORT'] or 5432} "
        f"user={settings_dict['USER'] or 'postgres'} dbname={settings_dict['NAME']}"
    )
    started = time.monotonic()
    try:

        def form_page():
            with contextlib.suppress(OSError):
                return _http(form_url, cookie=f"{settings.SESSION_COOKIE_NAME}={session}")
            return None

        _wait_until(lambda: form_page() is not None, seconds=40, what="gunicorn start", log=log)
        status, html, headers = form_page()
        assert status == 200, html[:500]
        csrf_cookie = headers["Set-Cookie"].split("csrftoken=")[1].split(";")[0]
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        cookie = f"{settings.SESSION_COOKIE_NAME}={session}; csrftoken={csrf_cookie}"
        post = {**data, "csrfmiddlewaretoken": token}

        with psycopg.connect(dsn) as blocker:
            blocker.execute("LOCK TABLE matching_statuschange IN SHARE MODE")
            outcome: dict = {}
            thread = threading.Thread(
                target=lambda: outcome.update(result=_safe(lambda: _http(form_url, cookie=cookie, data=post))),
                daemon=True,
            )
            thread.start()

            with psycopg.connect(dsn, autocommit=True) as watcher:
                _wait_until(
                    lambda: watcher.execute(
                        "SELECT count(*) FROM pg_locks WHERE NOT granted"
                        " AND relation = 'matching_statuschange'::regclass"
                    ).fetchone()[0],
                    seconds=30,
                    what="the view waiting on its status history INSERT",
                    log=log,
                )
                backend = watcher.execute(
                    "SELECT pid FROM pg_locks WHERE NOT granted AND relation = 'matching_statuschange'::regclass"
                ).fetchone()[0]
                # Mid-request: the request row and its M2M rows are written in the view's open transaction.
                uncommitted = watcher.execute(
                    "SELECT count(*) FROM pg_locks WHERE pid = %s AND relation = 'matching_carerequest'::regclass"
                    " AND mode = 'RowExclusiveLock'",
                    [backend],
                ).fetchone()[0]
                (worker_pid,) = _children(server.pid)
                os.kill(worker_pid, signal.SIGKILL)
                thread.join(timeout=30)
                blocker.rollback()  # the lock goes; the orphaned backend finds its client gone and rolls back
                _wait_until(
                    lambda: not watcher.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend]).fetchall(),
                    seconds=30,
                    what="the killed request's database session ending",
                )
        killed_response = outcome.get("result")
        assert not isinstance(killed_response, tuple), f"the killed request got an answer: {killed_response}"
        assert not CareRequest.objects.exists()
        assert not StatusChange.objects.exists()
        assert not CareRequest.target_groups.through.objects.exists()
        assert not CareRequest.methods.through.objects.exists()
        # ...and the kill did land mid-request: the request row was written, in a transaction not yet committed.
        assert uncommitted == 1

        # gunicorn's master starts a new worker; the same POST now saves the whole request.
        _wait_until(
            lambda: form_page() is not None and _children(server.pid) != [worker_pid],
            seconds=40,
            what="a new gunicorn worker",
            log=log,
        )
        status, _body, headers = _http(form_url, cookie=cookie, data=post)
        assert status == 302, _body[:2000]
        care_request = CareRequest.objects.get()
        assert headers["Location"] == reverse("matching:request_detail", args=[care_request.pk])
        assert care_request.title == "Gedood midden in het opslaan" and care_request.created_by == staff
        assert list(care_request.status_changes.values_list("to_status", flat=True)) == ["draft"]
        assert care_request.target_groups.count() == 1 and care_request.methods.count() == 1
    finally:
        _stop(server)
    with capsys.disabled():
        print(f"\n[web kill] nothing half-saved, the repeated POST saved it; {time.monotonic() - started:.1f} s")


def _safe(call):
    try:
        return call()
    except Exception as error:  # noqa: BLE001 - the killed request's connection error is the expected outcome
        return error
