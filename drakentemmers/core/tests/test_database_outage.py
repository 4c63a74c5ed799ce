"""The database goes away and comes back: a friendly Dutch 503, /health/ says so, and no restart is needed.

A real fault, not a mock: gunicorn runs the site against the test database through a TCP relay that this test
cuts (every connection dropped, the port closed) and then opens again on the same port.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("subprocess-servers")]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Relay:
    """Forwards 127.0.0.1:port to the database server; cut() drops everything, open() listens again."""

    def __init__(self, target: tuple[str, int], port: int):
        self.target, self.port = target, port
        self.listener: socket.socket | None = None
        self.sockets: list[socket.socket] = []

    def open(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        # shutdown() wakes the thread blocked in accept(); close() alone would leave the port listening on Linux.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
        self.sockets.clear()


def _get(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 - our own loopback server
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def _wait_until(check, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.3)
    raise AssertionError("the server did not get there in time")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the relay sits between the site and PostgreSQL")
@pytest.mark.parametrize("connections", ["persistent", "pool"])
def test_database_outage_gives_a_dutch_503_and_recovers_without_a_restart(connections, tmp_path):
    settings_dict = connection.settings_dict
    relay = Relay((settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432)), _free_port())
    relay.open()
    web_port = _free_port()
    user = settings_dict["USER"] or "postgres"
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{user}@127.0.0.1:{relay.port}/{settings_dict['NAME']}",
        "DEBUG": "0",
        "SECRET_KEY": "outage-test-only-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        # Persistent connections, or psycopg's pool (DB_POOL): either way the dead ones must be noticed and replaced.
        "DB_CONN_MAX_AGE": "60",
        "DB_POOL": "1" if connections == "pool" else "0",
        "CACHE_URL": "locmem://",
        "STATIC_MANIFEST": "0",  # `make test` on a fresh clone has not run collectstatic
    }
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{web_port}", "drakentemmers.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )
    base = f"http://127.0.0.1:{web_port}"
    # A page that reads the database: a public mini-profile (none with these ids: 404). Public pages are cached
    # per URL, so every request asks for another id.
    ids = iter(range(900001, 900100))

    def profile() -> str:
        return f"{base}/netwerk/behandelaars/{next(ids)}/miniprofiel/"

    try:
        _wait_until(lambda: _get(f"{base}/health/")[0] == 200)
        assert _get(profile())[0] == 404

        relay.cut()
        status, body, headers = _get(profile())
        assert status == 503
        assert "Drakentemmers is even niet beschikbaar" in body and "0800-2000" in body
        assert headers.get("Retry-After") == "30"
        status, body, _headers = _get(f"{base}/health/")
        assert status == 503 and json.loads(body) == {"status": "error"}

        relay.open()  # the database is back; gunicorn was never restarted
        try:
            _wait_until(lambda: _get(f"{base}/health/")[0] == 200, seconds=30)
        except AssertionError:
            raise AssertionError((tmp_path / "gunicorn.log").read_text()[-3000:]) from None
        assert _get(profile())[0] == 404
    finally:
        server.terminate()
        server.wait(timeout=20)
        relay.cut()
