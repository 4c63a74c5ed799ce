from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Questionnaires: builder, personal links, drafts, anonymous answers, results and exports."""

    name = "drakentemmers.surveys"
    label = "surveys"
    verbose_name = _("Questionnaires")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from drakentemmers.accounts import personal_data
        from drakentemmers.core import navigation, scheduling
        from drakentemmers.core.kpis import Kpi, KpiGroup, KpiUnit, kpi_register
        from drakentemmers.core.navigation import NavEntry
        from drakentemmers.core.registries import demo_seeder_register

        from . import audiences, models, permissions, services

        # The questionnaire's design is audited. Invitations (their drafts hold answers) and responses are
        # deliberately NOT registered: a log entry would tie an anonymous answer to a person and a time.
        auditlog.register(models.Questionnaire)
        auditlog.register(models.Section)
        auditlog.register(models.Question)

        audiences.register_builtin()
        personal_data.register(
            "surveys",
            exporter=services.personal_data_export,
            eraser=services.personal_data_erase,
            records=services.personal_data_records,
        )
        scheduling.register(
            scheduling.ScheduledJob(
                name="questionnaire_reminders",
                task="drakentemmers.surveys.tasks.questionnaire_reminders",
                cron="0 10 * * mon-fri",
                working_days_only=True,
                description="Remind whoever has not answered an open questionnaire, once.",
            )
        )
        kpi_register(
            Kpi(
                key="surveys.response_rate",
                label=_("Questionnaire response rate"),
                counts=_("Invitations answered, of the invitations to questionnaires that closed in the period."),
                group=KpiGroup.VOICE,
                unit=KpiUnit.PERCENT,
                measure="drakentemmers.surveys.kpis.response_rate",
            )
        )
        demo_seeder_register("surveys", "drakentemmers.surveys.demo.seed", order=80)
        for entry in (
            NavEntry(
                label=_("Questionnaires"),
                url_name="surveys:mine",
                visible=permissions.has_open_invitations,
                count=permissions.open_invitations_count,
                order=60,
                description=_("Questionnaires waiting for your answer."),
            ),
            NavEntry(
                label=_("Questionnaires (management)"),
                url_name="surveys:manage",
                visible=permissions.can_manage_questionnaires,
                order=90,
                description=_("Build questionnaires, invite, follow the response and export the results."),
            ),
        ):
            navigation.register(entry)
