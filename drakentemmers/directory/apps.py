from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class DirectoryConfig(AppConfig):
    name = "drakentemmers.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from drakentemmers.accounts import hooks, personal_data
        from drakentemmers.conversations import registry as conversations
        from drakentemmers.core import navigation, registries, scheduling
        from drakentemmers.core.navigation import NavEntry
        from drakentemmers.core.privacy import allowlist as privacy_allowlist

        from . import models, permissions, selectors, services

        audited = ["status", "verification_method", "verified_at", "verified_by", "rejection_reason"]
        auditlog.register(
            models.TherapistProfile,
            include_fields=[*audited, "profession", "registration_kind", "big_number", "registration_number"],
        )
        auditlog.register(models.Organisation, include_fields=[*audited[:1], *audited[2:], "kvk_number", "name"])
        auditlog.register(models.OrganisationMembership)
        auditlog.register(models.OrganisationInvitation, exclude_fields=["token"])

        hooks.on_name_change(services.therapist_name_changed)
        # An organisation is a party in conversation threads: its verified staff share them.
        conversations.register_party_resolver(
            models.Organisation,
            permissions.organisation_thread_members,
            parties_of=permissions.organisations_acted_for,
            label=lambda organisation: organisation.name,
        )
        conversations.register_thread_kind(conversations.ThreadKind(key=services.messages.CONTACT_THREAD_KIND))
        personal_data.register(
            "directory",
            exporter=services.personal_data_export,
            eraser=services.personal_data_erase,
            identifiers=services.personal_data_identifiers,
            records=services.personal_data_records,
            identifying_fields=("big_number", "registration_number"),
        )
        # Last: the other apps' erasers find the person's records (candidacies) through the profile.
        personal_data.register("directory_profile", eraser=services.therapist_profile_erase, order=1000)
        privacy_allowlist.register_known_terms(
            "organisations", selectors.known_organisation_names, version=selectors.known_organisation_names_version
        )

        # The home page and the network figures count and show these: a change re-renders the cached pages.
        from drakentemmers.accounts.models import User
        from drakentemmers.core import cached_choices, public_cache

        public_cache.watch_models(
            models.TherapistProfile,
            models.WorkLocation,
            models.Organisation,
            models.Method,
            models.TargetGroup,
            models.Profession,
            User,  # names on the opted-in mini-profiles (a login's last_login stamp is ignored)
        )
        # The search form's choice lists come from the cache (core.cached_choices).
        cached_choices.watch(models.Method, models.Expertise, models.Language, models.FundingRoute, models.TargetGroup)

        scheduling.register(
            scheduling.ScheduledJob(
                name="availability_reminders",
                task="drakentemmers.directory.tasks.availability_reminders",
                cron="0 9 * * mon-fri",
                working_days_only=True,
                description="Ask therapists whose availability is over 4 weeks old to confirm it (once per 4 weeks).",
            )
        )

        from drakentemmers.core import waiting

        from . import waiting as directory_waiting

        waiting.register("directory", directory_waiting.waiting_items, order=20)
        registries.home_figures_register("directory", selectors.directory_home_figures)
        from . import kpis

        kpis.register()  # the dashboard's member figures (core.kpis)
        registries.demo_seeder_register("directory", "drakentemmers.directory.demo.seed", order=20)

        for entry in (
            NavEntry(
                label=_("Find a Drakentemmer"),
                url_name="directory:search",
                visible=permissions.can_find_therapists,
                order=15,
                description=_("Search therapists by place, target group, method and availability."),
            ),
            NavEntry(
                label=_("My profile"),
                url_name="directory:my_profile",
                visible=permissions.can_edit_own_profile,
                order=20,
                description=_("Your therapist profile, availability and how complete it is."),
            ),
            NavEntry(
                label=_("Messages"),
                url_name="conversations:inbox",
                visible=permissions.can_use_inbox,
                order=40,
                description=_(
                    "Every conversation you take part in, yourself or for your organisation, with unread ones marked."
                ),
                count=permissions.inbox_unread_count,
                count_label=lambda n: (
                    ngettext("%(n)d conversation has an unread message", "%(n)d conversations have unread messages", n)
                    % {"n": n}
                ),
                count_waits=True,
            ),
            NavEntry(
                label=_("My organisation"),
                url_name="directory:organisation_mine",
                visible=permissions.can_open_own_organisation,
                order=50,
                description=_("Your organisation's details and colleagues; invite colleagues."),
            ),
            NavEntry(
                label=_("Verification"),
                url_name="directory:verification_queue",
                visible=permissions.can_verify,
                order=80,
                description=_("Check submitted therapists and organisations."),
            ),
            NavEntry(
                label=_("Join as a therapist"),
                url_name="directory:therapist_start",
                visible=permissions.can_join,
                order=10,
                in_menu=False,
                description=_("Create your therapist profile and submit it for verification."),
            ),
            NavEntry(
                label=_("Register your organisation"),
                url_name="directory:organisation_create",
                visible=permissions.can_join,
                order=11,
                in_menu=False,
                description=_("For shelters, Veilig Thuis, local teams and other organisations that need therapists."),
            ),
        ):
            navigation.register(entry)
