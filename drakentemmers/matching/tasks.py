"""Scheduled jobs of the matching app. Each task only calls the service of the same name.

The scheduler (core.scheduling, jobs registered in apps.py) enqueues them; the management commands
matching_remind, matching_expire and matching_anonymise run them once by hand.
"""

from django_tasks import task

from . import services


@task()
def candidacies_remind() -> dict[str, int]:
    return services.candidacies_remind()


@task()
def care_requests_expire() -> dict[str, int]:
    return services.care_requests_expire()


@task()
def care_requests_anonymise() -> int:
    return services.care_requests_anonymise()
