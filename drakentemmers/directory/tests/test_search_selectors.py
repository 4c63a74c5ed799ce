"""therapist_search: filters, distance, ranking and reasons on a small fixed network with known ids."""

from datetime import timedelta

import pytest
from django.utils import timezone

from drakentemmers.directory.models import Accepting, AgeBand, Setting, VerificationStatus
from drakentemmers.directory.selectors import SearchCriteria, therapist_search
from drakentemmers.directory.tests import factories as f
from drakentemmers.regions.models import Region, RegionKind
from drakentemmers.regions.selectors import place_resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db) -> dict:
    """Seven therapists around Amsterdam 1011 with chosen methods, availability and locations."""
    stale = timezone.now() - timedelta(days=60)
    return {
        # 1011 Amsterdam centre, EMDR, accepting, 2 weeks: the best fit.
        "a": f.TherapistProfileFactory(locations=["1011"], methods=["emdr"], waiting_weeks=2),
        # 1071 Amsterdam-Zuid (about 2 km), EMDR and TF-CBT, limited places, 4 weeks.
        "b": f.TherapistProfileFactory(
            locations=["1071"], methods=["emdr", "tf-cbt"], accepting=Accepting.LIMITED, waiting_weeks=4
        ),
        # 2011 Haarlem (about 19 km), EMDR, no waiting time, travels 25 km.
        "c": f.TherapistProfileFactory(locations=["2011"], methods=["emdr"], waiting_weeks=0),
        # Same as "a" but availability confirmed 60 days ago: stale, counts half.
        "d": f.TherapistProfileFactory(
            locations=["1011"], methods=["emdr"], waiting_weeks=2, availability_confirmed_at=stale
        ),
        # TF-CBT only.
        "e": f.TherapistProfileFactory(locations=["1011"], methods=["tf-cbt"]),
        # Utrecht (about 35 km): outside its own 25 km radius.
        "f": f.TherapistProfileFactory(locations=["3511"], methods=["emdr"]),
        # Not verified: never shown.
        "g": f.TherapistProfileFactory(locations=["1011"], methods=["emdr"], status=VerificationStatus.SUBMITTED),
    }


def ids(search) -> list[int]:
    return [result.therapist.pk for result in search.results]


def search(**criteria):
    if isinstance(criteria.get("place"), str):
        criteria["place"] = place_resolve(criteria["place"])
    return therapist_search(viewer=None, criteria=SearchCriteria(**criteria))


def test_postcode_and_emdr_returns_the_expected_ids_in_order(network):
    result = search(place="1011 AB", methods=(f.method("emdr"),))

    n = network
    assert ids(result) == [n["a"].pk, n["c"].pk, n["b"].pk, n["d"].pk]
    assert result.count == 4


def test_each_result_carries_its_reasons(network):
    result = search(place="1011 AB", methods=(f.method("emdr"),))
    reasons = {r.therapist.pk: [str(reason) for reason in r.reasons] for r in result.results}

    a, c, d = network["a"], network["c"], network["d"]
    assert "EMDR ✓" in reasons[a.pk]
    assert "1 km" in reasons[a.pk]
    assert "wachttijd 2 weken" in reasons[a.pk] or "waiting time 2 weeks" in reasons[a.pk]
    assert any(reason.endswith(" km") and 15 <= int(reason.split()[0]) <= 22 for reason in reasons[c.pk])
    assert any("verouderd" in reason or "out of date" in reason for reason in reasons[d.pk])
    assert not any("verouderd" in reason or "out of date" in reason for reason in reasons[a.pk])


def test_stale_availability_ranks_lower_than_the_same_fresh_profile(network):
    result = search(place="1011", methods=(f.method("emdr"),))

    order = ids(result)
    assert order.index(network["a"].pk) < order.index(network["d"].pk)


def test_unverified_therapists_are_never_shown(network):
    for status in [VerificationStatus.DRAFT, VerificationStatus.REJECTED, VerificationStatus.SUSPENDED]:
        f.TherapistProfileFactory(locations=["1011"], methods=["emdr"], status=status)

    everyone = search()

    assert network["g"].pk not in ids(everyone)
    assert everyone.count == 6


def test_own_travel_radius_limits_distance_unless_the_user_chooses_a_maximum(network):
    assert network["f"].pk not in ids(search(place="1011"))
    assert network["f"].pk in ids(search(place="1011", max_distance_km=50))
    # A chosen maximum also narrows: Haarlem is about 19 km away.
    assert network["c"].pk not in ids(search(place="1011", max_distance_km=10))


def test_distance_uses_the_nearest_work_location(network):
    far_and_near = f.TherapistProfileFactory(locations=["9711", "1012"], methods=["emdr"])

    result = search(place="1011", max_distance_km=5)

    assert far_and_near.pk in ids(result)


def test_municipality_name_works_as_a_place(network):
    result = search(place="Haarlem", max_distance_km=5)

    assert ids(result) == [network["c"].pk]


def test_online_ignores_distance(network):
    groningen = f.TherapistProfileFactory(locations=["9711"], methods=["emdr"], offers_online=True)

    assert groningen.pk not in ids(search(place="1011"))
    assert ids(search(place="1011", setting=Setting.ONLINE)) == [groningen.pk]


@pytest.mark.parametrize(
    ("fields", "criteria"),
    [
        ({"target_groups": ["plegers"]}, lambda: {"target_group": f.target_group("plegers")}),
        ({"treats_age_0_4": True}, lambda: {"age_band": AgeBand.AGE_0_4}),
        ({"offers_in_shelter": True}, lambda: {"setting": Setting.IN_SHELTER}),
        ({"methods": ["vrt"]}, lambda: {"methods": (f.method("vrt"),)}),
        ({"expertise": ["dissociatie"]}, lambda: {"expertise": (f.expertise("dissociatie"),)}),
        ({"languages": ["ar"]}, lambda: {"language": f.language("ar")}),
        ({"funding_routes": ["jeugdwet"]}, lambda: {"funding_route": f.funding_route("jeugdwet")}),
    ],
)
def test_each_filter_keeps_only_matching_therapists(network, fields, criteria):
    match = f.TherapistProfileFactory(locations=["1011"], **fields)

    assert ids(search(**criteria())) == [match.pk]


def test_accepting_now_keeps_yes_and_limited(network):
    closed = f.TherapistProfileFactory(locations=["1011"], accepting=Accepting.NO)

    found = ids(search(accepting_now=True))

    assert closed.pk not in found
    assert network["b"].pk in found
    assert network["a"].pk in found


def test_max_waiting_time(network):
    f.TherapistProfileFactory(locations=["1011"], waiting_weeks=12)

    found = ids(search(max_waiting_weeks=2))

    assert sorted(found) == sorted(network[k].pk for k in "acdef")


def test_region_filter(network):
    haarlem_region = Region.objects.get(kind=RegionKind.VEILIG_THUIS, municipalities__name="Haarlem")

    assert ids(search(region=haarlem_region)) == [network["c"].pk]


def test_more_matching_methods_rank_higher(network):
    result = search(methods=(f.method("emdr"), f.method("tf-cbt")))

    assert ids(result)[0] == network["b"].pk
    assert {"EMDR ✓", "TF-CBT ✓"} <= {str(r) for r in result.results[0].reasons}


def test_ties_break_by_id(db):
    twins = [f.TherapistProfileFactory(locations=["1011"]) for _ in range(3)]

    assert ids(search(place="1011")) == sorted(t.pk for t in twins)


def test_the_viewer_does_not_find_themselves(network):
    assert network["a"].pk not in ids(therapist_search(viewer=network["a"].user, criteria=SearchCriteria()))


def test_pages_hold_twenty_results_in_a_bounded_number_of_queries(db, django_assert_max_num_queries):
    for i in range(45):
        f.TherapistProfileFactory(
            locations=["1011", "1071"] if i % 2 else ["1012"],
            methods=["emdr", "tf-cbt"],
            expertise=["trauma"],
            languages=["nl", "en"],
            target_groups=["slachtoffers"],
        )
    place = place_resolve("1011")
    criteria = SearchCriteria(place=place, methods=(f.method("emdr"),), expertise=(f.expertise("trauma"),), page=2)

    # The ranked page with its total (COUNT(*) OVER ()), then five prefetches.
    with django_assert_max_num_queries(6):
        result = therapist_search(viewer=None, criteria=criteria)
        assert len(result.results) == 20
        assert all(r.reasons for r in result.results)
    assert result.count == 45

    # The same query again (any visitor): the ranking comes from the cache, the cards are read fresh by id.
    with django_assert_max_num_queries(6):
        again = therapist_search(viewer=None, criteria=criteria)
    assert [r.therapist.pk for r in again.results] == [r.therapist.pk for r in result.results]
    assert [r.score for r in again.results] == [r.score for r in result.results]
    assert again.count == 45 and again.page.number == 2


def test_a_page_past_the_end_shows_the_last_page(db):
    for _ in range(3):
        f.TherapistProfileFactory()

    result = therapist_search(viewer=None, criteria=SearchCriteria(page=9))

    assert result.page.number == 1
    assert result.count == 3
    assert len(result.results) == 3


def test_no_results_gives_an_empty_first_page(db):
    result = therapist_search(viewer=None, criteria=SearchCriteria(page="x"))

    assert result.count == 0
    assert result.results == []
