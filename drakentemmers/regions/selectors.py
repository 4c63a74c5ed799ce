"""Resolving what people type (a postcode or a place) to a municipality, its regions and coordinates."""

import math
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import CharField, Max, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from .models import Municipality, PostcodeArea, Province, Region, RegionKind, RegionSettings

EARTH_RADIUS_KM = 6371.0088
# Letter pairs never used in Dutch postcodes.
FORBIDDEN_POSTCODE_LETTERS = {"SA", "SD", "SS"}
POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*(?:([A-Za-z]{2}))?\s*$")
# Names people use that differ from the official municipality name.
MUNICIPALITY_ALIASES = {
    "den haag": "'s-Gravenhage",
    "the hague": "'s-Gravenhage",
    "den bosch": "'s-Hertogenbosch",
    "s-hertogenbosch": "'s-Hertogenbosch",
    "s-gravenhage": "'s-Gravenhage",
}


@dataclass(frozen=True)
class Place:
    """A resolved location: a postcode-4 area or a municipality. Never more precise than PC4."""

    label: str
    municipality: Municipality
    province: Province
    latitude: float
    longitude: float
    postcode: str = ""

    def regions(self) -> list[Region]:
        return list(self.municipality.regions.order_by("kind", "name"))


def _normalise(value: str) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", value.replace("’", "'")).strip().lower()


def parse_postcode(value: str) -> str:
    """Return the 4-digit part of a Dutch postcode, or raise ValidationError with a clear message."""
    match = POSTCODE_RE.match(value or "")
    if not match:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid postcode. "
                "Use four digits, optionally followed by two letters, e.g. 1234 AB."
            ),
            code="invalid_postcode",
            params={"value": value},
        )
    letters = (match.group(2) or "").upper()
    if letters in FORBIDDEN_POSTCODE_LETTERS:
        raise ValidationError(
            _("“%(value)s” is not a valid postcode: the letters %(letters)s are never used."),
            code="invalid_postcode",
            params={"value": value, "letters": letters},
        )
    return match.group(1)


def looks_like_postcode(value: str) -> bool:
    return bool(re.match(r"^\s*\d", value or ""))


def place_resolve(query: str) -> Place:
    """Resolve a postcode ("1234", "1234 AB") or a municipality or place name to a Place.

    Raises ValidationError (translated) for an invalid or unknown postcode or an unknown place.
    """
    query = (query or "").strip()
    if not query:
        raise ValidationError(_("Enter a postcode or a municipality."), code="required")
    if looks_like_postcode(query):
        code = parse_postcode(query)
        area = PostcodeArea.objects.select_related("municipality__province").filter(code=code).first()
        if area is None:
            raise ValidationError(
                _("Postcode %(code)s is not known to us. Check the postcode or enter the municipality."),
                code="unknown_postcode",
                params={"code": code},
            )
        return Place(
            label=f"{area.code} {area.place_name}",
            municipality=area.municipality,
            province=area.municipality.province,
            latitude=area.latitude,
            longitude=area.longitude,
            postcode=area.code,
        )
    municipality = municipality_by_name(query)
    if municipality is not None:
        return Place(
            label=municipality.name,
            municipality=municipality,
            province=municipality.province,
            latitude=municipality.latitude,
            longitude=municipality.longitude,
        )
    # A place (woonplaats) that is not a municipality: take its most populous postcode area.
    area = (
        PostcodeArea.objects.select_related("municipality__province")
        .filter(place_name__iexact=query)
        .order_by("-population")
        .first()
    )
    if area is None:
        raise ValidationError(
            _("We do not know a municipality or place called “%(value)s”."),
            code="unknown_place",
            params={"value": query},
        )
    return Place(
        label=f"{area.place_name} ({area.municipality.name})",
        municipality=area.municipality,
        province=area.municipality.province,
        latitude=area.latitude,
        longitude=area.longitude,
    )


def municipality_by_name(name: str) -> Municipality | None:
    wanted = _normalise(name)
    wanted = _normalise(MUNICIPALITY_ALIASES.get(wanted, wanted))
    candidates = Municipality.objects.select_related("province").filter(is_active=True)
    exact = candidates.filter(name__iexact=name.strip()).first()
    if exact:
        return exact
    for municipality in candidates.only("id", "name", "province", "latitude", "longitude"):
        if _normalise(municipality.name) == wanted:
            return municipality
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def distance_km(a: Place | str, b: Place | str) -> float:
    """Great-circle distance in km between two places (resolved from text if needed), one decimal."""
    place_a = a if isinstance(a, Place) else place_resolve(a)
    place_b = b if isinstance(b, Place) else place_resolve(b)
    return round(haversine_km(place_a.latitude, place_a.longitude, place_b.latitude, place_b.longitude), 1)


def reporting_region_kind() -> str:
    """The division coordinators and figures use, as the platform team set it (Veilig Thuis until then)."""
    stored = RegionSettings.objects.filter(pk=RegionSettings.SINGLETON_PK).values_list("reporting_kind", flat=True)
    return next(iter(stored), None) or RegionKind.VEILIG_THUIS


def reporting_region_kind_expression() -> Coalesce:
    """`reporting_region_kind()` as an SQL expression, so a query reads the unit without a query of its own."""
    chosen = RegionSettings.objects.filter(pk=RegionSettings.SINGLETON_PK).values("reporting_kind")[:1]
    return Coalesce(Subquery(chosen), Value(RegionKind.VEILIG_THUIS), output_field=CharField())


def reporting_regions():
    """The regions of the reporting unit, by name: one query, the unit read in a subquery (so a form can hold it)."""
    return Region.objects.filter(kind=reporting_region_kind_expression()).order_by("name")


def known_place_names() -> list[str]:
    """Every province, region, municipality and place name: the privacy guard does not take them for a person."""
    names: set[str] = set(Province.objects.values_list("name", flat=True))
    names.update(Region.objects.values_list("name", flat=True))
    names.update(Municipality.objects.values_list("name", flat=True))
    names.update(PostcodeArea.objects.values_list("place_name", flat=True).distinct())
    return sorted(name for name in names if name)


def known_place_names_version() -> tuple:
    """Changes whenever the names above may have changed (a load adds or removes rows)."""
    return tuple(
        (model.objects.count(), model.objects.aggregate(top=Max("pk"))["top"])
        for model in (Province, Region, Municipality, PostcodeArea)
    )


def regions_home_figures() -> dict[str, int]:
    """The region divisions for the public home page (registered with core in RegionsConfig.ready). 1 query.

    The counts of municipalities and postcode areas are no longer shown (issue 22: they tell a visitor nothing).
    """
    from django.db.models import Count

    from .models import RegionKind

    regions = dict(Region.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return {
        "ghnt_regions": regions.get(RegionKind.GHNT, 0),
        "shelter_regions": regions.get(RegionKind.WOMENS_SHELTER, 0),
        "veilig_thuis_regions": regions.get(RegionKind.VEILIG_THUIS, 0),
    }


def municipality_areas(region_kind: str) -> tuple[dict[int, str], dict[int, str]]:
    """For key figures: municipality id -> code of its region of `region_kind`, and id -> CBS code. 2 queries.

    A municipality in two regions of one division (an import may allow it) counts in the first by code.
    Computed once per `core.kpis.measuring()` block: every figure of a dashboard needs it.
    """
    from drakentemmers.core.kpis import kpi_memo

    return kpi_memo(("regions.municipality_areas", region_kind), lambda: _municipality_areas(region_kind))


def _municipality_areas(region_kind: str) -> tuple[dict[int, str], dict[int, str]]:
    region_of: dict[int, str] = {}
    pairs = Region.municipalities.through.objects.filter(region__kind=region_kind).order_by("region__code")
    for municipality_id, code in pairs.values_list("municipality_id", "region__code"):
        region_of.setdefault(municipality_id, code)
    code_of = dict(Municipality.objects.values_list("id", "code"))
    return region_of, code_of
