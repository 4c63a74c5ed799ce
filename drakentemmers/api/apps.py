from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API (/api/v1/), its HSDS export and the personal API tokens of the account page."""

    name = "drakentemmers.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from drakentemmers.accounts import personal_data
        from drakentemmers.core import navigation
        from drakentemmers.core.navigation import NavEntry

        from . import models, permissions, services

        # Making and revoking tokens is audited; the hash never enters the audit log.
        auditlog.register(models.ApiToken, exclude_fields=["token_hash", "last_used_at"])
        personal_data.register(
            "api",
            exporter=services.personal_data_export,
            eraser=services.personal_data_erase,
            records=services.personal_data_records,
        )
        navigation.register(
            NavEntry(
                label=_("API tokens"),
                url_name="api:tokens",
                visible=permissions.can_manage_api_tokens,
                order=90,
                in_menu=False,
                description=_("Connect your own system to Drakentemmers with a personal API token."),
            )
        )
