from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "drakentemmers.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from drakentemmers.conversations import registry as conversations
        from drakentemmers.core import navigation, registries
        from drakentemmers.core.health import health_details_viewer_register

        from .decorators import mfa_required
        from .permissions import can_invite, can_query_access_log, can_view_health_details

        authenticator_added.connect(_authenticator_added, dispatch_uid="accounts_session_record_mfa")
        from . import security_events

        security_events.connect()
        health_details_viewer_register(can_view_health_details)

        registries.demo_seeder_register("accounts", "drakentemmers.accounts.demo.seed", order=10)

        # Threads may hold what organisations and therapists discuss about a client: two-factor first.
        conversations.register_view_guard(mfa_required)

        from drakentemmers.conversations import personal_data as conversation_data

        from . import personal_data

        personal_data.register(
            "conversations",
            exporter=conversation_data.personal_data_export,
            eraser=conversation_data.personal_data_erase,
        )

        navigation.register(
            navigation.NavEntry(
                label=_("Invitations"),
                url_name="accounts:invitations",
                visible=can_invite,
                order=900,
                description=_("Invite a person by e-mail into a role on the platform."),
            )
        )
        navigation.register(
            navigation.NavEntry(
                label=_("Access log"),
                url_name="platform:access_log",
                visible=can_query_access_log,
                order=910,
                description=_("Who read which confidential record, and when (NEN 7513)."),
            )
        )
        # Entries behind the second factor show only to a session that passed it: a frame per answer.
        from .mfa import user_passed_mfa

        navigation.vary_frame_on(user_passed_mfa)


def _authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up TOTP or a security key proves the factor: this session has passed MFA."""
    from .mfa import session_record_mfa

    session_record_mfa(request=request, user=user, authenticator=authenticator)
