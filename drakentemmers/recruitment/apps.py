from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    """Growth toward 300 members: colleague invitations, onboarding, reminders and the recruitment figures."""

    name = "drakentemmers.recruitment"
    label = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self) -> None:
        from . import kpis

        kpis.register()  # the dashboard's recruitment figure (core.kpis)
        from auditlog.registry import auditlog

        from drakentemmers.accounts import hooks, personal_data
        from drakentemmers.core import navigation, onboarding, scheduling
        from drakentemmers.core.navigation import NavEntry

        from . import models, permissions, services
        from .onboarding import directory_checklist

        auditlog.register(models.ColleagueInvitation, exclude_fields=["token", "email", "note"])
        auditlog.register(models.RecruitmentTarget)

        hooks.on_email_confirmed(services.colleague_invitation_claim_from_session)
        personal_data.register(
            "recruitment",
            exporter=services.personal_data_export,
            eraser=services.personal_data_erase,
            records=services.personal_data_records,
        )
        onboarding.register("directory", directory_checklist, order=10)

        scheduling.register(
            scheduling.ScheduledJob(
                name="profile_reminders",
                task="drakentemmers.recruitment.tasks.profile_reminders",
                cron="30 10 * * mon-fri",
                working_days_only=True,
                description="Remind therapists of a profile left half-way, 3 and 10 days after they started it.",
            )
        )

        for entry in (
            NavEntry(
                label=_("Invite a colleague"),
                url_name="recruitment:invite",
                visible=permissions.can_invite_colleague,
                order=25,
                in_menu=False,
                description=_("Know a therapist who should join? Send a personal invitation."),
            ),
            NavEntry(
                label=_("Recruitment"),
                url_name="recruitment:overview",
                visible=permissions.can_view_recruitment,
                order=70,
                description=_("Members per region against the target, profiles under way, invitations."),
            ),
        ):
            navigation.register(entry)
