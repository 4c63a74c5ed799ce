from django_tasks import task

from . import services


@task()
def questionnaire_reminders() -> int:
    return services.reminders_send()
