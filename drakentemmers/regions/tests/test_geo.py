import pytest

from drakentemmers.regions import geo
from drakentemmers.regions.models import PostcodeArea
from drakentemmers.regions.selectors import haversine_km

pytestmark = pytest.mark.django_db

AMSTERDAM = (52.37194, 4.90553)  # centre of PC4 1011


def test_sql_distance_agrees_with_haversine_across_the_country():
    rows = PostcodeArea.objects.annotate(km=geo.distance_km(*AMSTERDAM)).values_list("latitude", "longitude", "km")
    worst = max(
        abs(km - haversine_km(*AMSTERDAM, lat, lon)) / max(haversine_km(*AMSTERDAM, lat, lon), 1.0)
        for lat, lon, km in rows
    )
    assert len(rows) == 4067
    assert worst < 0.005  # under 0.5 % for every postcode area, Maastricht and the Wadden included


@pytest.mark.parametrize("radius_km", [5, 25, 100])
def test_bounding_box_keeps_everything_within_the_radius(radius_km):
    in_box = set(PostcodeArea.objects.filter(geo.bounding_box(*AMSTERDAM, radius_km)).values_list("code", flat=True))
    within = {
        code
        for code, lat, lon in PostcodeArea.objects.values_list("code", "latitude", "longitude")
        if haversine_km(*AMSTERDAM, lat, lon) <= radius_km * 0.999
    }
    assert within and within <= in_box
    assert len(in_box) < PostcodeArea.objects.count()
