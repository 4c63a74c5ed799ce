"""Distances in SQL, for filtering and ranking on the database side (SQLite and PostgreSQL alike).

Equirectangular approximation with the cosine taken at the mean latitude of the two points (a second-order
expansion around the query point, so no trigonometry runs in SQL: SQLite has none by default). Across the
Netherlands (about 300 km) the error against the great-circle distance stays far below 1 %.
"""

import math

from django.db.models import ExpressionWrapper, F, FloatField, Q, Value
from django.db.models.functions import Sqrt

from .selectors import EARTH_RADIUS_KM

KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180


def distance_sq_km2(latitude: float, longitude: float, *, prefix: str = "") -> ExpressionWrapper:
    """Squared km between (latitude, longitude) and a row's `<prefix>latitude`/`<prefix>longitude`.

    Squared, so that comparisons with a radius need no square root; use `distance_km` to show a value.
    """
    phi0 = math.radians(latitude)
    cos0, sin0 = math.cos(phi0), math.sin(phi0)
    row_latitude, row_longitude = F(f"{prefix}latitude"), F(f"{prefix}longitude")
    # Half the latitude difference in radians: the mean latitude is phi0 + delta.
    delta = (row_latitude - Value(latitude)) * Value(math.pi / 360)
    cos_mean = Value(cos0) - Value(sin0) * delta - Value(cos0 / 2) * delta * delta
    dy = (row_latitude - Value(latitude)) * Value(KM_PER_DEGREE)
    dx = (row_longitude - Value(longitude)) * Value(KM_PER_DEGREE) * cos_mean
    return ExpressionWrapper(dy * dy + dx * dx, output_field=FloatField())


def distance_km(latitude: float, longitude: float, *, prefix: str = "") -> Sqrt:
    return Sqrt(distance_sq_km2(latitude, longitude, prefix=prefix), output_field=FloatField())


def bounding_box(latitude: float, longitude: float, radius_km: float, *, prefix: str = "") -> Q:
    """A latitude/longitude box that contains every point within radius_km; the (latitude, longitude)
    index answers it. The longitude span uses the box's widest latitude, so no point in reach is cut off."""
    dlat = radius_km / KM_PER_DEGREE
    widest_cos = math.cos(math.radians(min(89.0, abs(latitude) + dlat)))
    dlon = radius_km / (KM_PER_DEGREE * widest_cos)
    return Q(
        **{
            f"{prefix}latitude__gte": latitude - dlat,
            f"{prefix}latitude__lte": latitude + dlat,
            f"{prefix}longitude__gte": longitude - dlon,
            f"{prefix}longitude__lte": longitude + dlon,
        }
    )
