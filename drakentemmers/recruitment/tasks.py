"""Background tasks of recruitment; each calls the service of the same name."""

from django_tasks import task

from . import services


@task()
def profile_reminders() -> int:
    return services.profile_reminders_send()
