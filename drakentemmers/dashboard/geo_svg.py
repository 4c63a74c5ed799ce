"""Server-side SVG shapes of the Netherlands from the simplified CBS boundaries in regions/data (no map tiles).

The GeoJSON (WGS84) is projected once per process onto a plane (equirectangular at 52.2° N, fine at country
scale) and turned into SVG path data per area code. Region divisions without a boundary file (the
women's-shelter and GHNT regions the platform team imports) are drawn as the union of their
municipalities' shapes: one path per region with one sub-path per municipality.
"""

import json
import math
from functools import cache
from pathlib import Path

from drakentemmers.regions.models import RegionKind

DATA = Path(__file__).resolve().parent.parent / "regions" / "data"
MUNICIPALITY_FILE = ("gemeenten_2025_simplified.geojson", "gemeente_code")
REGION_FILES = {
    RegionKind.VEILIG_THUIS: ("veiligthuisregios_2025_simplified.geojson", "veiligthuisregio_code"),
    RegionKind.GGD: ("ggdregios_2025_simplified.geojson", "ggdregio_code"),
    RegionKind.YOUTH_CARE: ("jeugdregios_2025_simplified.geojson", "jeugdregio_code"),
}
WIDTH = 480
COS_LAT = math.cos(math.radians(52.2))


@cache
def _features(file_name: str, code_field: str) -> dict[str, list]:
    """code -> list of polygons (each a list of rings of (lon, lat))."""
    with open(DATA / file_name, encoding="utf-8") as handle:
        collection = json.load(handle)
    shapes: dict[str, list] = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        shapes.setdefault(feature["properties"][code_field], []).extend(polygons)
    return shapes


@cache
def _frame() -> tuple[float, float, float, float]:
    """(min lon, max lat, scale, height) from the municipalities, which cover the whole country."""
    points = [
        point
        for polygons in _features(*MUNICIPALITY_FILE).values()
        for polygon in polygons
        for ring in polygon
        for point in ring
    ]
    min_lon, max_lon = min(p[0] for p in points), max(p[0] for p in points)
    min_lat, max_lat = min(p[1] for p in points), max(p[1] for p in points)
    scale = WIDTH / ((max_lon - min_lon) * COS_LAT)
    return min_lon, max_lat, scale, (max_lat - min_lat) * scale


def _path_data(polygons: list) -> str:
    min_lon, max_lat, scale, _height = _frame()
    parts = []
    for polygon in polygons:
        for ring in polygon:
            previous = None
            points = []
            for lon, lat in ring:
                point = (round((lon - min_lon) * COS_LAT * scale, 1), round((max_lat - lat) * scale, 1))
                if point != previous:
                    points.append(point)
                    previous = point
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(parts)


@cache
def municipality_paths() -> dict[str, str]:
    return {code: _path_data(polygons) for code, polygons in _features(*MUNICIPALITY_FILE).items()}


@cache
def _region_file_paths(kind: str) -> dict[str, str]:
    return {code: _path_data(polygons) for code, polygons in _features(*REGION_FILES[kind]).items()}


def region_paths(kind: str, members: dict[str, list[str]]) -> dict[str, str]:
    """Region code -> path data: from the division's own boundary file, else from its municipalities."""
    if kind in REGION_FILES:
        own = _region_file_paths(kind)
        if all(code in own for code in members):
            return {code: own[code] for code in members}
    shapes = municipality_paths()
    return {code: "".join(shapes.get(m, "") for m in municipalities) for code, municipalities in members.items()}


def view_box() -> str:
    _min_lon, _max_lat, _scale, height = _frame()
    return f"0 0 {WIDTH} {math.ceil(height)}"
