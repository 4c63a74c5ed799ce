"""Background tasks of the directory; each calls the service of the same name."""

from django_tasks import task

from . import services


@task()
def availability_reminders() -> int:
    return services.availability_reminders_send()
