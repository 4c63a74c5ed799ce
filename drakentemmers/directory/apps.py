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


def _unread_messages(user) -> int:
    from drakentemmers.conversations.selectors import unread_count_for_user

    return unread_count_for_user(user)


def _organisation_staff(organisation):
    """Who acts for an organisation in its threads: its members with the staff role, while it is verified."""
    from drakentemmers.accounts.models import Role, User

    from .models import VerificationStatus

    if organisation.status != VerificationStatus.VERIFIED:
        return User.objects.none()
    return User.objects.filter(
        is_active=True, organisation_memberships__organisation=organisation, role_grants__role=Role.ORG_STAFF
    ).distinct()


def _organisations_of(user):
    from drakentemmers.accounts.models import Role

    from .models import Organisation, VerificationStatus

    if not user.is_authenticated or not user.has_role(Role.ORG_STAFF):
        return Organisation.objects.none()
    return Organisation.objects.filter(status=VerificationStatus.VERIFIED, memberships__user=user)


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
        from drakentemmers.conversations import registry as conversations
        from drakentemmers.core import navigation
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

        conversations.register_party_resolver(
            models.Organisation, _organisation_staff, parties_of=_organisations_of, label=lambda org: org.name
        )
        conversations.register_thread_kind(conversations.ThreadKind(key=services.messages.CONTACT_THREAD_KIND))

        personal_data.register("directory", exporter=services.personal_data_export, eraser=services.personal_data_erase)

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
                url_name="conversations:inbox",
                visible=_uses_inbox,
                order=40,
                description=_(
                    "Every conversation you take part in, yourself or for your organisation, with unread ones marked."
                ),
                count=_unread_messages,
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
