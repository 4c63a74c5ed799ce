from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """Bottlenecks and good practices from practice: reporting, moderation, endorsement, policy report."""

    name = "drakentemmers.insights"
    label = "insights"
    verbose_name = _("Bottlenecks and good practices")

    def ready(self) -> None:
        from drakentemmers.accounts import personal_data
        from drakentemmers.core import kpis, navigation, registries, scheduling
        from drakentemmers.core.navigation import NavEntry

        from . import gdpr, permissions
        from .kpis import KPIS

        personal_data.register("insights", exporter=gdpr.export_user, eraser=gdpr.erase_user)
        scheduling.register(
            scheduling.ScheduledJob(
                name="insights_moderation_digest",
                task="drakentemmers.insights.tasks.moderation_digest",
                cron="15 9 * * mon-fri",
                working_days_only=True,
                description="Tell the moderators how many new bottlenecks and good practices wait for them.",
            )
        )
        registries.demo_seeder_register("insights", "drakentemmers.insights.demo.seed", order=60)
        from drakentemmers.core import public_cache

        from . import models

        # The public list is cached for anonymous visitors: a published, withdrawn or endorsed report shows at once.
        public_cache.watch_models(models.Report, models.Endorsement, models.Comment)
        for kpi in KPIS:
            kpis.kpi_register(kpi)
        for entry in (
            NavEntry(
                label=_("Bottlenecks and good practices"),
                url_name="insights:list",
                visible=permissions.can_view_signals,
                order=50,
                description=_(
                    "What gets stuck and what works in trauma treatment, from practice. Recognise it, add to it."
                ),
            ),
            NavEntry(
                label=_("Moderate signals"),
                url_name="insights_beheer:queue",
                visible=permissions.can_moderate,
                order=75,
                description=_("Accept, edit for anonymity, merge or reject reported bottlenecks and good practices."),
            ),
            NavEntry(
                label=_("Policy report"),
                url_name="insights_beheer:policy_report",
                visible=permissions.can_make_policy_report,
                order=76,
                in_menu=False,
                description=_("Bottlenecks, endorsements and good practices per period, theme and region (PDF, XLSX)."),
            ),
        ):
            navigation.register(entry)
