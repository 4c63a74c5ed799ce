"""The HSDS lists without capacities come from the public-data cache: the output is byte for byte what the
endpoint built before the cache (and the dict pages), every parameter is part of the key, and a change to the
data shows in the very next answer."""

import json
import math

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from ninja.responses import NinjaJSONEncoder

from drakentemmers.api import selectors
from drakentemmers.api.hsds import export
from drakentemmers.api.routers.hsds import HsdsPage, HsdsParams
from drakentemmers.directory.models import Method, WorkLocation
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory, work_location_add
from drakentemmers.regions.models import Municipality, Region

from .factories import TokenClient, public_therapist, staff_of, token_for

pytestmark = pytest.mark.django_db

SERVICES = "/api/v1/hsds/services"

QUERIES = [
    {},
    {"per_page": 2},
    {"per_page": 2, "page": 2},
    {"per_page": 2, "page": 3},
    {"page": 9},
    {"per_page": 100},
    {"region": "VT20"},
    {"region": "vt20", "per_page": 1, "page": 1},
    {"municipality": "GM0363", "per_page": 1, "page": 2},
    {"municipality": "gm0344", "region": "VT20"},
    {"region": "XX99"},
]


@pytest.fixture
def directory():
    """Members of every shape the export knows: several methods and places, a shared method, no name (the
    fallback is translated), no profession, availability never confirmed; and one outside the directory."""
    public_therapist(methods=["emdr", "nmt"], target_groups=["slachtoffers"], locations=["1011", "3511"])
    public_therapist(methods=["emdr"], locations=["1011"], free_places_children=2)
    public_therapist(availability_confirmed_at=None, profession=None, methods=[])
    public_therapist(user__first_name="", user__last_name="", methods=["nmt"], locations=["3511", "1011"])
    TherapistProfileFactory(public_profile=False)


def _query_string(query: dict) -> str:
    return "&".join(f"{k}={v}" for k, v in query.items())


def _reference_page(objects: list[dict], params: HsdsParams) -> bytes:
    """As conditional_json encoded an HsdsPage before the change: pydantic validation and model_dump."""
    total = len(objects)
    pages = max(1, math.ceil(total / params.per_page))
    start = (params.page - 1) * params.per_page
    contents = objects[start : start + params.per_page]
    page = HsdsPage(
        total_items=total,
        total_pages=pages,
        page_number=params.page,
        size=len(contents),
        first_page=params.page == 1,
        last_page=params.page >= pages,
        empty=total == 0,
        contents=contents,
    )
    return json.dumps(page.model_dump(mode="json", by_alias=True), cls=NinjaJSONEncoder, ensure_ascii=False).encode()


def _reference(endpoint: str, query: dict, *, with_capacity: bool = False) -> bytes:
    """The body as the endpoint built it before the cache: every public profile with the mini-profile's
    prefetches, each service built on its own, paged in Python."""
    params = HsdsParams(**query)
    therapists = list(selectors.public_profile_list(region=params.region, municipality=params.municipality))
    within = selectors.municipality_codes_within(region=params.region, municipality=params.municipality)
    objects = {
        "services": lambda: [export.service(t, with_capacity=with_capacity) for t in therapists],
        "locations": lambda: export.locations(therapists, within=within),
        "service_areas": lambda: export.service_areas(therapists, within=within),
        "taxonomy_terms": export.taxonomy_terms,
    }[endpoint]()
    return _reference_page(objects, params)


def _get(client, url: str, query: dict | None = None, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, QUERY_STRING=_query_string(query or {}), **extra)
    assert response.status_code == 200, response.content
    return response, len(queries)


@pytest.mark.parametrize("endpoint", ["services", "locations", "service_areas", "taxonomy_terms"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_cached_output_is_byte_for_byte_the_old_output(directory, endpoint, language):
    client = Client()
    client.cookies["dt_language"] = language
    with translation.override(language):
        expected = {i: _reference(endpoint, query) for i, query in enumerate(QUERIES)}
    for _round in ("built", "from the cache"):  # the second round also proves no two queries share a key
        for i, query in enumerate(QUERIES):
            response, _queries = _get(client, f"/api/v1/hsds/{endpoint}", query)
            assert response.content == expected[i], (query, _round)


def test_capacity_output_is_byte_for_byte_the_old_output_and_never_cached(directory):
    api = TokenClient(token_for(staff_of()).secret)
    for query in QUERIES:
        _get(Client(), SERVICES, query)  # the anonymous answer is cached first: never given to this caller
        with translation.override("nl"):
            expected = _reference("services", query, with_capacity=True)
        response, _queries = _get(api, SERVICES, query)
        assert response.content == expected, query
        assert "no-store" in response["Cache-Control"]
    anonymous, _queries = _get(Client(), SERVICES)
    assert b"capacities" not in anonymous.content and b"wait_time" not in anonymous.content


def test_the_nameless_member_is_named_in_the_callers_language(client, directory):
    dutch = client.get(SERVICES).json()["contents"]
    client.cookies["dt_language"] = "en"
    english = client.get(SERVICES).json()["contents"]
    assert any(s["name"].startswith("Behandelaar ") for s in dutch)
    assert any(s["name"].startswith("Therapist ") for s in english)


def test_query_counts_uncached_and_cached(client, directory, django_assert_num_queries):
    # Built: the count, the page of profiles (with user and profession), their methods, their work locations.
    with django_assert_num_queries(4):
        first = client.get(SERVICES)
    with django_assert_num_queries(0):
        again = client.get(SERVICES)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    with django_assert_num_queries(0):
        assert client.get(SERVICES, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # A filter reads its region's and municipality's ids too; then it is cached as well.
    with django_assert_num_queries(6):
        client.get(SERVICES, QUERY_STRING="region=VT20&municipality=GM0344")
    with django_assert_num_queries(0):
        client.get(SERVICES, QUERY_STRING="region=VT20&municipality=GM0344")


def test_a_page_past_the_end_builds_no_services(client, directory, django_assert_num_queries):
    with django_assert_num_queries(1):  # the count only
        body = client.get(SERVICES, QUERY_STRING="page=5").json()
    assert (body["total_items"], body["size"], body["contents"], body["last_page"]) == (4, 0, [], True)


def test_capacity_answers_are_built_for_every_request(directory):
    api = TokenClient(token_for(staff_of()).secret)
    _get(api, SERVICES)  # the first use also stamps the token
    _response, second = _get(api, SERVICES)
    _response, third = _get(api, SERVICES)
    assert second == third >= 5  # the token and the four of the list, every time


# --- A change shows in the next answer -----------------------------------------------------------------------


def _services(client, query: dict | None = None) -> list[dict]:
    """The services, after proving the answer is served from the cache (no query the second time)."""
    _get(client, SERVICES, query)
    response, queries = _get(client, SERVICES, query)
    assert queries == 0
    return response.json()["contents"]


def _by_id(services: list[dict], therapist) -> dict:
    return next(s for s in services if s["id"] == export.service_id(therapist))


def test_a_changed_name_shows_at_once(client, directory):
    therapist = public_therapist(methods=["emdr"])
    assert "Zwaluw" not in _by_id(_services(client), therapist)["name"]
    therapist.user.last_name = "Zwaluw"
    therapist.user.save()
    assert "Zwaluw" in _by_id(_get(client, SERVICES)[0].json()["contents"], therapist)["name"]


def test_a_profile_leaving_the_directory_is_gone_at_once(client, directory):
    leaving = public_therapist()
    assert export.service_id(leaving) in {s["id"] for s in _services(client)}
    leaving.public_profile = False
    leaving.save()
    assert export.service_id(leaving) not in {s["id"] for s in _get(client, SERVICES)[0].json()["contents"]}


def test_a_changed_method_list_shows_at_once(client, directory):
    therapist = public_therapist(methods=["emdr"])
    assert len(_by_id(_services(client), therapist)["attributes"]) == 1
    therapist.methods.add(Method.objects.get(slug="nmt"))  # an M2M change, no save of the profile
    assert len(_by_id(_get(client, SERVICES)[0].json()["contents"], therapist)["attributes"]) == 2


def test_a_renamed_method_shows_at_once(client, directory):
    therapist = public_therapist(methods=["emdr"])
    assert _by_id(_services(client), therapist)["attributes"][0]["taxonomy_term"]["name"] != "EMDR-plus"
    emdr = Method.objects.get(slug="emdr")
    emdr.name_nl = "EMDR-plus"
    emdr.save()
    assert _by_id(_get(client, SERVICES)[0].json()["contents"], therapist)["attributes"][0]["taxonomy_term"][
        "name"
    ] == ("EMDR-plus")


def test_a_work_location_added_or_removed_shows_at_once(client, directory):
    therapist = public_therapist(locations=["1011"])
    assert [a["extent"] for a in _by_id(_services(client), therapist)["service_areas"]] == ["GM0363"]
    added = work_location_add(therapist, "3511")
    assert [a["extent"] for a in _by_id(_services(client), therapist)["service_areas"]] == ["GM0344", "GM0363"]
    WorkLocation.objects.get(pk=added.pk).delete()
    assert [a["extent"] for a in _by_id(_get(client, SERVICES)[0].json()["contents"], therapist)["service_areas"]] == [
        "GM0363"
    ]


def test_a_renamed_municipality_shows_at_once(client, directory):
    therapist = public_therapist(locations=["3511"])
    assert _by_id(_services(client), therapist)["service_areas"][0]["name"] == "Utrecht"
    utrecht = Municipality.objects.get(code="GM0344")
    utrecht.name = "Utrecht (stad)"
    utrecht.save()
    assert _by_id(_get(client, SERVICES)[0].json()["contents"], therapist)["service_areas"][0]["name"] == (
        "Utrecht (stad)"
    )


def test_a_changed_region_shows_in_the_filtered_list_at_once(client, directory):
    region = Region.objects.get(code="VT20")
    assert len(_services(client, {"region": "VT20"})) == 2
    region.municipalities.remove(Municipality.objects.get(code="GM0344"))
    assert _get(client, SERVICES, {"region": "VT20"})[0].json()["contents"] == []


def test_an_organisation_change_rebuilds_the_cached_list(client, directory):
    """Organisations are watched with the directory: a change makes a new data version, so the list is built
    again (its services do not show organisations, so the body stays the same)."""
    before = _services(client)
    organisation = OrganisationFactory()
    response, queries = _get(client, SERVICES)
    assert queries > 0 and response.json()["contents"] == before
    _services(client)
    organisation.name = "Andere naam"
    organisation.save()
    assert _get(client, SERVICES)[1] > 0
