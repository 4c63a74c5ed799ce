"""An organisation's own care requests through the API: matching's rule decides who sees which."""

import pytest

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.models import AccessLogEntry
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request
from drakentemmers.regions.models import Region

from .factories import TokenClient, public_therapist, staff_of, token_for

pytestmark = pytest.mark.django_db
LIST = "/api/v1/me/care-requests"


@pytest.fixture
def staff_a():
    return staff_of()


@pytest.fixture
def request_a(staff_a):
    return care_request(staff=staff_a, status=RequestStatus.OPEN)


def test_staff_list_their_organisations_requests_with_status(staff_a, request_a):
    draft = care_request(staff=staff_a)
    care_request(staff=staff_of(), status=RequestStatus.OPEN)  # another organisation's
    response = TokenClient(token_for(staff_a).secret).get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {(item["id"], item["status"]) for item in body["items"]} == {(request_a.pk, "open"), (draft.pk, "draft")}
    assert "context" not in body["items"][0]  # no free text about the client


def test_status_filter(staff_a, request_a):
    care_request(staff=staff_a)
    body = TokenClient(token_for(staff_a).secret).get(LIST, QUERY_STRING="status=open").json()
    assert [item["id"] for item in body["items"]] == [request_a.pk]


def test_pagination(staff_a):
    for _ in range(3):
        care_request(staff=staff_a)
    api = TokenClient(token_for(staff_a).secret)
    first = api.get(LIST, QUERY_STRING="limit=2").json()
    assert first["count"] == 3 and len(first["items"]) == 2 and first["previous"] is None
    second = api.get(LIST, QUERY_STRING="limit=2&offset=2").json()
    assert len(second["items"]) == 1 and second["next"] is None
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})
    assert api.get(LIST, QUERY_STRING="limit=1000").status_code == 422


def test_detail_of_own_request_is_logged(staff_a, request_a):
    response = TokenClient(token_for(staff_a).secret).get(f"{LIST}/{request_a.pk}")
    assert response.status_code == 200
    assert response.json()["status"] == "open"
    entry = AccessLogEntry.objects.get(object_type="matching.carerequest", object_id=str(request_a.pk))
    assert entry.user == staff_a and entry.action == "api_view"


def test_list_reads_are_logged(staff_a, request_a):
    TokenClient(token_for(staff_a).secret).get(LIST)
    assert AccessLogEntry.objects.filter(object_id=str(request_a.pk), action="api_list", user=staff_a).exists()


def test_another_organisations_request_is_404(request_a):
    response = TokenClient(token_for(staff_of()).secret).get(f"{LIST}/{request_a.pk}")
    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(object_id=str(request_a.pk)).exists()


def test_unknown_request_is_404(staff_a):
    assert TokenClient(token_for(staff_a).secret).get(f"{LIST}/987654321").status_code == 404


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: public_therapist().user, id="therapist"),
        pytest.param(lambda: make_user(), id="no-role"),
        pytest.param(
            lambda: make_user(Role.COORDINATOR, mfa=True, region=Region.objects.get(code="VT01")), id="coordinator"
        ),
        pytest.param(lambda: make_user(Role.VERIFIER, mfa=True), id="verifier"),
        pytest.param(lambda: make_user(Role.ADMINISTRATOR, mfa=True), id="administrator"),
    ],
)
def test_nobody_but_the_organisations_staff_sees_its_requests(make, request_a):
    api = TokenClient(token_for(make()).secret)
    assert api.get(LIST).status_code == 404
    assert api.get(f"{LIST}/{request_a.pk}").status_code == 404


def test_therapist_invited_on_the_request_still_gets_404(staff_a, request_a):
    """The API is the organisation's view; a candidate therapist reads the request on the site."""
    from drakentemmers.matching import services as matching_services

    therapist = public_therapist()
    matching_services.candidacies_create(care_request=request_a, therapist_ids=[therapist.pk], by=staff_a)
    assert TokenClient(token_for(therapist.user).secret).get(f"{LIST}/{request_a.pk}").status_code == 404


def test_staff_of_an_unverified_organisation_see_nothing(request_a):
    from drakentemmers.directory.models import VerificationStatus
    from drakentemmers.directory.tests.factories import OrganisationFactory

    unverified = OrganisationFactory(status=VerificationStatus.SUBMITTED, verified_at=None)
    assert TokenClient(token_for(staff_of(unverified)).secret).get(LIST).status_code == 404


def test_without_a_token_401(client, request_a):
    assert client.get(LIST).status_code == 401
    assert client.get(f"{LIST}/{request_a.pk}").status_code == 401


def test_list_query_count_does_not_grow(staff_a, django_assert_max_num_queries):
    api = TokenClient(token_for(staff_a).secret)
    for _ in range(2):
        care_request(staff=staff_a)
    with django_assert_max_num_queries(12) as few:
        api.get(LIST)
    for _ in range(5):
        care_request(staff=staff_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api.get(LIST).json()["count"] == 7
