from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """Key figures against the plan's targets, per month and region, and the coverage map (issue 22)."""

    name = "drakentemmers.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self) -> None:
        from drakentemmers.core import kpis, navigation, registries, scheduling
        from drakentemmers.core.navigation import NavEntry

        from . import permissions, selectors

        kpis.kpi_setting_register("coverage_min_members", selectors.coverage_min_members)
        # Headline figures on the public home page come from the snapshots; the snapshot job bumps the public
        # page cache itself once it has written (watching the model would bump once per bulk-deleted row).
        registries.home_figures_register("dashboard", selectors.public_headline_figures)
        registries.demo_seeder_register("dashboard", "drakentemmers.dashboard.services.kpi_snapshots_take", order=90)
        scheduling.register(
            scheduling.ScheduledJob(
                name="kpi_snapshots_take",
                task="drakentemmers.dashboard.tasks.kpi_snapshots_take",
                cron="45 0 * * *",
                description="Store the key figures of the current and the previous month (the history funders see).",
            )
        )
        navigation.register(
            NavEntry(
                label=_("Dashboard"),
                url_name="dashboard:index",
                visible=permissions.can_view_dashboard,
                order=58,
                description=_("Key figures against the plan's targets, per month and region, and the coverage map."),
            )
        )
