"""Search ("Vind een Drakentemmer") and the candidate ranking share one reach and one freshness rule.

A therapist the ranking can find is found by search for the same place, and the other way round, right
up to the edge of the maximum radius; availability turns stale at the same moment for both.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from drakentemmers.directory.models import (
    AVAILABILITY_STALE_AFTER_DAYS,
    MAX_TRAVEL_RADIUS_KM,
    TherapistProfile,
)
from drakentemmers.directory.selectors import SearchCriteria, therapist_search_queryset
from drakentemmers.matching.ranking import rank_candidates, ranked_queryset
from drakentemmers.matching.tests.ranking_support import BASE_LAT, BASE_LON, criteria, make_therapist
from drakentemmers.regions import geo
from drakentemmers.regions.models import Municipality
from drakentemmers.regions.selectors import Place

pytestmark = pytest.mark.django_db


def _north(km: float) -> tuple[tuple[float, float]]:
    return ((BASE_LAT + km / geo.KM_PER_DEGREE, BASE_LON),)


def _search_ids(**fields) -> set[int]:
    municipality = Municipality.objects.select_related("province").order_by("pk").first()
    place = Place(
        label="Utrecht",
        municipality=municipality,
        province=municipality.province,
        latitude=BASE_LAT,
        longitude=BASE_LON,
    )
    queryset = therapist_search_queryset(viewer=None, criteria=SearchCriteria(place=place, **fields))
    return set(queryset.values_list("pk", flat=True))


def _ranking_ids(**fields) -> set[int]:
    return {c.therapist_id for c in rank_candidates(criteria(**fields), limit=100)}


def test_both_find_the_same_therapists_up_to_the_maximum_radius():
    at_the_edge = make_therapist(locations=_north(MAX_TRAVEL_RADIUS_KM - 1), travel_radius_km=MAX_TRAVEL_RADIUS_KM)
    just_beyond = make_therapist(locations=_north(MAX_TRAVEL_RADIUS_KM + 1), travel_radius_km=MAX_TRAVEL_RADIUS_KM)
    # 150 km away with a 200 km radius: the ranking found them, the search (then capped at 100 km) did not.
    far_but_willing = make_therapist(locations=_north(150), travel_radius_km=200)
    out_of_own_reach = make_therapist(locations=_north(150), travel_radius_km=149)
    expected = {at_the_edge.pk, far_but_willing.pk}
    assert _ranking_ids() == expected
    assert _search_ids() == expected
    assert just_beyond.pk not in _search_ids(max_distance_km=MAX_TRAVEL_RADIUS_KM + 50)
    assert just_beyond.pk not in _ranking_ids(max_distance_km=MAX_TRAVEL_RADIUS_KM + 50)
    assert out_of_own_reach.pk in _ranking_ids(max_distance_km=200) & _search_ids(max_distance_km=200)


@pytest.mark.parametrize(("age", "stale"), [(timedelta(hours=-1), False), (timedelta(hours=1), True)])
def test_availability_turns_stale_at_the_same_moment_everywhere(age, stale):
    now = timezone.now()
    therapist = make_therapist(confirmed_days_ago=None)
    TherapistProfile.objects.filter(pk=therapist.pk).update(
        availability_confirmed_at=now - timedelta(days=AVAILABILITY_STALE_AFTER_DAYS) - age
    )
    therapist.refresh_from_db()
    assert therapist.availability_is_stale is stale
    [row] = ranked_queryset(criteria(), now=now)
    assert bool(row["is_stale"]) is stale
    [found] = therapist_search_queryset(viewer=None, criteria=SearchCriteria())
    assert bool(found.is_fresh) is not stale
