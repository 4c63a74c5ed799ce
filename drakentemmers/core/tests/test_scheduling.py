"""The one clock: registry, working-day triggers, catch-up after downtime, the single-instance guard and
`run_scheduler` enqueueing into django-tasks. Jobs of the apps are tested in their own apps."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks.base import Task
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from drakentemmers.core import scheduling
from drakentemmers.core.management.commands.run_scheduler import scheduler_build
from drakentemmers.core.models import ScheduledJobRun
from drakentemmers.core.scheduler_lock import SchedulerAlreadyRunning, SchedulerLock
from drakentemmers.core.scheduling import CatchUp, ScheduledJob

from . import scheduling_tasks

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY_0130 = datetime(2026, 3, 2, 1, 30, tzinfo=AMS)
COUNT_RUN = "drakentemmers.core.tests.scheduling_tasks.count_run"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}}
EXPECTED_JOBS = {
    "availability_reminders",
    "candidacies_remind",
    "care_requests_expire",
    "care_requests_anonymise",
    "email_outbox_sweep",
}


@pytest.fixture
def registry():
    """A registry with only the test's own jobs; the apps' jobs come back afterwards."""
    saved = dict(scheduling._JOBS)
    scheduling._JOBS.clear()
    scheduling_tasks.RUNS.clear()
    yield scheduling._JOBS
    scheduling._JOBS.clear()
    scheduling._JOBS.update(saved)


@pytest.fixture
def nightly(registry) -> ScheduledJob:
    job = ScheduledJob(name="nightly", task=COUNT_RUN, cron="30 1 * * *")
    scheduling.register(job)
    return job


def _travel(moment: datetime):
    return time_machine.travel(moment, tick=False)


def _work_off_the_queue() -> None:
    """What `db_worker` does with each task (its loop closes connections, which a test transaction cannot take)."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    for db_task_result in DBTaskResult.objects.ready():
        db_task_result.claim(worker.worker_id)
        worker.run_task(db_task_result)


# --- Registry -------------------------------------------------------------------------------------


def test_every_app_job_is_registered_and_names_a_django_task():
    assert {job.name for job in scheduling.jobs()} >= EXPECTED_JOBS
    for job in scheduling.jobs():
        assert isinstance(job.get_task(), Task), job.task
        assert job.get_task().module_path == job.task


def test_registering_the_same_job_twice_is_harmless_but_a_clash_is_refused(nightly):
    scheduling.register(ScheduledJob(name="nightly", task=COUNT_RUN, cron="30 1 * * *"))
    assert [job.name for job in scheduling.jobs()] == ["nightly"]
    with pytest.raises(ValueError, match="already registered"):
        scheduling.register(ScheduledJob(name="nightly", task=COUNT_RUN, cron="0 4 * * *"))


@pytest.mark.parametrize("cron", ["0 9 * * 1-5", "0 9 * *", "61 9 * * *"])
def test_bad_cron_lines_are_refused(registry, cron):
    # Day-of-week numbers are refused: APScheduler 3 counts Monday as 0, cron counts Sunday as 0.
    with pytest.raises(ValueError):
        scheduling.register(ScheduledJob(name="bad", task=COUNT_RUN, cron=cron))
    assert scheduling.jobs() == []


def test_job_for_task_path(nightly):
    assert scheduling.job_for_task_path(COUNT_RUN) == nightly
    assert scheduling.job_for_task_path("drakentemmers.core.tasks.email_send") is None


# --- Working-day schedule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (datetime(2026, 4, 24, 9, 0), datetime(2026, 4, 28, 9, 0)),  # Fri → Tue: weekend and Koningsdag
        (datetime(2026, 12, 24, 9, 0), datetime(2026, 12, 28, 9, 0)),  # over Christmas 2026
        (datetime(2027, 4, 26, 9, 0), datetime(2027, 4, 28, 9, 0)),  # over Koningsdag 2027 (a Tuesday)
        (datetime(2026, 5, 13, 9, 0), datetime(2026, 5, 15, 9, 0)),  # over Ascension Day
        (datetime(2026, 12, 31, 9, 0), datetime(2027, 1, 4, 9, 0)),  # over New Year's Day
        (datetime(2026, 3, 2, 8, 0), datetime(2026, 3, 2, 9, 0)),  # an ordinary Monday
    ],
)
def test_availability_reminders_run_on_working_days_only(after, expected):
    job = scheduling.job_get("availability_reminders")
    assert job.next_run_after(after.replace(tzinfo=AMS)) == expected.replace(tzinfo=AMS)


def test_nightly_jobs_avoid_the_dst_hour():
    for job in scheduling.jobs():
        hour = job.cron.split()[1]
        assert hour.startswith("*") or int(hour) != 2, job.name
    # The night the clocks go forward (29 March 2026) still has its 01:30 and 03:30 runs.
    expire = scheduling.job_get("care_requests_expire")
    assert expire.next_run_after(datetime(2026, 3, 28, 12, 0, tzinfo=AMS)) == datetime(2026, 3, 29, 1, 30, tzinfo=AMS)


def test_scheduler_has_one_cron_job_per_registered_job_and_a_lock_check():
    scheduler = scheduler_build(SchedulerLock(), [])
    assert {job.id for job in scheduler.get_jobs()} == {*(job.name for job in scheduling.jobs()), "lock-check"}
    trigger = scheduler.get_job("availability_reminders").trigger
    friday = datetime(2026, 4, 24, 9, 0, 1, tzinfo=AMS)
    assert trigger.get_next_fire_time(None, friday) == datetime(2026, 4, 28, 9, 0, tzinfo=AMS)


# --- Recording runs ---------------------------------------------------------------------------------


def test_a_finished_run_is_recorded_however_it_was_enqueued(nightly):
    with _travel(MONDAY_0130):
        scheduling_tasks.count_run.enqueue()  # by hand, not by the scheduler
    run = ScheduledJobRun.objects.get(name="nightly")
    assert run.last_success_at == MONDAY_0130 and run.last_status == "successful"


def test_a_failed_run_does_not_count_as_done_and_is_caught_up(registry):
    scheduling.register(
        ScheduledJob(name="fails", task="drakentemmers.core.tests.scheduling_tasks.always_fail", cron="30 1 * * *")
    )
    with _travel(MONDAY_0130 - timedelta(days=1)):
        scheduling.catch_up()  # first start: the baseline
    with _travel(MONDAY_0130):
        scheduling.job_fire("fails")
    run = ScheduledJobRun.objects.get(name="fails")
    assert run.last_status == "failed" and run.last_success_at is None
    with _travel(MONDAY_0130 + timedelta(hours=8)):
        assert scheduling.catch_up() == ["fails"]


# --- Catch-up after downtime ------------------------------------------------------------------------


def test_first_start_is_a_baseline_not_a_missed_run(nightly):
    with _travel(MONDAY_0130 + timedelta(hours=12)):
        assert scheduling.catch_up() == []
    assert scheduling_tasks.RUNS == []
    assert ScheduledJobRun.objects.filter(name="nightly").exists()


def test_missed_slots_are_caught_up_once_and_not_again_after_completion(nightly):
    with _travel(MONDAY_0130):
        scheduling.job_fire("nightly")
    assert len(scheduling_tasks.RUNS) == 1
    # Down on Tuesday, Wednesday and Thursday night; started again on Thursday morning: three slots missed.
    thursday_morning = MONDAY_0130 + timedelta(days=3, hours=8)
    with _travel(thursday_morning):
        assert scheduling.missed_jobs() == [nightly]
        assert scheduling.catch_up() == ["nightly"]
    assert len(scheduling_tasks.RUNS) == 2  # one run, not one per missed slot
    with _travel(thursday_morning + timedelta(hours=1)):  # restarted again the same morning
        assert scheduling.catch_up() == []
    assert len(scheduling_tasks.RUNS) == 2
    assert ScheduledJobRun.objects.get(name="nightly").last_success_at == thursday_morning


def test_nothing_is_caught_up_when_no_slot_was_missed(nightly):
    with _travel(MONDAY_0130):
        scheduling.job_fire("nightly")
    with _travel(MONDAY_0130 + timedelta(hours=23)):
        assert scheduling.catch_up() == []


def test_jobs_with_catch_up_skip_wait_for_their_next_slot(registry):
    scheduling.register(ScheduledJob(name="frequent", task=COUNT_RUN, cron="*/15 * * * *", catch_up=CatchUp.SKIP))
    with _travel(MONDAY_0130):
        scheduling.job_fire("frequent")
    with _travel(MONDAY_0130 + timedelta(days=2)):
        assert scheduling.catch_up() == []


def test_working_day_jobs_are_not_caught_up_on_a_holiday(registry):
    scheduling.register(ScheduledJob(name="mornings", task=COUNT_RUN, cron="0 9 * * mon-fri", working_days_only=True))
    with _travel(datetime(2026, 4, 23, 9, 0, tzinfo=AMS)):  # Thursday
        scheduling.job_fire("mornings")
    with _travel(datetime(2026, 4, 27, 11, 0, tzinfo=AMS)):  # Koningsdag: Friday's run was missed
        assert scheduling.catch_up() == []
    with _travel(datetime(2026, 4, 28, 8, 0, tzinfo=AMS)):  # Tuesday before its own slot
        assert scheduling.catch_up() == ["mornings"]
    assert len(scheduling_tasks.RUNS) == 2


def test_a_run_still_waiting_for_a_worker_is_not_enqueued_again(nightly, settings):
    settings.TASKS = DB_TASKS  # a real queue, with no worker running
    with _travel(MONDAY_0130 - timedelta(days=1)):
        scheduling.catch_up()
    with _travel(MONDAY_0130 + timedelta(days=2, hours=8)):
        assert scheduling.catch_up() == ["nightly"]
        assert scheduling.catch_up() == []  # the scheduler restarted; the run is still queued
        assert scheduling.job_fire("nightly") is None  # and a slot does not pile up a second one
    assert DBTaskResult.objects.filter(task_path=COUNT_RUN).count() == 1
    with _travel(MONDAY_0130 + timedelta(days=2, hours=9)):
        _work_off_the_queue()
    assert len(scheduling_tasks.RUNS) == 1
    run = ScheduledJobRun.objects.get(name="nightly")
    assert run.last_status == "successful"
    with _travel(MONDAY_0130 + timedelta(days=2, hours=10)):
        assert scheduling.catch_up() == []  # completed: not enqueued again
        assert scheduling.job_fire("nightly") is not None  # the next slot enqueues normally
    assert DBTaskResult.objects.filter(task_path=COUNT_RUN).count() == 2


def test_a_run_lost_for_hours_no_longer_blocks_the_job(nightly, settings):
    settings.TASKS = DB_TASKS
    with _travel(MONDAY_0130):
        scheduling.job_fire("nightly")
    DBTaskResult.objects.update(status="RUNNING")  # a worker died mid-task
    with _travel(MONDAY_0130 + scheduling.PENDING_MAX_AGE + timedelta(minutes=1)):
        assert scheduling.job_fire("nightly") is not None


# --- run_scheduler and scheduler_jobs -------------------------------------------------------------------


def test_run_scheduler_enqueues_missed_jobs_into_django_tasks(settings):
    settings.TASKS = DB_TASKS
    tuesday = datetime(2026, 3, 3, 10, 0, tzinfo=AMS)
    for job in scheduling.jobs():
        ScheduledJobRun.objects.create(name=job.name, registered_at=tuesday - timedelta(days=3))
    out = StringIO()
    with _travel(tuesday):
        call_command("run_scheduler", "--catch-up-only", stdout=out)
    once = {job.task for job in scheduling.jobs() if job.catch_up is CatchUp.ONCE}
    assert set(DBTaskResult.objects.values_list("task_path", flat=True)) == once
    assert DBTaskResult.objects.count() == len(once)
    assert "availability_reminders" in out.getvalue()
    # Nothing ran inside the scheduler: every task is still waiting for a worker.
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"READY"}
    with _travel(tuesday + timedelta(minutes=5)):
        call_command("run_scheduler", "--catch-up-only", stdout=StringIO())
    assert DBTaskResult.objects.count() == len(once)


def test_scheduler_jobs_lists_every_job_with_its_next_run():
    out = StringIO()
    with _travel(datetime(2026, 4, 24, 12, 0, tzinfo=AMS)):
        call_command("scheduler_jobs", stdout=out)
    text = out.getvalue()
    for name in EXPECTED_JOBS:
        assert name in text
    assert "Tue 2026-04-28 09:00" in text  # availability reminders after the weekend and Koningsdag
    assert "Sat 2026-04-25 01:30" in text  # expiry runs every night
    list_out = StringIO()
    with _travel(datetime(2026, 4, 24, 12, 0, tzinfo=AMS)):
        call_command("run_scheduler", "--list", stdout=list_out)
    assert list_out.getvalue() == text


# --- One scheduler ----------------------------------------------------------------------------------


def test_the_lock_check_in_the_schedulers_thread_sees_the_lock_held():
    """APScheduler runs the lock check in a thread of its own; the lock must read as held there, or the
    scheduler stops itself at the first check (found by the soak run: it died a minute after starting)."""
    import threading

    lock = SchedulerLock()
    lock.acquire()
    try:
        seen = []
        checker = threading.Thread(target=lambda: seen.append(lock.is_held()))
        checker.start()
        checker.join()
        assert seen == [True]
    finally:
        lock.release()


def test_a_second_scheduler_cannot_take_the_lock():
    first = SchedulerLock()
    first.acquire()
    try:
        assert first.is_held()
        with pytest.raises(SchedulerAlreadyRunning):
            SchedulerLock().acquire()
        with pytest.raises(CommandError, match="Not starting"):
            call_command("run_scheduler", "--catch-up-only", stdout=StringIO())
    finally:
        first.release()
    assert not first.is_held()
    with SchedulerLock() as again:  # released: the next one may start
        assert again.is_held()
