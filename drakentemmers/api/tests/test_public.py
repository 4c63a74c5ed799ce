"""Public endpoints: what the public mini-profile shows and nothing more; filters, paging, ETag, 304."""

import pytest
from django.urls import reverse

from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory

from .factories import public_therapist

pytestmark = pytest.mark.django_db
PROFILES = "/api/v1/profiles"

# Fields of a therapist that the public mini-profile never shows; none may appear in any public answer.
NON_PUBLIC_VALUES = ("practice_name", "big_number", "bio", "contact_preferences")


def test_index_links_every_list_and_the_feeds(client):
    """Every public list of the API, the OpenAPI document, the docs, the trainings' iCal feed and the public
    knowledge's RSS and Atom feeds are linked, and each link answers."""
    body = client.get("/api/v1/").json()
    rels = {link["rel"]: link["href"] for link in body["links"]}
    assert rels["openapi"].endswith("/api/v1/openapi.json") and rels["docs"].endswith("/api/docs")
    assert rels["trainings-ical"].endswith(reverse("learning:calendar_ics"))
    assert rels["knowledge-rss"].endswith(reverse("knowledge:feed"))
    assert rels["knowledge-atom"].endswith(reverse("knowledge:feed_atom"))
    assert rels["trainings"].endswith("/api/v1/trainings")
    hsds = {f"hsds-{name}" for name in ("organizations", "services", "locations", "service-areas", "taxonomies")}
    assert {"regions", "methods", "profiles", "hsds-taxonomy-terms"} | hsds <= set(rels)
    for rel, href in rels.items():
        response = client.get(href)
        assert response.status_code == 200, href
        if rel == "trainings-ical":
            assert response["Content-Type"].startswith("text/calendar")
        if rel.startswith("knowledge-"):
            assert "xml" in response["Content-Type"]
    assert "Open Referral" in body["licence_note"]


def test_every_public_list_is_in_the_index(client):
    """A public GET list added to the API without an index link fails here."""
    from drakentemmers.api.api import api

    linked = {link["href"].split("/api/v1", 1)[-1] for link in client.get("/api/v1/").json()["links"]}
    paths = api.get_openapi_schema()["paths"]
    public_lists = {
        path.removeprefix("/api/v1")
        for path, operations in paths.items()
        if "get" in operations and "{" not in path and {} in operations["get"].get("security", [])
    }
    assert public_lists - {"/"} <= linked, public_lists - linked


def test_profiles_are_only_the_opted_in_verified_ones(client):
    shown = public_therapist(methods=["emdr"], practice_name="Praktijk Geheim", bio="Over mij")
    TherapistProfileFactory(public_profile=False)
    public_therapist(status=VerificationStatus.SUBMITTED, verified_at=None)
    response = client.get(PROFILES)
    body = response.json()
    assert [item["id"] for item in body["items"]] == [shown.pk]
    item = body["items"][0]
    assert set(item) == {"id", "name", "profession", "regions", "municipalities", "methods", "url"}
    assert item["municipalities"] == [{"code": "GM0363", "name": "Amsterdam"}]
    assert item["url"].endswith(reverse("directory:therapist_public", args=[shown.pk]))
    content = response.content.decode()
    for value in ("Praktijk Geheim", "Over mij", shown.big_number, "accepting", "free_places", "waiting"):
        assert value not in content


def test_profile_detail_404_unless_public(client):
    hidden = TherapistProfileFactory(public_profile=False)
    assert client.get(f"{PROFILES}/{hidden.pk}").status_code == 404
    shown = public_therapist()
    assert client.get(f"{PROFILES}/{shown.pk}").json()["id"] == shown.pk


def test_filter_by_municipality_and_region(client):
    amsterdam = public_therapist(locations=["1011"])
    utrecht = public_therapist(locations=["3511"])
    ids = lambda query: [i["id"] for i in client.get(PROFILES, QUERY_STRING=query).json()["items"]]  # noqa: E731
    assert ids("municipality=GM0363") == [amsterdam.pk]
    assert ids("municipality=gm0344") == [utrecht.pk]
    assert ids("region=VT01") == [amsterdam.pk]
    assert ids("region=VT20") == [utrecht.pk]
    assert ids("region=XX99") == []  # an unknown code filters everything out, never nothing
    assert client.get(PROFILES, QUERY_STRING="municipality=" + "G" * 20).status_code == 422


def test_pagination_with_a_maximum(client):
    for _ in range(3):
        public_therapist()
    body = client.get(PROFILES, QUERY_STRING="limit=2").json()
    assert body["count"] == 3 and len(body["items"]) == 2 and "offset=2" in body["next"]
    assert client.get(PROFILES, QUERY_STRING="limit=101").status_code == 422
    assert client.get(PROFILES, QUERY_STRING="offset=-1").status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        PROFILES,
        "/api/v1/regions",
        "/api/v1/methods",
        "/api/v1/hsds/services",
        "/api/v1/hsds/locations",
        "/api/v1/hsds/service_areas",
    ],
)
def test_etag_gives_304_and_changes_with_the_data(client, url):
    therapist = public_therapist(methods=["emdr"])
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    public_therapist(methods=["emdr"], locations=["3511"])
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert therapist.pk


def test_regions_count_verified_therapists(client, region_vt):
    public_therapist(locations=["1011"])
    TherapistProfileFactory(locations=["1011"])  # not public, still a verified member: counted
    body = client.get("/api/v1/regions").json()
    assert body["kind"] == "vt"
    counts = {item["code"]: item["therapist_count"] for item in body["items"]}
    assert counts[region_vt.code] == 2
    assert client.get("/api/v1/regions", QUERY_STRING="kind=nonsense").status_code == 422


def test_methods_offered(client):
    public_therapist(methods=["emdr"])
    items = client.get("/api/v1/methods").json()["items"]
    assert [(m["code"], m["therapist_count"]) for m in items] == [("emdr", 1)]


def test_profiles_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _ in range(2):
        public_therapist(methods=["emdr"])
    with django_assert_max_num_queries(12) as few:
        client.get(PROFILES)
    for _ in range(6):
        public_therapist(methods=["emdr"], locations=["3511", "1011"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(PROFILES).json()["count"] == 8
    assert TherapistProfile.objects.count() == 8


def test_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert "/api/v1/me/care-requests/{request_id}" in schema["paths"]
    assert schema["components"]["securitySchemes"]["TokenBearer"]["scheme"] == "bearer"


def test_a_profile_leaving_the_directory_changes_last_modified(client):
    """A newest-updated_at would go back in time when the newest profile leaves; the stamp never does."""
    from drakentemmers.directory.models import TherapistProfile as Profile

    public_therapist()
    leaving = public_therapist()
    first = client.get(PROFILES)
    Profile.objects.filter(pk=leaving.pk).update(public_profile=False)  # no save signal: nothing changes yet
    leaving.public_profile = False
    leaving.save()
    again = client.get(PROFILES, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200 and again.json()["count"] == 1
    assert again["Last-Modified"] != first["Last-Modified"]


def test_profile_detail_etag_and_304(client):
    therapist = public_therapist(methods=["emdr"])
    url = f"{PROFILES}/{therapist.pk}"
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    therapist.user.first_name = "Anders"
    therapist.user.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "Anders" in changed.json()["name"]
