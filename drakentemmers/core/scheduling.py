"""One clock: the registry of scheduled jobs, their triggers, and catch-up after downtime.

Apps register their jobs in AppConfig.ready(); core never imports them. `manage.py run_scheduler` (one
instance, see core.scheduler_lock) fires each job on its cron schedule, and a job only ever *enqueues*
its django-tasks task: the work itself runs in the task workers, of which there may be any number.

Every job's task is idempotent (running it twice sends nothing twice) and state-based: a run handles
everything that is due at that moment. So after downtime one run is enough, however many slots were
missed, and that is what the scheduler enqueues on start (`catch_up()`).
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks.exceptions import TaskResultDoesNotExist

from .models import ScheduledJobRun
from .workdays import is_working_day

logger = logging.getLogger(__name__)

SCHEDULER_TIMEZONE = ZoneInfo("Europe/Amsterdam")
# A run enqueued longer ago than this that still shows as waiting or running is presumed lost (a worker
# killed mid-task leaves it "running" forever); the scheduler then enqueues a new one.
PENDING_MAX_AGE = timedelta(hours=6)


class CatchUp(StrEnum):
    ONCE = "once"  # on start, enqueue one run if any slot was missed while the scheduler was down
    SKIP = "skip"  # do nothing on start; the next slot comes soon enough (frequent jobs)


class WorkingDayCronTrigger(CronTrigger):
    """A cron trigger that never fires on a weekend day or a Dutch public holiday (core.workdays)."""

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        candidate = super().get_next_fire_time(previous_fire_time, now)
        while candidate is not None and not is_working_day(candidate.date()):
            next_midnight = datetime.combine(candidate.date() + timedelta(days=1), time(), tzinfo=self.timezone)
            candidate = super().get_next_fire_time(None, next_midnight)
        return candidate


@dataclass(frozen=True)
class ScheduledJob:
    """A task that the scheduler enqueues on a cron schedule.

    `cron` is a crontab line (minute hour day month day-of-week) in Europe/Amsterdam time. Write the
    day of week as names (`mon-fri`): APScheduler 3 numbers Monday 0, unlike cron, so numbers are refused.
    Avoid 02:00–03:00, which does not exist or happens twice when the clocks change.
    """

    name: str
    task: str  # dotted path of a django-tasks Task, imported only when needed
    cron: str
    catch_up: CatchUp = CatchUp.ONCE
    working_days_only: bool = False
    description: str = ""

    def get_task(self) -> Task:
        return import_string(self.task)

    def trigger(self) -> CronTrigger:
        trigger_class = WorkingDayCronTrigger if self.working_days_only else CronTrigger
        return trigger_class.from_crontab(self.cron, timezone=SCHEDULER_TIMEZONE)

    def next_run_after(self, moment: datetime) -> datetime | None:
        """The first slot strictly after `moment`."""
        return self.trigger().get_next_fire_time(None, moment + timedelta(microseconds=1))

    @property
    def schedule_label(self) -> str:
        return f"{self.cron}{' (working days only)' if self.working_days_only else ''}"


_JOBS: dict[str, ScheduledJob] = {}


def register(job: ScheduledJob) -> None:
    """Add a job; registering the same job again is a no-op, a different job under a taken name an error."""
    day_of_week = job.cron.split()[-1] if job.cron.split() else ""
    if any(char.isdigit() for char in day_of_week):
        raise ValueError(f"{job.name}: write the day of week as names (mon-fri), not numbers: {job.cron!r}")
    job.trigger()  # raises ValueError on a malformed cron line
    existing = _JOBS.get(job.name)
    if existing is not None and existing != job:
        raise ValueError(f"Another scheduled job is already registered as {job.name!r}")
    _JOBS[job.name] = job


def jobs() -> list[ScheduledJob]:
    return sorted(_JOBS.values(), key=lambda job: job.name)


def job_get(name: str) -> ScheduledJob:
    return _JOBS[name]


def job_for_task_path(module_path: str) -> ScheduledJob | None:
    return next((job for job in _JOBS.values() if job.task == module_path), None)


def _run_row(job: ScheduledJob, now: datetime) -> ScheduledJobRun:
    # The first time the scheduler sees a job counts as its baseline: nothing before it was "missed".
    return ScheduledJobRun.objects.get_or_create(name=job.name, defaults={"registered_at": now})[0]


def _is_pending(job: ScheduledJob, run: ScheduledJobRun, now: datetime) -> bool:
    """Whether the last run the scheduler enqueued is still waiting for or held by a worker."""
    if not run.last_result_id or run.last_enqueued_at is None or run.last_enqueued_at < now - PENDING_MAX_AGE:
        return False
    try:
        result = job.get_task().get_result(run.last_result_id)
    except (TaskResultDoesNotExist, NotImplementedError):  # the immediate backend keeps no results
        return False
    return result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def job_enqueue(*, job: ScheduledJob, now: datetime | None = None) -> str:
    """Enqueue one run of `job` and note it; returns the task result id. Never runs the work itself."""
    now = now or timezone.now()
    with transaction.atomic():
        run = _run_row(job, now)
        ScheduledJobRun.objects.filter(pk=run.pk).update(last_enqueued_at=now)
        result = job.get_task().enqueue()
        # update(), not save(): with the immediate backend the run has already finished and recorded itself.
        ScheduledJobRun.objects.filter(pk=run.pk).update(last_result_id=result.id)
    logger.info("Scheduled job %s enqueued as task %s", job.name, result.id)
    return result.id


def job_fire(name: str, *, now: datetime | None = None) -> str | None:
    """What the scheduler does at a slot: enqueue, unless the previous run has not been picked up yet.

    Skipping then keeps a stopped worker pool from coming back to a queue with one run per missed slot.
    """
    job = _JOBS[name]
    now = now or timezone.now()
    if _is_pending(job, _run_row(job, now), now):
        logger.warning("Scheduled job %s: previous run still waiting or running; not enqueued again", name)
        return None
    return job_enqueue(job=job, now=now)


def missed_jobs(*, now: datetime | None = None) -> list[ScheduledJob]:
    """Jobs with `CatchUp.ONCE` whose slot passed after their last successful run without a run pending."""
    now = now or timezone.now()
    missed = []
    for job in jobs():
        run = _run_row(job, now)
        if job.catch_up is not CatchUp.ONCE:
            continue
        covered = max(moment for moment in (run.last_success_at, run.registered_at) if moment is not None)
        due = job.next_run_after(covered)
        if due is None or due > now:
            continue
        # A working-day job is not caught up on a weekend or holiday: its next slot is the catch-up.
        if job.working_days_only and not is_working_day(now.astimezone(SCHEDULER_TIMEZONE).date()):
            continue
        if _is_pending(job, run, now):
            continue
        missed.append(job)
    return missed


def catch_up(*, now: datetime | None = None) -> list[str]:
    """Enqueue each missed job once (not once per missed slot); returns the names enqueued."""
    now = now or timezone.now()
    names = []
    for job in missed_jobs(now=now):
        job_enqueue(job=job, now=now)
        names.append(job.name)
    return names


def job_run_record(*, module_path: str, status: str, enqueued_at: datetime | None, finished_at: datetime) -> None:
    """Note a finished run of a scheduled job's task (however it was enqueued: scheduler or by hand)."""
    job = job_for_task_path(module_path)
    if job is None:
        return
    run = _run_row(job, finished_at)
    ScheduledJobRun.objects.filter(pk=run.pk).update(last_finished_at=finished_at, last_status=status.lower())
    if status == TaskResultStatus.SUCCESSFUL and enqueued_at is not None:
        ScheduledJobRun.objects.filter(pk=run.pk).filter(
            Q(last_success_at__isnull=True) | Q(last_success_at__lt=enqueued_at)
        ).update(last_success_at=enqueued_at)


def on_task_finished(sender, task_result, **kwargs) -> None:
    """django-tasks `task_finished` receiver. It must never raise: the worker would mark the task failed."""
    try:
        job_run_record(
            module_path=task_result.task.module_path,
            status=str(task_result.status),
            enqueued_at=task_result.enqueued_at,
            finished_at=task_result.finished_at or timezone.now(),
        )
    except Exception:  # bookkeeping must not fail the job it records
        logger.exception("Could not record the run of task %s", task_result.id)


def job_list(*, now: datetime | None = None) -> list[dict]:
    """Each job with its schedule, next slot and last successful run, for `manage.py scheduler_jobs`."""
    now = now or timezone.now()
    runs = {run.name: run for run in ScheduledJobRun.objects.all()}
    rows = []
    for job in jobs():
        run = runs.get(job.name)
        rows.append(
            {
                "job": job,
                "next_run": job.next_run_after(now),
                "last_success_at": run.last_success_at if run else None,
                "last_status": run.last_status if run else "",
            }
        )
    return rows
