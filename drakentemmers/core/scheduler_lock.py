"""Exactly one scheduler: a lock that a second `run_scheduler` cannot take while the first one lives.

- PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) held on a connection of its own for
  the life of the process. PostgreSQL releases it the moment that connection ends, also when the process
  is killed or its machine dies, so a crashed scheduler never blocks its successor. The lock is per
  database: schedulers of different databases do not see each other.
- SQLite: an exclusive `flock` on a file next to the database file. SQLite is only ever used on one
  machine (development, `make run`), and the kernel drops the lock when the process exits.

No row lock: SQLite has none, and a transaction held open for days would pin PostgreSQL's vacuum.
"""

import fcntl
import hashlib
import os
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections

# Any constant below 2**31 (so pg_locks shows it in `objid`); "dtsc" in ASCII.
ADVISORY_LOCK_KEY = 0x64747363


class SchedulerAlreadyRunning(RuntimeError):
    pass


class SchedulerLock:
    def __init__(self, using: str = DEFAULT_DB_ALIAS) -> None:
        self.using = using
        self.vendor = connections[using].vendor
        if self.vendor not in ("postgresql", "sqlite"):
            raise ImproperlyConfigured(f"The scheduler lock supports PostgreSQL and SQLite, not {self.vendor}.")
        self._connection = None
        self._file = None

    def acquire(self) -> None:
        """Take the lock or raise SchedulerAlreadyRunning; never waits."""
        if self.vendor == "postgresql":
            # A connection Django's request/worker cleanup does not know about, so it is never closed under us.
            self._connection = connections.create_connection(self.using)
            # The lock check runs in APScheduler's thread. Without this, Django refuses the connection there
            # ("DatabaseWrapper objects created in a thread can only be used in that same thread"), the check
            # read that as a lost lock, and the scheduler stopped itself a minute after every start.
            self._connection.inc_thread_sharing()
            with self._connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
                taken = cursor.fetchone()[0]
            if not taken:
                self._connection.close()
                self._connection = None
                raise SchedulerAlreadyRunning("Another scheduler holds the advisory lock on this database.")
            return
        self._file = open(self.lock_file_path(), "a+")  # noqa: SIM115 - kept open while the lock is held
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._file.close()
            self._file = None
            raise SchedulerAlreadyRunning(f"Another scheduler holds {self.lock_file_path()}.") from None
        self._file.seek(0)
        self._file.truncate()
        self._file.write(f"{os.getpid()}\n")
        self._file.flush()

    def is_held(self) -> bool:
        """Whether we still hold the lock (false once PostgreSQL dropped our connection)."""
        if self.vendor == "sqlite":
            return self._file is not None
        if self._connection is None:
            return False
        try:
            with self._connection.cursor() as cursor:
                cursor.execute(
                    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
                    " AND objid = %s AND objsubid = 1 AND granted)",
                    [ADVISORY_LOCK_KEY],
                )
                return bool(cursor.fetchone()[0])
        except Exception:  # noqa: BLE001 - a broken connection means the lock is gone
            return False

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()  # ends the session, which releases the advisory lock
            finally:
                self._connection.dec_thread_sharing()
                self._connection = None
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def lock_file_path(self) -> Path:
        name = str(connections[self.using].settings_dict["NAME"])
        if name and not name.startswith("file:") and name != ":memory:":
            return Path(f"{name}.scheduler.lock")
        # In-memory test databases: one lock per database name, in the temporary directory.
        digest = hashlib.sha256(name.encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"drakentemmers-scheduler-{digest}.lock"

    def __enter__(self) -> "SchedulerLock":
        self.acquire()
        return self

    def __exit__(self, *exc_info) -> None:
        self.release()
