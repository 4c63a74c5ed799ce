import os
import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Long-running processes that scan text: they load the privacy guard's model at start. One-off commands
# (migrate, shell, tests) do not pay the seconds; the WSGI module starts it for gunicorn itself.
WARM_UP_COMMANDS = frozenset(["db_worker", "runserver"])


def starts_long_running_process(argv: list[str], environ: dict | None = None) -> bool:
    environ = os.environ if environ is None else environ
    if len(argv) < 2 or argv[1] not in WARM_UP_COMMANDS:
        return False
    # runserver's autoreloader runs ready() in a watcher process too: only the serving child (RUN_MAIN) loads.
    return argv[1] != "runserver" or environ.get("RUN_MAIN") == "true" or "--noreload" in argv


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
        scheduling.register(
            scheduling.ScheduledJob(
                name="email_digests_send",
                task="drakentemmers.core.tasks.email_digests_send",
                cron="0 8 * * *",
                description="Send the daily digest to people who chose one e-mail a day about events.",
            )
        )
        scheduling.register(
            scheduling.ScheduledJob(
                name="retention_purge",
                task="drakentemmers.core.tasks.retention_purge",
                cron="45 3 * * *",
                description="Anonymise old invitations; delete old outbox rows, security events and sessions.",
            )
        )

        from . import navigation

        navigation.watch_all_models()  # the cached menus and counts follow every data change

        if starts_long_running_process(sys.argv):
            from .privacy import warm_up_in_background

            warm_up_in_background()
