"""Property-based tests of the ranking: random small therapist sets and criteria, checked against an
independent Python model (haversine distance, the score policy written out again)."""

import itertools
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drakentemmers.directory.models import AVAILABILITY_STALE_AFTER_DAYS, TherapistProfile
from drakentemmers.matching import ranking
from drakentemmers.matching.ranking import Candidate, rank_candidates
from drakentemmers.matching.tests.ranking_support import (
    BASE_LAT,
    BASE_LON,
    criteria,
    make_open_candidacies,
    make_organisation,
    make_therapist,
    make_vocabularies,
)
from drakentemmers.regions.selectors import haversine_km

AGE_BANDS = ("0-4", "4-12", "12-18", "18+")
SETTINGS = ("in_shelter", "outpatient", "online")
# Equirectangular vs great circle differ by far less than this inside the Netherlands; therapists this
# close to their limit may fall either side, so completeness is only asserted outside the margin.
BOUNDARY_MARGIN_KM = 0.5

therapist_strategy = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["verified", "verified", "verified", "submitted"]),
        "accepting": st.sampled_from(["yes", "limited", "no"]),
        "waiting_weeks": st.integers(0, 30),
        "confirmed_days_ago": st.sampled_from([None, 0, 5, 27, 35, 90]),
        "settings": st.sets(st.sampled_from(SETTINGS), min_size=1),
        "ages": st.sets(st.sampled_from(AGE_BANDS), min_size=1),
        "target_groups": st.sets(st.integers(0, 2)),
        "languages": st.sets(st.integers(0, 2)),
        "funding_routes": st.sets(st.integers(0, 2)),
        "methods": st.sets(st.integers(0, 3)),
        "expertise": st.sets(st.integers(0, 2)),
        "travel_radius_km": st.integers(1, 80),
        "locations": st.lists(st.tuples(st.floats(-0.7, 0.7), st.floats(-1.1, 1.1)), min_size=1, max_size=2),
        "open_candidacies": st.sampled_from([0, 0, 1, 3, 4]),
    }
)

criteria_strategy = st.fixed_dictionaries(
    {
        "age_bands": st.sets(st.sampled_from(AGE_BANDS), max_size=2),
        "target_groups": st.sets(st.integers(0, 2), max_size=2),
        "setting": st.sampled_from(SETTINGS),
        "languages": st.sets(st.integers(0, 2), max_size=2),
        "funding_routes": st.sets(st.integers(0, 2), max_size=2),
        "methods": st.sets(st.integers(0, 3), max_size=3),
        "expertise": st.sets(st.integers(0, 2), max_size=2),
        "place": st.tuples(st.floats(-0.4, 0.4), st.floats(-0.6, 0.6)),
        "max_distance_km": st.none() | st.integers(5, 120),
        "urgency": st.sampled_from(ranking.URGENCIES),
        "exclude": st.sets(st.integers(0, 9), max_size=3),
    }
)


@dataclass
class World:
    criteria: ranking.Criteria
    specs: dict[int, dict] = field(default_factory=dict)  # therapist id -> generated data
    vocab: dict[str, list] = field(default_factory=dict)


def build_world(therapists: list[dict], wanted: dict) -> World:
    vocab = make_vocabularies()
    organisation = make_organisation()
    world = World(criteria=None, vocab=vocab)
    for spec in therapists:
        profile = make_therapist(
            status=spec["status"],
            accepting=spec["accepting"],
            waiting_weeks=spec["waiting_weeks"],
            confirmed_days_ago=spec["confirmed_days_ago"],
            travel_radius_km=spec["travel_radius_km"],
            locations=tuple((BASE_LAT + dlat, BASE_LON + dlon) for dlat, dlon in spec["locations"]),
            **{f"offers_{setting}": setting in spec["settings"] for setting in SETTINGS},
            **{ranking.AGE_BAND_FIELDS[band]: band in spec["ages"] for band in AGE_BANDS},
            **{key: [vocab[key][i] for i in spec[key]] for key in _VOCAB_KEYS},
        )
        make_open_candidacies(profile, spec["open_candidacies"], organisation=organisation)
        world.specs[profile.pk] = spec
    therapist_ids = list(world.specs)
    online = wanted["setting"] == "online"
    world.criteria = criteria(
        age_bands=tuple(sorted(wanted["age_bands"])),
        target_group_ids=_ids(vocab["target_groups"], wanted["target_groups"]),
        setting=wanted["setting"],
        language_ids=_ids(vocab["languages"], wanted["languages"]),
        funding_ids=_ids(vocab["funding_routes"], wanted["funding_routes"]),
        method_ids=_ids(vocab["methods"], wanted["methods"]),
        expertise_ids=_ids(vocab["expertise"], wanted["expertise"]),
        latitude=None if online else BASE_LAT + wanted["place"][0],
        longitude=None if online else BASE_LON + wanted["place"][1],
        max_distance_km=wanted["max_distance_km"],
        urgency=wanted["urgency"],
        exclude_therapist_ids=tuple(therapist_ids[i] for i in sorted(wanted["exclude"]) if i < len(therapist_ids)),
    )
    return world


_VOCAB_KEYS = ("target_groups", "languages", "funding_routes", "methods", "expertise")


def _ids(rows: list, indices: set[int]) -> tuple[int, ...]:
    return tuple(rows[i].pk for i in sorted(indices))


def nearest_km(world: World, spec: dict) -> float | None:
    if world.criteria.setting == "online":
        return None
    c = world.criteria
    return min(haversine_km(c.latitude, c.longitude, BASE_LAT + a, BASE_LON + b) for a, b in spec["locations"])


def reach_km(world: World, spec: dict) -> float:
    c = world.criteria
    return c.max_distance_km if c.max_distance_km is not None else spec["travel_radius_km"]


def passes_filters_except_distance(world: World, therapist_id: int) -> bool:
    spec, c = world.specs[therapist_id], world.criteria
    wanted = {key: set(getattr(c, attr)) for key, attr in _CRITERIA_ATTRS.items()}
    has = {key: {world.vocab[key][i].pk for i in spec[key]} for key in _VOCAB_KEYS}
    return (
        spec["status"] == "verified"
        and spec["accepting"] != "no"
        and c.setting in spec["settings"]
        and set(c.age_bands) <= spec["ages"]
        and wanted["target_groups"] <= has["target_groups"]
        and (not wanted["languages"] or bool(wanted["languages"] & has["languages"]))
        and (not wanted["funding_routes"] or bool(wanted["funding_routes"] & has["funding_routes"]))
        and therapist_id not in c.exclude_therapist_ids
    )


_CRITERIA_ATTRS = {
    "target_groups": "target_group_ids",
    "languages": "language_ids",
    "funding_routes": "funding_ids",
}


def expected_score(world: World, therapist_id: int) -> float:
    spec, c = world.specs[therapist_id], world.criteria
    score = 0.0
    for key, wanted_ids, weight in (
        ("methods", c.method_ids, ranking.METHOD_FIT_WEIGHT),
        ("expertise", c.expertise_ids, ranking.EXPERTISE_FIT_WEIGHT),
    ):
        if wanted_ids:
            has = {world.vocab[key][i].pk for i in spec[key]}
            score += weight * len(has & set(wanted_ids)) / len(set(wanted_ids))
    score -= ranking.WAIT_PENALTY_PER_WEEK[c.urgency] * min(spec["waiting_weeks"], ranking.WAIT_PENALTY_CAP_WEEKS)
    score -= ranking.STALE_AVAILABILITY_PENALTY if is_stale(spec) else 0
    score -= ranking.LIMITED_PLACES_PENALTY if spec["accepting"] == "limited" else 0
    score -= ranking.LOAD_PENALTY_PER_CANDIDACY * min(spec["open_candidacies"], ranking.LOAD_PENALTY_CAP)
    distance = nearest_km(world, spec)
    if distance is not None:
        score -= ranking.DISTANCE_PENALTY_PER_KM * distance
    return score


def is_stale(spec: dict) -> bool:
    days = spec["confirmed_days_ago"]
    return days is None or days > AVAILABILITY_STALE_AFTER_DAYS


def expected_reasons(world: World, candidate: Candidate) -> tuple[str, ...]:
    """The reasons the data calls for (English interface); the distance text is checked on its own."""
    spec, c = world.specs[candidate.therapist_id], world.criteria
    reasons = []
    for key, wanted_ids in (("methods", c.method_ids), ("expertise", c.expertise_ids)):
        matched = [term for i, term in enumerate(world.vocab[key]) if i in spec[key] and term.pk in wanted_ids]
        reasons += [f"{term.name_en} ✓" for term in sorted(matched, key=lambda t: (t.name_nl, t.pk))]
    distance = nearest_km(world, spec)
    if distance is None:
        reasons.append("online")
    else:
        shown = next(r for r in candidate.reasons if r.endswith(" km"))
        assert abs(int(shown.removesuffix(" km")) - distance) <= 1, (shown, distance)
        reasons.append(shown)
    weeks = spec["waiting_weeks"]
    reasons.append("no waiting time" if weeks == 0 else f"waiting time {weeks} week{'s' if weeks != 1 else ''}")
    if spec["accepting"] == "limited":
        reasons.append("limited places")
    if is_stale(spec):
        reasons.append("availability out of date")
    if spec["open_candidacies"] >= ranking.BUSY_CANDIDACIES:
        reasons.append("many open invitations")
    return tuple(reasons)


def check_world(world: World) -> None:
    first = rank_candidates(world.criteria, limit=100)
    # deterministic: the same input gives the same output, and a shorter limit is a prefix
    assert rank_candidates(world.criteria, limit=100) == first
    assert rank_candidates(world.criteria, limit=3) == first[:3]
    returned = {candidate.therapist_id for candidate in first}

    for candidate in first:
        spec = world.specs[candidate.therapist_id]
        # hard filters are never violated
        assert passes_filters_except_distance(world, candidate.therapist_id), spec
        distance = nearest_km(world, spec)
        if distance is None:
            assert candidate.distance_km is None
        else:
            assert distance <= reach_km(world, spec) + BOUNDARY_MARGIN_KM
            assert abs(candidate.distance_km - distance) <= 1
        assert candidate.waiting_weeks == spec["waiting_weeks"]
        assert candidate.score == pytest.approx(expected_score(world, candidate.therapist_id), abs=0.03)
        assert candidate.reasons == expected_reasons(world, candidate)

    # nobody who clearly qualifies is left out
    for therapist_id, spec in world.specs.items():
        distance = nearest_km(world, spec)
        clearly_in_reach = distance is None or distance <= reach_km(world, spec) - BOUNDARY_MARGIN_KM
        if passes_filters_except_distance(world, therapist_id) and clearly_in_reach:
            assert therapist_id in returned, spec

    # best first; equal scores in id order
    for a, b in itertools.pairwise(first):
        assert (-a.score, a.therapist_id) < (-b.score, b.therapist_id)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(therapists=st.lists(therapist_strategy, max_size=10), wanted=criteria_strategy)
def test_ranking_respects_filters_order_and_reasons(therapists: list[dict], wanted: dict) -> None:
    # one transaction per example, rolled back, so examples do not see each other's therapists
    with transaction.atomic(), translation.override("en"):
        world = build_world(therapists, wanted)
        check_world(world)
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    waiting=st.lists(st.integers(0, 3), min_size=2, max_size=8),
    urgency=st.sampled_from(ranking.URGENCIES),
)
def test_equal_scores_come_back_in_id_order(waiting: list[int], urgency: str) -> None:
    # many exact ties: identical therapists that differ only in waiting time drawn from a tiny range
    with transaction.atomic(), translation.override("en"):
        ids_by_weeks = {}
        for weeks in waiting:
            profile = make_therapist(waiting_weeks=weeks)
            ids_by_weeks.setdefault(weeks, []).append(profile.pk)
        result = rank_candidates(criteria(urgency=urgency))
        expected = [pk for weeks in sorted(ids_by_weeks) for pk in sorted(ids_by_weeks[weeks])]
        assert [c.therapist_id for c in result] == expected
        assert TherapistProfile.objects.count() == len(waiting)
        transaction.set_rollback(True)
