"""Scheduled jobs of the learning app. Each task only calls the service of the same name."""

from django_tasks import task

from . import services


@task()
def training_reminders_send() -> dict[str, int]:
    return services.reminders_send()


@task()
def training_offers_expire() -> int:
    return services.offers_expire()
