"""Background tasks of the quality mark; each calls the service of the same name."""

from django_tasks import task

from . import services


@task()
def marks_daily_update() -> dict[str, int]:
    return services.marks_daily_update()
