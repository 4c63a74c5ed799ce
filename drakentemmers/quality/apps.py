from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    """The quality mark (kwaliteitskeurmerk): criteria, evaluation, review, award, renewal and withdrawal."""

    name = "drakentemmers.quality"
    label = "quality"
    verbose_name = _("Quality mark")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from drakentemmers.accounts import personal_data
        from drakentemmers.core import kpis, navigation, public_cache, registries, scheduling
        from drakentemmers.core.navigation import NavEntry

        from . import criteria, gdpr, integrations, models, permissions
        from .kpis import MEMBERS_WITH_MARK

        criteria.register_builtin_evaluators()
        from drakentemmers.directory import result_decorations

        from . import decorations

        result_decorations.register("quality_mark", decorations.mark_badges)  # the badge on cards and profiles
        public_cache.watch_models(models.QualityMark)  # the badge is on the shared search cards
        integrations.register_installed()  # training hours (learning) and intervision (colleagues), once installed
        auditlog.register(models.QualityCriterion)
        auditlog.register(models.QualityMark, exclude_fields=["code"])
        auditlog.register(models.CriterionReview, exclude_fields=["member_note"])

        personal_data.register("quality", exporter=gdpr.export_user, eraser=gdpr.erase_user, records=gdpr.user_records)
        scheduling.register(
            scheduling.ScheduledJob(
                name="quality_marks_update",
                task="drakentemmers.quality.tasks.marks_daily_update",
                cron="15 4 * * *",
                description="Award, renew, give notice on and withdraw quality marks; send renewal reminders.",
            )
        )
        kpis.kpi_register(MEMBERS_WITH_MARK)
        registries.demo_seeder_register("quality", "drakentemmers.quality.demo.seed", order=60)
        for entry in (
            NavEntry(
                label=_("Quality mark"),
                url_name="quality:my_mark",
                visible=permissions.can_view_own_checklist,
                order=26,
                description=_("Which quality criteria you meet, what is missing, and your mark's end date."),
            ),
            NavEntry(
                label=_("Quality mark (team)"),
                url_name="quality_team:marks",
                visible=permissions.is_quality_team,
                order=85,
                description=_("Quality criteria, the review queue and every member's mark."),
            ),
        ):
            navigation.register(entry)
