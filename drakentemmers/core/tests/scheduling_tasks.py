"""Tasks for the scheduler tests: they count their runs so a test can see how often a job ran."""

from django_tasks import task

RUNS: list[str] = []


@task()
def count_run() -> int:
    RUNS.append("run")
    return len(RUNS)


@task()
def always_fail() -> None:
    raise RuntimeError("this job fails on purpose")
