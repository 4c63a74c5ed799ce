from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "drakentemmers.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from drakentemmers.accounts import personal_data
        from drakentemmers.conversations import registry as conversations
        from drakentemmers.core import navigation, registries, scheduling, waiting

        from . import gdpr, permissions
        from . import waiting as matching_waiting
        from .services.messages import REQUEST_THREAD

        conversations.register_thread_kind(REQUEST_THREAD)
        waiting.register("matching", matching_waiting.waiting_items, order=10)
        from drakentemmers.directory import search_actions

        from .search_actions import invite_for_request

        search_actions.register("matching_invite", invite_for_request)

        # The candidates page's cached ranking: a candidacy (load term, exclusions) or an expertise label changes it.
        from drakentemmers.directory.models import Expertise

        from . import ranking_cache
        from .models import Candidacy

        ranking_cache.watch(Candidacy, Expertise)

        from . import kpis

        kpis.register()  # the dashboard's matching figures (core.kpis)
        registries.demo_seeder_register("matching", "drakentemmers.matching.demo.seed", order=30)

        navigation.register(
            navigation.NavEntry(
                label=_("Care requests"),
                url_name="matching:request_list",
                visible=permissions.can_manage_requests,
                count=permissions.answers_to_confirm_count,
                count_label=matching_waiting.answers_to_confirm_label,
                order=30,
                description=_("Write anonymous care requests and find a fitting therapist."),
            )
        )
        navigation.register(
            navigation.NavEntry(
                label=_("Invitations"),
                url_name="matching:inbox",
                visible=permissions.can_use_inbox,
                count=permissions.invitations_to_answer_count,
                count_label=matching_waiting.invitations_to_answer_label,
                order=31,
                description=_("Care requests organisations sent you, and open requests that fit you."),
            )
        )
        navigation.register(
            navigation.NavEntry(
                label=_("Open care requests that fit you"),
                url_name="matching:fitting",
                visible=permissions.can_use_inbox,
                order=32,
                description=_("Offer yourself for open care requests that match your profile."),
                in_menu=False,
            )
        )
        navigation.register(
            navigation.NavEntry(
                label=_("Matching figures"),
                url_name="matching:metrics",
                visible=permissions.can_view_metrics,
                order=60,
                description=_("Time to match, share matched within two weeks and reasons for no match, per region."),
            )
        )
        personal_data.register("matching", exporter=gdpr.export_user, eraser=gdpr.erase_user)
        # Scheduled jobs (core.scheduling); times in Europe/Amsterdam, outside the 02:00-03:00 DST hour.
        for job in (
            scheduling.ScheduledJob(
                name="candidacies_remind",
                task="drakentemmers.matching.tasks.candidacies_remind",
                cron="5 9 * * mon-fri",
                working_days_only=True,
                description="Remind invited therapists after 3 working days; tell the organisation after 7.",
            ),
            scheduling.ScheduledJob(
                name="care_requests_expire",
                task="drakentemmers.matching.tasks.care_requests_expire",
                cron="30 1 * * *",
                description="Warn about, then expire, care requests that stayed open too long.",
            ),
            scheduling.ScheduledJob(
                name="care_requests_anonymise",
                task="drakentemmers.matching.tasks.care_requests_anonymise",
                cron="30 3 * * *",
                description="Anonymise finished care requests past the retention period.",
            ),
        ):
            scheduling.register(job)
