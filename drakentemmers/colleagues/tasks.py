"""Background tasks of the colleague network; each calls the service of the same name."""

from django_tasks import task

from . import services


@task()
def meeting_reminders() -> int:
    return services.meeting_reminders_send()
