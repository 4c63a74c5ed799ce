"""The public directory as Open Referral HSDS 3.1 objects (plain dicts with HSDS field names).

The mapping, field by field, is in docs/hsds-mapping.md. In short: the platform is the one organization;
each public mini-profile is a service; the municipalities members work in are locations and, per service,
service areas; treatment methods and target groups are taxonomy terms linked to services as attributes.
Availability (free places, with the time it was confirmed) is a 3.1 service_capacity, included only for a
caller who may see availability (`api.permissions.can_see_availability`): on the public platform it is
never shown to anonymous visitors.

Ids are UUIDv5 from our own keys, so they are stable between exports and never reveal a database id order.
"""

import uuid
from collections.abc import Iterable
from datetime import datetime
from functools import cache

from django.conf import settings
from django.urls import reverse

from drakentemmers.directory.models import Method, TargetGroup, TherapistProfile
from drakentemmers.regions.models import Municipality

NAMESPACE = uuid.UUID("6f1d3c2e-8a4b-5c7d-9e0f-1a2b3c4d5e6f")
PLATFORM_NAME = "Drakentemmers"
PLATFORM_FULL_NAME = "Expertiseplatform Trauma en Gehechtheid na Huiselijk Geweld en Kindermishandeling"
PLATFORM_DESCRIPTION = (
    "Landelijk netwerk van geverifieerde behandelaars (psychologen, orthopedagogen en behandelaars in opleiding) "
    "die trauma- en gehechtheidsproblematiek na huiselijk geweld en kindermishandeling behandelen. Opvang, "
    "MDA++-teams en gemeenten vinden en benaderen hen via het platform."
)
METHODS_TAXONOMY = "drakentemmers-behandelmethoden"
TARGET_GROUPS_TAXONOMY = "drakentemmers-doelgroepen"
TAXONOMIES = {
    METHODS_TAXONOMY: ("Behandelmethoden", "Behandelmethoden die leden van Drakentemmers aanbieden."),
    TARGET_GROUPS_TAXONOMY: ("Doelgroepen", "Doelgroepen waarmee leden van Drakentemmers werken."),
}
CBS_IDENTIFIER_TYPE = "CBS gemeentecode"
PLACES_UNIT = ("plaatsen", "Vrije behandelplaatsen")
CAPACITY_GROUPS = (
    ("adults", "free_places_adults", "Volwassenen"),
    ("children", "free_places_children", "Kinderen en jongeren"),
)


def uid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def _site(path: str) -> str:
    return settings.SITE_URL + path


def _iso(moment: datetime) -> str:
    return moment.isoformat()


@cache
def organization_id() -> str:
    return uid("organization", "drakentemmers")


def organization() -> dict:
    return {
        "id": organization_id(),
        "name": PLATFORM_NAME,
        "alternate_name": PLATFORM_FULL_NAME,
        "description": PLATFORM_DESCRIPTION,
        "email": settings.PLATFORM_CONTACT_EMAIL,
        "website": _site("/"),
    }


def taxonomy(key: str) -> dict:
    name, description = TAXONOMIES[key]
    return {"id": uid("taxonomy", key), "name": name, "description": description, "version": "1"}


def taxonomies() -> list[dict]:
    return [taxonomy(key) for key in TAXONOMIES]


def _term(key: str, vocabulary_term) -> dict:
    return {
        "id": uid("taxonomy_term", key, vocabulary_term.slug),
        "code": vocabulary_term.slug,
        "name": vocabulary_term.name_nl,
        "description": vocabulary_term.name_en or vocabulary_term.name_nl,
        "taxonomy": key,
        "taxonomy_id": uid("taxonomy", key),
        "language": "nl",
    }


def method_term(method: Method) -> dict:
    return _term(METHODS_TAXONOMY, method)


def target_group_term(group: TargetGroup) -> dict:
    return _term(TARGET_GROUPS_TAXONOMY, group)


def taxonomy_terms() -> list[dict]:
    methods = [method_term(m) for m in Method.objects.filter(is_active=True).order_by("order", "name_nl")]
    groups = [target_group_term(g) for g in TargetGroup.objects.filter(is_active=True).order_by("order", "name_nl")]
    return methods + groups


def location_id(municipality: Municipality) -> str:
    return uid("location", "municipality", municipality.code)


def location(municipality: Municipality) -> dict:
    """A municipality members work in, at its population-weighted centre: never a practice or shelter address."""
    return {
        "id": location_id(municipality),
        "location_type": "physical",
        "organization_id": organization_id(),
        "name": municipality.name,
        "description": f"Gemeente {municipality.name}: werkgebied van leden (geen adres).",
        "latitude": municipality.latitude,
        "longitude": municipality.longitude,
        "external_identifier": municipality.code,
        "external_identifier_type": CBS_IDENTIFIER_TYPE,
    }


def service_id(therapist: TherapistProfile) -> str:
    return uid("service", "therapist", therapist.pk)


def _municipalities(therapist: TherapistProfile) -> list[Municipality]:
    seen: dict[str, Municipality] = {}
    for work_location in therapist.locations.all():
        seen.setdefault(work_location.municipality.code, work_location.municipality)
    return [seen[code] for code in sorted(seen)]


def service_area(therapist: TherapistProfile, municipality: Municipality) -> dict:
    return {
        "id": uid("service_area", therapist.pk, municipality.code),
        "service_id": service_id(therapist),
        "name": municipality.name,
        "description": f"Gemeente {municipality.name}",
        "extent": municipality.code,
        "extent_type": "text",
    }


def service_capacities(therapist: TherapistProfile) -> list[dict]:
    """Free places per group as 3.1 service_capacity; none while the availability was never confirmed."""
    if therapist.availability_confirmed_at is None:
        return []
    unit_name, unit_description = PLACES_UNIT
    unit = {"id": uid("unit", unit_name), "name": unit_name, "scheme": "drakentemmers", "identifier": unit_name}
    return [
        {
            "id": uid("service_capacity", therapist.pk, group),
            "service_id": service_id(therapist),
            "unit": unit,
            "unit_id": unit["id"],
            "available": getattr(therapist, field),
            "description": f"{unit_description}: {label}",
            "updated": _iso(therapist.availability_confirmed_at),
        }
        for group, field, label in CAPACITY_GROUPS
    ]


def _attribute(therapist: TherapistProfile, term: dict) -> dict:
    return {
        "id": uid("attribute", therapist.pk, term["id"]),
        "link_id": service_id(therapist),
        "link_type": "service_type",
        "link_entity": "service",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


def service(therapist: TherapistProfile, *, with_capacity: bool) -> dict:
    """One public mini-profile as a service; `with_capacity` adds availability (see the module docstring)."""
    sid = service_id(therapist)
    municipalities = _municipalities(therapist)
    methods = list(therapist.methods.all())
    profession = therapist.profession.name_nl if therapist.profession else "Behandelaar"
    method_names = ", ".join(m.name_nl for m in methods)
    description = f"Traumabehandeling na huiselijk geweld en kindermishandeling door {profession.lower()}"
    description += f". Methoden: {method_names}." if method_names else "."
    data = {
        "id": sid,
        "organization_id": organization_id(),
        "name": f"{therapist.display_name} ({profession})",
        "description": description,
        "url": _site(reverse("directory:therapist_public", args=[therapist.pk])),
        "status": "active",
        "application_process": "Verwijzers (opvang, MDA++, gemeenten) benaderen leden via het Drakentemmers-platform.",
        "last_modified": _iso(therapist.updated_at),
        "service_areas": [service_area(therapist, m) for m in municipalities],
        "service_at_locations": [
            {
                "id": uid("service_at_location", therapist.pk, m.code),
                "service_id": sid,
                "location_id": location_id(m),
            }
            for m in municipalities
        ],
        "attributes": [_attribute(therapist, method_term(m)) for m in methods],
    }
    if with_capacity:
        data["capacities"] = service_capacities(therapist)
        data["wait_time"] = f"{therapist.waiting_weeks} weken"
    return data


def services(therapists: Iterable[TherapistProfile], *, with_capacity: bool) -> list[dict]:
    return [service(t, with_capacity=with_capacity) for t in therapists]


def locations(therapists: Iterable[TherapistProfile], *, within: set[str] | None = None) -> list[dict]:
    """The work municipalities of `therapists`; with `within` (CBS codes) only those among them."""
    seen: dict[str, Municipality] = {}
    for therapist in therapists:
        for municipality in _municipalities(therapist):
            if within is None or municipality.code in within:
                seen.setdefault(municipality.code, municipality)
    return [location(seen[code]) for code in sorted(seen)]


def service_areas(therapists: Iterable[TherapistProfile], *, within: set[str] | None = None) -> list[dict]:
    """One per therapist and work municipality; with `within` (CBS codes) only those municipalities."""
    return [service_area(t, m) for t in therapists for m in _municipalities(t) if within is None or m.code in within]
