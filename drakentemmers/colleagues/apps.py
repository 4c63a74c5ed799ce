from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ColleaguesConfig(AppConfig):
    """The colleague network: intervision groups, supervision and case consultation between members."""

    name = "drakentemmers.colleagues"
    label = "colleagues"
    verbose_name = _("Colleague network")

    def ready(self) -> None:
        from drakentemmers.accounts import personal_data
        from drakentemmers.conversations import registry as conversations
        from drakentemmers.core import kpis, navigation, public_cache, registries, scheduling
        from drakentemmers.core.navigation import NavEntry
        from drakentemmers.directory import result_decorations

        from . import decorations, gdpr, models, permissions, services
        from .kpis import KPIS

        # Supervisors say so on their profile: a badge other members see on the profile page and result cards.
        result_decorations.register(
            "supervision_offer", decorations.supervision_badges, card_audience=decorations.supervision_audience
        )
        public_cache.watch_models(models.SupervisionOffer)  # the badge is on the shared search cards

        # A group is a party in its space's thread: its accepted members share it, a member who leaves loses it.
        conversations.register_party_resolver(
            models.IntervisionGroup,
            permissions.group_thread_members,
            parties_of=permissions.groups_acted_for,
            label=lambda group: group.name,
        )
        conversations.register_thread_kind(services.GROUP_THREAD)
        conversations.register_thread_kind(services.SUPERVISION_THREAD)

        personal_data.register("colleagues", exporter=gdpr.export_user, eraser=gdpr.erase_user)
        registries.demo_seeder_register("colleagues", "drakentemmers.colleagues.demo.seed", order=40)
        scheduling.register(
            scheduling.ScheduledJob(
                name="intervision_meeting_reminders",
                task="drakentemmers.colleagues.tasks.meeting_reminders",
                cron="15 8 * * *",
                description="Remind the members of an intervision group of a meeting within the next 36 hours (once).",
            )
        )
        for kpi in KPIS:
            kpis.kpi_register(kpi)
        for entry in (
            NavEntry(
                label=_("Colleagues"),
                url_name="colleagues:overview",
                visible=permissions.is_member,
                order=35,
                description=_("Intervision groups, supervision and case consultation with other members."),
            ),
            NavEntry(
                label=_("Case consultation"),
                url_name="colleagues:consultation_list",
                visible=permissions.is_member,
                order=36,
                in_menu=False,
                description=_("Ask the network an anonymised case question, or help a colleague with theirs."),
            ),
        ):
            navigation.register(entry)
