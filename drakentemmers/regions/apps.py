from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "drakentemmers.regions"
    label = "regions"
    verbose_name = _("Regions")

    def ready(self) -> None:
        from drakentemmers.core.privacy import allowlist

        from .selectors import known_place_names, known_place_names_version

        allowlist.register_known_terms("places", known_place_names, version=known_place_names_version)
