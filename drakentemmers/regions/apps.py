from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "drakentemmers.regions"
    label = "regions"
    verbose_name = _("Regions")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from drakentemmers.core import cached_choices, navigation, public_cache
        from drakentemmers.core.navigation import NavEntry

        from . import models
        from .permissions import can_manage_regions

        # Who changed the reporting unit, and when: the figures funders see depend on it.
        auditlog.register(models.RegionSettings, include_fields=["reporting_kind", "updated_by"])
        # The home page and the network figures count these (regions_load bulk-writes and bumps it itself).
        public_cache.watch_models(
            models.Province, models.Municipality, models.PostcodeArea, models.Region, models.RegionSettings
        )
        # The search form's region list: the regions of the reporting unit, which RegionSettings chooses.
        cached_choices.watch_dependent(models.Region, changed_by=models.RegionSettings)
        navigation.register(
            NavEntry(
                label=_("Region divisions"),
                url_name="regions:overview",
                visible=can_manage_regions,
                order=85,
                description=_("Import region divisions, check their coverage and choose the reporting unit."),
            )
        )

        from drakentemmers.core.privacy import allowlist

        from .selectors import known_place_names, known_place_names_version

        allowlist.register_known_terms("places", known_place_names, version=known_place_names_version)

        from drakentemmers.core import registries

        from .selectors import regions_home_figures

        registries.home_figures_register("regions", regions_home_figures)
