from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "drakentemmers.core"
    label = "core"
    verbose_name = _("Platform core")

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from . import scheduling

        # Every process (scheduler, workers, web) records finished runs of scheduled jobs.
        task_finished.connect(scheduling.on_task_finished, dispatch_uid="core.scheduling.on_task_finished")
        scheduling.register(
            scheduling.ScheduledJob(
                name="email_outbox_sweep",
                task="drakentemmers.core.tasks.email_outbox_sweep",
                cron="*/15 * * * *",
                catch_up=scheduling.CatchUp.SKIP,
                description="Hand e-mail whose delivery task was lost to the worker again.",
            )
        )
