"""The candidates page's cached ranking (matching.ranking_cache, issue 17) changes on the very next page.

Each test loads the candidates page first, so the ranking is in the cache, then changes data the way the platform
does (services, and the upkeep job's update(), which sends no signal) and expects the next page to rank exactly as a
fresh `rank_candidates` does. Without the invalidation the page would show the cached ranking.
"""

import pytest
from django.urls import reverse

from drakentemmers.directory.models import Accepting
from drakentemmers.directory.services.availability import availability_update
from drakentemmers.matching import ranking_cache, services
from drakentemmers.matching.models import RequestStatus, Urgency
from drakentemmers.matching.ranking import rank_candidates
from drakentemmers.matching.services.upkeep import _candidacy_expire
from drakentemmers.matching.views.organisation import CANDIDATE_LIMIT

from .factories import care_request, org_staff, request_data, therapist

pytestmark = pytest.mark.django_db


def _page(client, request) -> dict[int, tuple[float, int, tuple[str, ...]]]:
    """therapist pk -> (score, waiting weeks, cons) as the candidates page ranked them, in page order."""
    response = client.get(reverse("matching:candidates", args=[request.pk]))
    assert response.status_code == 200
    return {
        row["candidate"].therapist_id: (row["candidate"].score, row["candidate"].waiting_weeks, row["candidate"].cons)
        for row in response.context["rows"]
    }


def _fresh(request) -> dict[int, tuple[float, int, tuple[str, ...]]]:
    request.refresh_from_db()
    ranked = rank_candidates(services.criteria_for_request(request), limit=CANDIDATE_LIMIT)
    return {c.therapist_id: (c.score, c.waiting_weeks, c.cons) for c in ranked}


@pytest.fixture
def world(client_for):
    staff = org_staff()
    first, second = therapist(waiting_weeks=2), therapist(waiting_weeks=4)
    request = care_request(staff=staff, status=RequestStatus.OPEN)
    return {"staff": staff, "client": client_for(staff), "request": request, "therapists": (first, second)}


def test_the_ranking_is_served_from_the_cache_while_nothing_changes(world, monkeypatch):
    calls = []
    monkeypatch.setattr(ranking_cache, "rank_candidates", lambda *a, **kw: calls.append(1) or rank_candidates(*a, **kw))
    first = _page(world["client"], world["request"])
    assert set(first) == {t.pk for t in world["therapists"]}
    assert _page(world["client"], world["request"]) == first
    assert len(calls) == 1  # the second page did not rank again


def test_a_therapists_changed_availability_ranks_at_once(world):
    client, request = world["client"], world["request"]
    first, second = world["therapists"]
    before = _page(client, request)
    assert set(before) == {first.pk, second.pk}
    availability_update(profile=second, fields={"waiting_weeks": 20})
    after = _page(client, request)
    assert after[second.pk][1] == 20 and after[second.pk][0] < before[second.pk][0]
    assert after == _fresh(request)
    availability_update(profile=first, fields={"accepting": Accepting.NO})
    assert set(_page(client, request)) == {second.pk}


def test_a_candidacy_elsewhere_and_its_expiry_move_the_load_term_at_once(world):
    client, request = world["client"], world["request"]
    first, _second = world["therapists"]
    before = _page(client, request)
    other = care_request(staff=world["staff"], status=RequestStatus.OPEN)
    [candidacy] = services.candidacies_create(care_request=other, therapist_ids=[first.pk], by=world["staff"])
    loaded = _page(client, request)  # this request's criteria did not change: only the invalidation can show it
    assert loaded[first.pk][0] < before[first.pk][0]
    assert loaded == _fresh(request)
    _candidacy_expire(candidacy)  # the upkeep job's update(): no signal
    assert _page(client, request) == before


def test_a_changed_request_and_an_invitation_change_the_candidates_at_once(world):
    client, request = world["client"], world["request"]
    first, second = world["therapists"]
    before = _page(client, request)
    services.care_request_update(care_request=request, by=world["staff"], data=request_data(urgency=Urgency.HIGH))
    urgent = _page(client, request)
    assert urgent[second.pk][0] < before[second.pk][0]  # waiting weeks weigh more on an urgent request
    assert urgent == _fresh(request)
    services.candidacies_create(care_request=request, therapist_ids=[first.pk], by=world["staff"])
    assert set(_page(client, request)) == {second.pk}
