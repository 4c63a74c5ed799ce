from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "drakentemmers.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from drakentemmers.core import navigation, registries

        from .permissions import can_invite

        registries.demo_seeder_register("accounts", "drakentemmers.accounts.demo.seed", order=10)

        navigation.register(
            navigation.NavEntry(
                label=_("Invitations"),
                url_name="accounts:invitations",
                visible=can_invite,
                order=900,
                description=_("Invite a person by e-mail into a role on the platform."),
            )
        )
