from django.core.management.base import BaseCommand
from django.utils import timezone

from drakentemmers.core.scheduling import SCHEDULER_TIMEZONE, job_list


def _when(moment) -> str:
    return moment.astimezone(SCHEDULER_TIMEZONE).strftime("%a %Y-%m-%d %H:%M") if moment else "-"


def write_job_list(stdout) -> None:
    rows = job_list(now=timezone.now())
    stdout.write(f"Scheduled jobs (times in {SCHEDULER_TIMEZONE.key}):\n")
    stdout.write(f"{'job':<26} {'schedule':<36} {'catch-up':<9} {'next run':<21} last success\n")
    for row in rows:
        job = row["job"]
        last = f"{_when(row['last_success_at'])} ({row['last_status']})" if row["last_status"] else "-"
        stdout.write(
            f"{job.name:<26} {job.schedule_label:<36} {job.catch_up.value:<9} {_when(row['next_run']):<21} {last}\n"
        )
        stdout.write(f"    {job.task}: {job.description}\n")


class Command(BaseCommand):
    help = "List the scheduled jobs with their schedule, next run and last successful run."

    def handle(self, *args, **options) -> None:
        write_job_list(self.stdout)
