"""Background tasks of the dashboard; each calls the service of the same name."""

from django_tasks import task

from . import services


@task()
def kpi_snapshots_take() -> int:
    return services.kpi_snapshots_take()
