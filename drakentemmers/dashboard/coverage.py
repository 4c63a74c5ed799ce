"""The coverage map's figures: per region or municipality, coloured in classes, with a legend and data rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from drakentemmers.core import public_cache
from drakentemmers.core.kpis import kpi_get, suppressed
from drakentemmers.regions.models import Municipality, Region

from . import geo_svg
from .models import AreaLevel
from .selectors import (
    area_value,
    complementary_label,
    complementary_suppressed,
    format_value,
    local_today,
    month_period,
    month_start,
    population_by_area,
)

PER_INHABITANTS = 100_000
CLASSES = 5
MEASURES = {
    # name: (kpi key, label, per 100,000 inhabitants?)
    "therapists": ("directory.verified_therapists", gettext_lazy("Verified therapists per 100,000 inhabitants"), True),
    "availability": ("directory.fresh_availability", gettext_lazy("Therapists with fresh availability"), False),
    "unmatched": ("matching.unmatched_requests", gettext_lazy("Open requests without a match"), False),
}
DEFAULT_MEASURE = "therapists"


@dataclass
class MapArea:
    code: str
    name: str
    path: str
    display: str
    number: float | None  # what the colour is based on; None: no figure or suppressed
    css_class: str
    region_code: str = ""

    @property
    def label(self) -> str:
        return f"{self.name}: {self.display}"


@dataclass
class LegendEntry:
    css_class: str
    label: str


@dataclass
class CoverageMap:
    measure: str
    measure_label: str
    level: str
    areas: list[MapArea]
    legend: list[LegendEntry]
    view_box: str
    registered: bool
    population_loaded: bool
    per_inhabitants: bool


@dataclass(frozen=True)
class MapGeography:
    """What the map knows of the division's areas: the same for every viewer (each sees a part of it)."""

    region_population: dict[str, int]
    municipality_population: dict[str, int]
    members: dict[str, list[str]]  # region code -> its municipalities' codes
    municipality_names: list[tuple[str, str]]  # (code, name) of every municipality, by name


def map_geography(region_kind: str) -> MapGeography:
    """Populations, regions' municipalities and municipality names (4 queries), through the public data cache:
    regions and municipalities are watched models, so any change to them builds this again."""

    def build() -> MapGeography:
        region_pop, municipality_pop = population_by_area(region_kind)
        members: dict[str, list[str]] = {}
        through = Region.municipalities.through.objects.filter(region__kind=region_kind).order_by("pk")
        for code, municipality in through.values_list("region__code", "municipality__code"):
            members.setdefault(code, []).append(municipality)
        names = list(Municipality.objects.order_by("name").values_list("code", "name"))
        return MapGeography(region_pop, municipality_pop, members, names)

    return public_cache.cached_data(f"dashboard:map-geography:{region_kind}", build)


def coverage_map(*, measure: str, level: str, regions: list[Region], region_kind: str) -> CoverageMap:
    """The current month's figure per area. Regions: those given; municipalities: those in the given regions."""
    key, label, per_inhabitants = MEASURES[measure]
    kpi = kpi_get(key)
    geography = map_geography(region_kind)
    region_pop, municipality_pop = geography.region_population, geography.municipality_population
    population_loaded = any(municipality_pop.values())
    per_inhabitants = per_inhabitants and population_loaded
    if not per_inhabitants and measure == "therapists":
        label = gettext_lazy("Verified therapists")
    measurement = kpi.measure_function()(month_period(month_start(local_today()), region_kind)) if kpi else None
    chosen = {region.code for region in regions}
    members = {code: ms for code, ms in geography.members.items() if code in chosen}
    if level == AreaLevel.MUNICIPALITY:
        region_of = {m: r for r, ms in members.items() for m in ms}
        codes_names = [(code, name) for code, name in geography.municipality_names if code in region_of]
        paths = geo_svg.municipality_paths()
        population = municipality_pop
    else:
        region_of = {}
        codes_names = [(region.code, region.name) for region in regions]
        paths = geo_svg.region_paths(region_kind, members)
        population = region_pop
    hide = _complementary(kpi, measurement, codes_names, region_of) if level == AreaLevel.MUNICIPALITY else set()
    areas = []
    for code, name in codes_names:
        value = area_value(kpi, measurement, code) if measurement else None
        hidden = value is not None and (code in hide or suppressed(kpi, value))
        number = None if value is None or value.value is None or hidden else float(value.value)
        if number is not None and per_inhabitants:
            number = number / population[code] * PER_INHABITANTS if population.get(code) else None
        display = format_value(kpi, value) if kpi else _("no data yet")
        if code in hide:
            display = complementary_label()
        if per_inhabitants and number is not None:
            display = _("%(rate)s per 100,000 inhabitants (%(count)s)") % {
                "rate": formats.number_format(number, 1, use_l10n=True),
                "count": display,
            }
        areas.append(
            MapArea(
                code=code,
                name=name,
                path=paths.get(code, ""),
                display=display,
                number=number,
                css_class="",
                region_code=region_of.get(code, ""),
            )
        )
    legend = _classify(areas, suppressed_possible=bool(kpi and kpi.about_clients))
    return CoverageMap(
        measure=measure,
        measure_label=str(label),
        level=level,
        areas=areas,
        legend=legend,
        view_box=geo_svg.view_box(),
        registered=kpi is not None,
        population_loaded=population_loaded,
        per_inhabitants=per_inhabitants,
    )


def _complementary(kpi, measurement, codes_names, region_of: dict[str, str]) -> set[str]:
    """Municipalities to hide besides the small ones, region by region (the region map shows the totals)."""
    if kpi is None or measurement is None:
        return set()
    by_region: dict[str, dict] = {}
    for code, _name in codes_names:
        by_region.setdefault(region_of.get(code, ""), {})[code] = area_value(kpi, measurement, code)
    hide: set[str] = set()
    for region_code, parts in by_region.items():
        if region_code:
            hide |= complementary_suppressed(kpi, parts, area_value(kpi, measurement, region_code))
    return hide


def _classify(areas: list[MapArea], *, suppressed_possible: bool) -> list[LegendEntry]:
    """Equal-width classes from 0 to the highest value; zero has its own class."""
    top = max((area.number for area in areas if area.number is not None), default=0)
    step = top / CLASSES if top else 1
    for area in areas:
        if area.number is None:
            area.css_class = "dt-map__area--none"
        elif area.number == 0:
            area.css_class = "dt-map__area--0"
        else:
            area.css_class = f"dt-map__area--{min(CLASSES, int(area.number // step) + 1)}"
    legend = [LegendEntry("dt-map__area--0", "0")]
    for index in range(1, CLASSES + 1 if top else 1):  # all zero (or hidden): no classes to explain
        low, high = (index - 1) * step, index * step
        legend.append(
            LegendEntry(
                f"dt-map__area--{index}",
                _("%(low)s to %(high)s") % {"low": _decimal(low, step), "high": _decimal(high, step)},
            )
        )
    legend.append(
        LegendEntry(
            "dt-map__area--none", _("fewer than 5, not shown, or no data") if suppressed_possible else _("no data")
        )
    )
    return legend


def _decimal(value: float, step: float) -> str:
    """Enough decimals that neighbouring class bounds differ (0,02 to 0,04; 2,5 to 5,0; 20 to 40)."""
    decimals = 2 if step < 1 else 1 if step < 10 else 0
    return formats.number_format(value, decimals, use_l10n=True)
