from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "drakentemmers.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from drakentemmers.conversations import registry as conversations
        from drakentemmers.core import navigation

        from .decorators import mfa_required
        from .permissions import can_invite

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
