from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "drakentemmers.regions"
    label = "regions"
    verbose_name = _("Regions")

    def ready(self) -> None:
        from drakentemmers.core import registries

        from .selectors import regions_home_figures

        registries.home_figures_register("regions", regions_home_figures)
