"""Example-based tests of the candidate ranking: known therapists, known expected order."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation

from drakentemmers.directory.models import Accepting, VerificationStatus
from drakentemmers.matching.models import Candidacy, CandidacyStatus
from drakentemmers.matching.ranking import rank_candidates
from drakentemmers.matching.tests.ranking_support import (
    BASE_LAT,
    BASE_LON,
    criteria,
    make_open_candidacies,
    make_therapist,
    make_vocabularies,
)

pytestmark = pytest.mark.django_db

# 0.1 degree of latitude is about 11.1 km.
NORTH_11_KM = ((BASE_LAT + 0.1, BASE_LON),)
NORTH_33_KM = ((BASE_LAT + 0.3, BASE_LON),)


def ids(candidates) -> list[int]:
    return [candidate.therapist_id for candidate in candidates]


@pytest.fixture(autouse=True)
def _english():
    """Reason texts are asserted in English here; the Dutch test switches explicitly."""
    with translation.override("en"):
        yield


@pytest.fixture
def vocab():
    return make_vocabularies()


def test_it_orders_by_fit_then_distance(vocab):
    emdr = vocab["methods"][0]
    near_no_fit = make_therapist()
    far_fit = make_therapist(locations=NORTH_11_KM, methods=[emdr])
    near_fit = make_therapist(methods=[emdr])
    result = rank_candidates(criteria(method_ids=(emdr.pk,)))
    assert ids(result) == [near_fit.pk, far_fit.pk, near_no_fit.pk]
    assert result[0].reasons == ("EMDR (en) ✓", "0 km", "no waiting time")
    assert result[1].distance_km == pytest.approx(11.1, abs=0.1)


@pytest.mark.parametrize(
    "fields",
    [
        {"status": VerificationStatus.SUBMITTED},
        {"status": VerificationStatus.SUSPENDED},
        {"accepting": Accepting.NO},
        {"offers_outpatient": False, "offers_online": True},
        {"treats_age_18_plus": False, "treats_age_12_18": True},
        {"locations": NORTH_33_KM},  # travel radius 25 km
    ],
)
def test_it_never_returns_a_therapist_failing_a_hard_filter(fields):
    make_therapist(**fields)
    assert rank_candidates(criteria()) == []


def test_it_requires_every_target_group_and_one_language_and_funding_route(vocab):
    victims, perpetrators, _ = vocab["target_groups"]
    dutch, english, _ = vocab["languages"]
    zvw, youth_act, _ = vocab["funding_routes"]
    both = make_therapist(target_groups=[victims, perpetrators], languages=[english], funding_routes=[youth_act])
    make_therapist(target_groups=[victims], languages=[english], funding_routes=[youth_act])
    make_therapist(target_groups=[victims, perpetrators], languages=[], funding_routes=[youth_act])
    make_therapist(target_groups=[victims, perpetrators], languages=[english], funding_routes=[])
    wanted = criteria(
        target_group_ids=(victims.pk, perpetrators.pk),
        language_ids=(dutch.pk, english.pk),
        funding_ids=(zvw.pk, youth_act.pk),
    )
    assert ids(rank_candidates(wanted)) == [both.pk]


def test_request_maximum_distance_replaces_the_travel_radius():
    near = make_therapist(travel_radius_km=5)
    far_but_willing = make_therapist(locations=NORTH_33_KM, travel_radius_km=100)
    assert ids(rank_candidates(criteria())) == [near.pk, far_but_willing.pk]
    assert ids(rank_candidates(criteria(max_distance_km=20))) == [near.pk]


def test_it_uses_the_nearest_work_location():
    therapist = make_therapist(locations=(*NORTH_33_KM, (BASE_LAT - 0.1, BASE_LON)))
    [candidate] = rank_candidates(criteria())
    assert candidate.therapist_id == therapist.pk
    assert candidate.distance_km == pytest.approx(11.1, abs=0.1)


def test_online_requests_ignore_distance():
    far = make_therapist(locations=((53.2, 6.56),), offers_online=True)
    make_therapist(offers_online=False)
    [candidate] = rank_candidates(criteria(setting="online", latitude=None, longitude=None))
    assert candidate.therapist_id == far.pk
    assert candidate.distance_km is None
    assert "online" in candidate.reasons


def test_it_leaves_out_excluded_therapists():
    declined = make_therapist()
    other = make_therapist()
    assert ids(rank_candidates(criteria(exclude_therapist_ids=(declined.pk,)))) == [other.pk]


def test_high_urgency_weighs_waiting_time_more_than_method_fit(vocab):
    emdr = vocab["methods"][0]
    fits_but_waits = make_therapist(methods=[emdr], waiting_weeks=10)
    starts_now = make_therapist()
    assert ids(rank_candidates(criteria(method_ids=(emdr.pk,), urgency="normal"))) == [fits_but_waits.pk, starts_now.pk]
    assert ids(rank_candidates(criteria(method_ids=(emdr.pk,), urgency="high"))) == [starts_now.pk, fits_but_waits.pk]


def test_stale_availability_ranks_lower_and_says_so():
    stale = make_therapist(confirmed_days_ago=60)
    never_confirmed = make_therapist(confirmed_days_ago=None)
    fresh = make_therapist(confirmed_days_ago=27)
    result = rank_candidates(criteria())
    assert ids(result) == [fresh.pk, stale.pk, never_confirmed.pk]
    assert "availability out of date" not in result[0].reasons
    assert all("availability out of date" in c.reasons for c in result[1:])


def test_load_spread_moves_busy_therapists_down(vocab):
    busy = make_therapist()
    quiet = make_therapist()
    make_open_candidacies(busy, 4)
    result = rank_candidates(criteria())
    assert ids(result) == [quiet.pk, busy.pk]
    assert "many open invitations" in result[1].reasons
    assert "many open invitations" not in result[0].reasons


def test_load_counts_only_pending_candidacies_of_the_last_30_days():
    therapist = make_therapist()
    rival = make_therapist()
    make_open_candidacies(therapist, 4)
    candidacies = list(Candidacy.objects.filter(therapist=therapist))
    candidacies[0].status = CandidacyStatus.DECLINED
    candidacies[0].save()
    Candidacy.objects.filter(pk=candidacies[1].pk).update(created_at=timezone.now() - timedelta(days=31))
    result = rank_candidates(criteria())
    # two open invitations left: below the "busy" threshold, but still ranked after the rival
    assert ids(result) == [rival.pk, therapist.pk]
    assert "many open invitations" not in result[1].reasons


def test_ties_are_broken_by_id():
    therapists = [make_therapist() for _ in range(4)]
    assert ids(rank_candidates(criteria())) == [t.pk for t in therapists]


def test_limit_cuts_the_list():
    therapists = [make_therapist(waiting_weeks=weeks) for weeks in (3, 2, 1)]
    assert ids(rank_candidates(criteria(), limit=2)) == [therapists[2].pk, therapists[1].pk]


def test_it_ranks_with_a_fixed_number_of_queries(vocab, django_assert_max_num_queries):
    for method in vocab["methods"]:
        make_therapist(methods=[method], expertise=vocab["expertise"][:1])
    # PostgreSQL adds SAVEPOINT, SET LOCAL jit = off and RELEASE around the ranking query
    with django_assert_max_num_queries(7 if connection.vendor == "postgresql" else 4):
        result = rank_candidates(
            criteria(method_ids=tuple(m.pk for m in vocab["methods"]), expertise_ids=(vocab["expertise"][0].pk,))
        )
    assert len(result) == 4


def test_reasons_are_dutch_in_the_dutch_interface(vocab):
    emdr = vocab["methods"][0]
    make_therapist(locations=NORTH_11_KM, methods=[emdr], waiting_weeks=3, confirmed_days_ago=40, accepting="limited")
    with translation.override("nl"):
        [candidate] = rank_candidates(criteria(method_ids=(emdr.pk,)))
        limited = translation.gettext("limited places")
    assert limited != "limited places"
    assert candidate.reasons == ("EMDR ✓", "11 km", "wachttijd 3 weken", limited, "beschikbaarheid verouderd")


def test_english_interface_uses_english_vocabulary_labels(vocab):
    emdr = vocab["methods"][0]
    make_therapist(methods=[emdr], waiting_weeks=1)
    with translation.override("en"):
        [candidate] = rank_candidates(criteria(method_ids=(emdr.pk,)))
    assert candidate.reasons == ("EMDR (en) ✓", "0 km", "waiting time 1 week")


@pytest.mark.parametrize(
    "overrides",
    [{"urgency": "urgent"}, {"setting": "home"}, {"age_bands": ("0-99",)}, {"latitude": None}],
)
def test_it_rejects_malformed_criteria(overrides):
    with pytest.raises(ValueError):
        rank_candidates(criteria(**overrides))


def test_pros_and_cons_separate_what_fits_from_what_counts_against(vocab):
    emdr = vocab["methods"][0]
    good = make_therapist(methods=[emdr], waiting_weeks=2, confirmed_days_ago=3)
    doubtful = make_therapist(methods=[emdr], waiting_weeks=2, confirmed_days_ago=60, accepting=Accepting.LIMITED)
    make_open_candidacies(doubtful, 4)
    by_id = {c.therapist_id: c for c in rank_candidates(criteria(method_ids=(emdr.pk,)))}
    assert by_id[good.pk].pros == ("EMDR (en) ✓", "accepts new clients", "availability recently confirmed")
    assert by_id[good.pk].cons == ()
    assert by_id[doubtful.pk].pros == ("EMDR (en) ✓",)
    assert by_id[doubtful.pk].cons == (
        "limited places",
        "availability not confirmed for over 28 days",
        "4 open invitations",
    )


def test_pros_and_cons_do_not_repeat_wait_or_distance(vocab):
    make_therapist(locations=NORTH_11_KM, waiting_weeks=5, confirmed_days_ago=60)
    [candidate] = rank_candidates(criteria())
    shown = " ".join(candidate.pros + candidate.cons)
    assert "km" not in shown and "week" not in shown and "waiting" not in shown


def test_a_work_area_can_reach_farther_or_less_than_the_profile_radius():
    rural = make_therapist(locations=NORTH_33_KM, travel_radius_km=10)
    assert ids(rank_candidates(criteria())) == []  # 33 km away, 10 km radius
    rural.locations.update(travel_radius_km=40)  # this area: 40 km
    assert ids(rank_candidates(criteria())) == [rural.pk]
    city = make_therapist(locations=NORTH_11_KM, travel_radius_km=25)
    city.locations.update(travel_radius_km=5)  # in the city only 5 km, although 25 elsewhere
    assert ids(rank_candidates(criteria())) == [rural.pk]
