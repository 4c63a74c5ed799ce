"""Permissions of every authenticated endpoint, taken from the OpenAPI document so none is left out.

For each operation that requires a token: without one 401; a stranger's token (another organisation's staff,
or someone who is not the therapist) 404, never the data; a read-only token refused (403) on writes; and the
owner's token works, then is refused from the very next request on once revoked (also on the public
endpoints, which refuse a revoked token instead of treating the caller as anonymous).
"""

from dataclasses import dataclass

import pytest

from drakentemmers.api import services
from drakentemmers.api.api import api
from drakentemmers.api.models import TokenScope
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request

from .factories import TokenClient, public_therapist, staff_of, token_for

pytestmark = pytest.mark.django_db
AVAILABILITY = {"accepting": "yes", "free_places_adults": 2, "free_places_children": 1, "waiting_weeks": 3}


@dataclass(frozen=True)
class Case:
    owner: str  # who the data belong to: "staff" (organisation A) or "therapist"
    stranger: str  # a token holder who must get 404
    body: dict | None = None
    writes: bool = False


CASES = {
    ("GET", "/api/v1/me/care-requests"): Case(owner="staff", stranger="therapist"),
    ("GET", "/api/v1/me/care-requests/{request_id}"): Case(owner="staff", stranger="other_staff"),
    ("GET", "/api/v1/me/availability"): Case(owner="therapist", stranger="staff"),
    ("PUT", "/api/v1/me/availability"): Case(owner="therapist", stranger="staff", body=AVAILABILITY, writes=True),
    ("PATCH", "/api/v1/me/availability"): Case(
        owner="therapist", stranger="staff", body={"free_places_adults": 4}, writes=True
    ),
    ("POST", "/api/v1/me/availability/confirm"): Case(owner="therapist", stranger="staff", writes=True),
}


def _operations(authenticated: bool) -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {
        (method.upper(), path)
        for path, operations in paths.items()
        for method, operation in operations.items()
        if ({} not in operation.get("security", [])) == authenticated
    }


def test_every_authenticated_endpoint_has_a_permission_case():
    assert _operations(authenticated=True) == set(CASES)


@pytest.fixture
def world():
    staff = staff_of()
    return {
        "staff": staff,
        "other_staff": staff_of(),
        "therapist": public_therapist().user,
        "request": care_request(staff=staff, status=RequestStatus.OPEN),
    }


def _call(api_client, method: str, url: str, body: dict | None):
    if method == "GET":
        return api_client.get(url)
    return getattr(api_client, method.lower())(url, body or {})


def _url(path: str, world: dict) -> str:
    return path.replace("{request_id}", str(world["request"].pk))


@pytest.mark.parametrize(("method", "path"), sorted(CASES))
def test_without_a_token_401(client, world, method, path):
    response = client.generic(method, _url(path, world))
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "path"), sorted(CASES))
def test_a_strangers_token_gets_404_and_changes_nothing(world, method, path):
    case = CASES[(method, path)]
    profile = world["therapist"].therapist_profile
    before = (profile.free_places_adults, profile.availability_confirmed_at)
    stranger = TokenClient(token_for(world[case.stranger], scope=TokenScope.READ_WRITE, with_mfa=True).secret)
    response = _call(stranger, method, _url(path, world), case.body)
    assert response.status_code == 404, response.content
    assert world["request"].title.encode() not in response.content
    profile.refresh_from_db()
    assert (profile.free_places_adults, profile.availability_confirmed_at) == before


def test_another_organisations_staff_list_only_their_own(world):
    """The list answers staff of organisation B (it is theirs), without organisation A's request."""
    body = TokenClient(token_for(world["other_staff"]).secret).get("/api/v1/me/care-requests").json()
    assert body["count"] == 0 and body["items"] == []


@pytest.mark.parametrize(("method", "path"), sorted(key for key, case in CASES.items() if case.writes))
def test_a_read_token_may_not_write(world, method, path):
    case = CASES[(method, path)]
    profile = world["therapist"].therapist_profile
    before = (profile.free_places_adults, profile.availability_confirmed_at)
    reader = TokenClient(token_for(world[case.owner], scope=TokenScope.READ, with_mfa=False).secret)
    assert _call(reader, method, _url(path, world), case.body).status_code == 403
    profile.refresh_from_db()
    assert (profile.free_places_adults, profile.availability_confirmed_at) == before


@pytest.mark.parametrize(("method", "path"), sorted(CASES))
def test_the_owners_token_works_until_revoked_then_401_at_once(world, method, path):
    case = CASES[(method, path)]
    made = token_for(world[case.owner], scope=TokenScope.READ_WRITE, with_mfa=True)
    owner = TokenClient(made.secret)
    url = _url(path, world)
    assert _call(owner, method, url, case.body).status_code == 200
    services.api_token_revoke(token=made.token)
    assert _call(owner, method, url, case.body).status_code == 401


@pytest.mark.parametrize(("method", "path"), sorted(_operations(authenticated=False)))
def test_public_endpoints_refuse_a_revoked_token_at_once(world, method, path):
    made = token_for(world["staff"])
    caller = TokenClient(made.secret)
    url = path.replace("{profile_id}", str(world["therapist"].therapist_profile.pk))
    assert caller.get(url).status_code == 200
    services.api_token_revoke(token=made.token)
    assert caller.get(url).status_code == 401
