from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "drakentemmers.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from drakentemmers.core import navigation

        from .permissions import can_invite, can_query_access_log

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
