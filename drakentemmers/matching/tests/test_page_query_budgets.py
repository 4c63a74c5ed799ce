"""Query budgets of the key pages, pinned, and the same with ten times the data (issue 17).

One world is built at the demo's shape (an organisation, therapists who fit, open requests, candidacies), every page
is counted on a warm request, then the world grows tenfold and every page must cost exactly the same. Public pages
are counted on a cache miss (the data version bumped first), which is what a data change costs the next visitor.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drakentemmers.core import public_cache
from drakentemmers.matching import services
from drakentemmers.matching.models import CandidacyStatus, RequestStatus

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db

# Pinned budgets (warm request). Logged-in pages start with session, user, roles, MFA and memberships, plus the
# menu's counts (unread conversations; invitations to answer or answers to confirm, issue 18) and, where the
# onboarding checklist or a waiting-therapist check runs, one look-up of the user's own therapist profile.
BUDGETS = {
    "home": 5,  # the five counts (anonymous; 0 on a cache hit)
    "figures": 11,  # the reporting unit 1, figures 5 (0 when cached for everyone), profile page 5 (anonymous)
    "search": 15,  # 6 per request, place 1, page with total 1, prefetches 4, open requests to invite for 1, marks 1
    "request list": 10,  # includes the page count and the access-log insert for the requests shown
    "request detail": 16,
    "candidates": 19,  # includes the access-log insert and the ranking (+ JIT_OFF)
    "fitting list": 16,  # one ranking query for all open requests, the access-log insert (+ JIT_OFF)
    # + the onboarding checklist's profile look-up, "what waits for me" (matching: 1 query), the suggested trainings
    "my home": 10,
    "candidacies": 7,  # the therapist's invitations (issue 17)
    "thread": 10,
    "therapist profile": 18,  # the full profile as organisation staff see it: the quality mark and method pages 1 each
}


# On PostgreSQL the ranking query runs in its own transaction with SET LOCAL jit = off: BEGIN, SET, COMMIT.
JIT_OFF = {"candidates", "fitting list"}


def _budget(name: str) -> int:
    return BUDGETS[name] + (3 if name in JIT_OFF and connection.vendor == "postgresql" else 0)


def _grow(world: dict, *, therapists: int, requests: int, candidacies: int) -> None:
    staff = world["staff"]
    for _ in range(therapists):
        world["therapists"].append(therapist(public_profile=True))
    for _ in range(requests):
        world["requests"].append(care_request(staff=staff, status=RequestStatus.OPEN))
    first = world["requests"][0]
    taken = set(first.candidacies.values_list("therapist_id", flat=True))
    free = [t.pk for t in world["therapists"] if t.pk not in taken][:candidacies]
    # At most MAX_PENDING_CANDIDACIES invitations are open at once: earlier batches answer (accept) first.
    for start in range(0, len(free), 10):
        for candidacy in first.candidacies.filter(status=CandidacyStatus.INVITED):
            services.candidacy_accept(candidacy=candidacy)
        services.candidacies_create(care_request=first, therapist_ids=free[start : start + 10], by=staff)


def _counts(world: dict, client_for, client) -> dict[str, int]:
    staff_client = client_for(world["staff"])
    therapist_client = client_for(world["viewer"].user)
    first = world["requests"][0]
    candidacy = first.candidacies.order_by("pk").first()
    invited = candidacy.therapist
    invited_client = client_for(invited.user)
    pages = {
        "home": (client, "/"),
        "figures": (client, reverse("directory:public_network")),
        "search": (staff_client, reverse("directory:search") + "?place=1011"),
        "request list": (staff_client, reverse("matching:request_list")),
        "request detail": (staff_client, reverse("matching:request_detail", args=[first.pk])),
        "candidates": (staff_client, reverse("matching:candidates", args=[first.pk])),
        "fitting list": (therapist_client, reverse("matching:fitting")),
        "my home": (staff_client, reverse("core:my_home")),
        "candidacies": (invited_client, reverse("matching:inbox")),
        "thread": (staff_client, reverse("matching:thread", args=[candidacy.pk])),
        "therapist profile": (staff_client, reverse("directory:therapist_detail", args=[invited.pk])),
    }
    counts = {}
    for name, (page_client, url) in pages.items():
        assert page_client.get(url).status_code == 200, name
        public_cache.bump_version()  # anonymous pages: count the render, not the cache hit
        with CaptureQueriesContext(connection) as queries:
            response = page_client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_key_pages_keep_their_query_budget_with_ten_times_the_data(client, client_for):
    world = {"staff": org_staff(), "therapists": [], "requests": [], "viewer": therapist()}
    _grow(world, therapists=3, requests=2, candidacies=2)
    small = _counts(world, client_for, client)
    assert small == {name: small[name] for name in BUDGETS}
    over = {name: (small[name], _budget(name)) for name in BUDGETS if small[name] > _budget(name)}
    assert not over, f"over budget (queries, budget): {over}"

    _grow(world, therapists=27, requests=18, candidacies=18)  # 30 therapists, 20 open requests, 20 candidacies
    assert len(world["requests"]) == 20 and world["requests"][0].candidacies.count() == 20
    large = _counts(world, client_for, client)
    assert large == small
