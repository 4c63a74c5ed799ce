"""The HSDS export: every exported object validates against the official HSDS 3.1 JSON schema (and, without
3.1's capacities, against 3.0), with every $ref resolved from the copies in api/hsds/schemas/."""

import pytest

from drakentemmers.api.hsds import validate
from drakentemmers.api.models import TokenScope
from drakentemmers.directory.tests.factories import TherapistProfileFactory

from .factories import TokenClient, public_therapist, staff_of, token_for

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "organizations": "organization",
    "services": "service",
    "locations": "location",
    "service_areas": "service_area",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
}


@pytest.fixture
def directory():
    public_therapist(methods=["emdr", "nmt"], target_groups=["slachtoffers"], locations=["1011", "3511"])
    public_therapist(methods=["emdr"], locations=["1011"], free_places_children=2)
    public_therapist(availability_confirmed_at=None)  # never confirmed: no capacity, still a service
    TherapistProfileFactory(public_profile=False)  # not in the public directory


def _all(client, endpoint: str) -> list[dict]:
    objects, page = [], 1
    while True:
        body = client.get(f"/api/v1/hsds/{endpoint}", QUERY_STRING=f"page={page}&per_page=2").json()
        objects += body["contents"]
        if body["last_page"]:
            return objects
        page += 1


def _assert_valid(version: str, object_name: str, objects: list[dict]) -> None:
    problems = {obj.get("id"): validate.errors(version, object_name, obj) for obj in objects}
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize(("endpoint", "object_name"), ENDPOINTS.items())
def test_every_exported_object_is_valid_hsds_3_1(client, directory, endpoint, object_name):
    objects = _all(client, endpoint)
    assert objects, endpoint
    _assert_valid("3.1", object_name, objects)


@pytest.mark.parametrize(("endpoint", "object_name"), ENDPOINTS.items())
def test_every_exported_object_is_valid_hsds_3_0_without_capacities(client, directory, endpoint, object_name):
    objects = [{k: v for k, v in obj.items() if k != "capacities"} for obj in _all(client, endpoint)]
    _assert_valid("3.0", object_name, objects)


def test_services_with_capacities_validate_too(directory):
    api = TokenClient(token_for(staff_of()).secret)
    services = _all(api, "services")
    capacities = [c for s in services for c in s.get("capacities", [])]
    assert len(capacities) == 4  # two services with a confirmed availability × adults and children
    _assert_valid("3.1", "service", services)
    for capacity in capacities:
        assert validate.errors("3.1", "service_capacity", capacity) == []
        assert capacity["updated"]


def test_the_validator_catches_a_bad_object():
    """The check is real: a wrong id format, a missing name and a bad nested capacity are caught."""
    bad = {"id": "not-a-uuid", "status": "open", "capacities": [{"id": "x", "available": 1}]}
    problems = "\n".join(validate.errors("3.1", "service", bad))
    assert "'name' is a required property" in problems
    assert "is not a 'uuid'" in problems
    assert "capacities/0" in problems and "'updated' is a required property" in problems


def test_availability_is_not_in_the_public_export(client, directory):
    services = _all(client, "services")
    assert len(services) == 3
    assert all("capacities" not in s and "wait_time" not in s for s in services)
    assert client.get("/api/v1/hsds/services")["Cache-Control"].startswith("public")


def test_a_therapists_own_token_does_not_open_availability_of_others(directory):
    therapist = public_therapist()
    api = TokenClient(token_for(therapist.user, scope=TokenScope.READ_WRITE, with_mfa=False).secret)
    assert all("capacities" not in s for s in _all(api, "services"))


def test_capacity_responses_are_private(directory):
    api = TokenClient(token_for(staff_of()).secret)
    response = api.get("/api/v1/hsds/services")
    assert "no-store" in response["Cache-Control"] and "Authorization" in response["Vary"]


def test_locations_are_municipalities_never_addresses(client, directory):
    locations = _all(client, "locations")
    assert {loc["external_identifier"] for loc in locations} == {"GM0363", "GM0344"}
    assert all("addresses" not in loc for loc in locations)


def test_filters_apply_to_the_export(client, directory):
    body = client.get("/api/v1/hsds/services", QUERY_STRING="municipality=GM0344").json()
    assert body["total_items"] == 1


def test_ids_are_stable_between_exports(client, directory):
    assert [s["id"] for s in _all(client, "services")] == [s["id"] for s in _all(client, "services")]


def test_services_query_count_does_not_grow(client, directory, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/hsds/services")
    for _ in range(5):
        public_therapist(methods=["emdr", "nmt"], locations=["1011", "3511"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/hsds/services").json()["total_items"] == 8


def test_region_filter_applies_to_services_locations_and_service_areas(client, directory):
    """VT20 (Utrecht) holds one of the three public members; an unknown region gives nothing, not everybody."""
    query = "region=VT20"
    services = client.get("/api/v1/hsds/services", QUERY_STRING=query).json()["contents"]
    assert len(services) == 1
    assert {a["extent"] for a in services[0]["service_areas"]} == {"GM0363", "GM0344"}  # the whole service
    # Locations and service areas: only the municipalities in the region, though that member works in both.
    locations = client.get("/api/v1/hsds/locations", QUERY_STRING=query).json()["contents"]
    assert [loc["external_identifier"] for loc in locations] == ["GM0344"]
    areas = client.get("/api/v1/hsds/service_areas", QUERY_STRING=query).json()["contents"]
    assert [(a["extent"], a["service_id"]) for a in areas] == [("GM0344", services[0]["id"])]
    amsterdam = client.get("/api/v1/hsds/service_areas", QUERY_STRING="municipality=GM0363").json()["contents"]
    assert len(amsterdam) == 3 and {a["extent"] for a in amsterdam} == {"GM0363"}
    nothing = client.get("/api/v1/hsds/services", QUERY_STRING="region=XX99").json()
    assert nothing["total_items"] == 0 and nothing["empty"] is True
    assert client.get("/api/v1/hsds/services", QUERY_STRING="municipality=0363").status_code == 422


def test_pages_cover_every_object_once(client, directory):
    first = client.get("/api/v1/hsds/services", QUERY_STRING="per_page=2").json()
    second = client.get("/api/v1/hsds/services", QUERY_STRING="per_page=2&page=2").json()
    assert (first["total_items"], first["total_pages"], first["size"], first["last_page"]) == (3, 2, 2, False)
    assert (second["page_number"], second["size"], second["last_page"]) == (2, 1, True)
    ids = [s["id"] for s in first["contents"] + second["contents"]]
    assert len(set(ids)) == 3
    assert client.get("/api/v1/hsds/services", QUERY_STRING="per_page=101").status_code == 422


# The copies must be the official files: byte for byte those in the project's shared data (beside the
# checkout in CI and in the main checkout; a worktree's is two levels up).
SHARED_CANDIDATES = [
    validate.SCHEMA_DIR.parents[4] / "shared" / "data",
    validate.SCHEMA_DIR.parents[5] / "shared" / "data",
]


@pytest.mark.parametrize("version", validate.VERSIONS)
def test_schema_copies_are_the_official_files_with_their_licence(version):
    copy = validate.SCHEMA_DIR / version
    note = (copy / "SOURCE.md").read_text()
    assert "CC BY-SA 4.0" in note and "Open Referral" in note
    shared = next((d / f"hsds-{version}" for d in SHARED_CANDIDATES if (d / f"hsds-{version}").is_dir()), None)
    if shared is None:
        pytest.skip("the shared HSDS data are not beside this checkout")
    official = {p.name for p in shared.glob("*.json")} - {"openapi.json"}
    assert {p.name for p in copy.glob("*.json")} == official
    for name in official:
        assert (copy / name).read_bytes() == (shared / name).read_bytes(), name
    assert (copy / "SOURCE.md").read_bytes() == (shared / "SOURCE.md").read_bytes()


def _documented_fields() -> dict[str, set[str]]:
    """Per `## object` / `### object` section of docs/hsds-mapping.md: the backticked names in the first
    column of its tables."""
    import re

    from django.conf import settings

    text = (settings.BASE_DIR / "docs" / "hsds-mapping.md").read_text()
    fields: dict[str, set[str]] = {}
    section = ""
    for line in text.splitlines():
        heading = re.match(r"#{2,3} (\w+)", line)
        if heading:
            section = heading.group(1)
            fields.setdefault(section, set())
        elif line.startswith("| `") and section:
            first_cell = line.split("|")[1]
            fields[section] |= set(re.findall(r"`(\w+)`", first_cell))
    return fields


def test_the_mapping_document_names_every_exported_field(directory):
    """docs/hsds-mapping.md documents the export field by field: a field added to an object without a row in
    its table fails here."""
    from drakentemmers.api.hsds import export
    from drakentemmers.directory.models import TherapistProfile

    therapists = list(TherapistProfile.objects.filter(public_profile=True, availability_confirmed_at__isnull=False))
    services = export.services(therapists, with_capacity=True)
    exported = {
        "organization": [export.organization()],
        "service": services,
        "service_capacity": [c for s in services for c in s["capacities"]],
        "unit": [c["unit"] for s in services for c in s["capacities"]],
        "service_at_location": [x for s in services for x in s["service_at_locations"]],
        "attribute": [a for s in services for a in s["attributes"]],
        "location": export.locations(therapists),
        "service_area": export.service_areas(therapists),
        "taxonomy": export.taxonomies(),
        "taxonomy_term": export.taxonomy_terms(),
    }
    documented = _documented_fields()
    for object_name, objects in exported.items():
        assert objects, object_name
        keys = {key for obj in objects for key in obj}
        missing = keys - documented.get(object_name, set())
        assert not missing, f"{object_name}: {sorted(missing)} not in docs/hsds-mapping.md"


def test_the_validate_command_checks_the_whole_export(directory):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("hsds_validate", stdout=out)
    text = out.getvalue()
    assert "3.1 service                       3 objects" in text
    assert "3.1 service_capacity              4 objects" in text
    assert text.strip().endswith(", 0 errors")


def test_the_validate_command_fails_on_an_invalid_object(directory, monkeypatch):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from drakentemmers.api.hsds import check

    objects = check.export_objects()
    objects["location"][0]["latitude"] = "north"
    monkeypatch.setattr(check, "export_objects", lambda: objects)
    err = StringIO()
    with pytest.raises(CommandError, match=r"objects validated, 2 errors"):
        call_command("hsds_validate", stdout=StringIO(), stderr=err)
    assert err.getvalue().count("latitude") == 2  # 3.0 and 3.1
