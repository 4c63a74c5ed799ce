import logging
import signal

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connections

from drakentemmers.core import scheduling
from drakentemmers.core.scheduler_lock import SchedulerAlreadyRunning, SchedulerLock

from .scheduler_jobs import write_job_list

logger = logging.getLogger("drakentemmers.core.scheduling")

LOCK_CHECK_SECONDS = 60
# A slot the scheduler was too busy (or suspended) to fire on time still fires within this grace;
# anything later is left to the catch-up on the next start.
MISFIRE_GRACE_SECONDS = 3600


def _fire(name: str) -> None:
    # APScheduler runs this in its own thread: give it a fresh database connection and close it after.
    close_old_connections()
    try:
        scheduling.job_fire(name)
    except Exception:
        logger.exception("Scheduled job %s could not be enqueued", name)
    finally:
        close_old_connections()


def scheduler_build(lock: SchedulerLock, lost: list) -> BlockingScheduler:
    """The APScheduler instance: one cron job per registered job, plus a check that we still hold the lock."""
    scheduler = BlockingScheduler(
        timezone=scheduling.SCHEDULER_TIMEZONE,
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
    )
    for job in scheduling.jobs():
        scheduler.add_job(_fire, trigger=job.trigger(), args=[job.name], id=job.name, name=job.name)

    def check_lock() -> None:
        if not lock.is_held():
            logger.error("Scheduler lock lost (database connection dropped); stopping")
            lost.append(True)
            scheduler.shutdown(wait=False)

    scheduler.add_job(check_lock, "interval", seconds=LOCK_CHECK_SECONDS, id="lock-check", name="lock-check")
    return scheduler


class Command(BaseCommand):
    help = (
        "Run the one scheduler: enqueue each scheduled job's task on its cron schedule (Europe/Amsterdam). "
        "Run exactly one; a second instance refuses to start. The work runs in the task workers."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--list", action="store_true", help="Print the jobs and their next runs, then exit.")
        parser.add_argument(
            "--catch-up-only",
            action="store_true",
            help="Take the lock, enqueue missed runs once, then exit (instead of running on).",
        )

    def handle(self, *args, **options) -> None:
        if options["list"]:
            write_job_list(self.stdout)
            return
        lock = SchedulerLock()
        try:
            lock.acquire()
        except SchedulerAlreadyRunning as exc:
            raise CommandError(f"Not starting: {exc}") from exc
        try:
            caught_up = scheduling.catch_up()
            self.stdout.write(f"Caught up after downtime: {', '.join(caught_up) or 'nothing missed'}.")
            if not options["catch_up_only"]:
                # Jobs fire in APScheduler's thread with connections of their own; do not idle on this one.
                connections.close_all()
                self._run(lock, verbosity=options["verbosity"])
        finally:
            lock.release()

    def _run(self, lock: SchedulerLock, *, verbosity: int) -> None:
        if verbosity < 2:
            # APScheduler's own "Adding job tentatively" / "Running job" lines; ours say what was enqueued.
            logging.getLogger("apscheduler").setLevel(logging.WARNING)
        lost: list = []
        scheduler = scheduler_build(lock, lost)
        signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
        write_job_list(self.stdout)
        self.stdout.write("Scheduler running (stop with Ctrl-C).")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            if scheduler.running:
                scheduler.shutdown(wait=False)
        if lost:
            raise CommandError("Scheduler lock lost; restart to take it again.")
