from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_therapist(user) -> bool:
    from drakentemmers.accounts.models import Role

    return user.has_role(Role.THERAPIST)


def _has_no_role(user) -> bool:
    return not user.roles


def _uses_inbox(user) -> bool:
    from drakentemmers.accounts.models import Role

    return user.has_role(Role.THERAPIST, Role.ORG_STAFF)


def _is_org_staff(user) -> bool:
    from drakentemmers.accounts.models import Role

    return user.has_role(Role.ORG_STAFF)


def _can_verify(user) -> bool:
    from drakentemmers.accounts.models import Role

    return user.has_role(Role.VERIFIER, Role.ADMINISTRATOR)


def _can_search(user) -> bool:
    from .permissions import can_search_therapists, can_see_colleagues

    return can_search_therapists(user) or can_see_colleagues(user)


class DirectoryConfig(AppConfig):
    name = "drakentemmers.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from drakentemmers.accounts import personal_data
        from drakentemmers.core import navigation, scheduling
        from drakentemmers.core.navigation import NavEntry

        from . import models, services

        audited = ["status", "verification_method", "verified_at", "verified_by", "rejection_reason"]
        auditlog.register(
            models.TherapistProfile,
            include_fields=[*audited, "profession", "registration_kind", "big_number", "registration_number"],
        )
        auditlog.register(models.Organisation, include_fields=[*audited[:1], *audited[2:], "kvk_number", "name"])
        auditlog.register(models.OrganisationMembership)
        auditlog.register(models.OrganisationInvitation, exclude_fields=["token"])

        personal_data.register("directory", exporter=services.personal_data_export, eraser=services.personal_data_erase)

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

        for entry in (
            NavEntry(
                label=_("Find a Drakentemmer"),
                url_name="directory:search",
                visible=_can_search,
                order=15,
                description=_("Search therapists by place, target group, method and availability."),
            ),
            NavEntry(
                label=_("My profile"),
                url_name="directory:my_profile",
                visible=_is_therapist,
                order=20,
                description=_("Your therapist profile, availability and how complete it is."),
            ),
            NavEntry(
                label=_("Messages"),
                url_name="directory:inbox",
                visible=_uses_inbox,
                order=40,
                description=_("Messages between therapists and organisations, inside the platform."),
            ),
            NavEntry(
                label=_("My organisation"),
                url_name="directory:organisation_mine",
                visible=_is_org_staff,
                order=50,
                description=_("Your organisation's details and colleagues; invite colleagues."),
            ),
            NavEntry(
                label=_("Verification"),
                url_name="directory:verification_queue",
                visible=_can_verify,
                order=80,
                description=_("Check submitted therapists and organisations."),
            ),
            NavEntry(
                label=_("Join as a therapist"),
                url_name="directory:therapist_start",
                visible=_has_no_role,
                order=10,
                in_menu=False,
                description=_("Create your therapist profile and submit it for verification."),
            ),
            NavEntry(
                label=_("Register your organisation"),
                url_name="directory:organisation_create",
                visible=_has_no_role,
                order=11,
                in_menu=False,
                description=_("For shelters, Veilig Thuis, local teams and other organisations that need therapists."),
            ),
        ):
            navigation.register(entry)
