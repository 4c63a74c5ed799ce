"""Public endpoints: the index, counts per region, methods offered and the public mini-profiles."""

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Path, Query, Router, Schema
from pydantic import Field

from drakentemmers.directory.models import TherapistProfile
from drakentemmers.directory.selectors import public_profile_regions
from drakentemmers.regions.models import RegionKind

from .. import selectors
from ..auth import OPTIONAL_TOKEN
from ..conditional import (
    DEFAULT_LIMIT,
    MAX_ID,
    MAX_LIMIT,
    MUNICIPALITY_CODE,
    REGION_CODE,
    conditional_json,
    page_links,
    page_slice,
)
from ..schemas import (
    ErrorOut,
    IndexOut,
    Link,
    MethodOut,
    MethodsOut,
    MunicipalityRef,
    ProfileOut,
    ProfilesOut,
    RegionCountOut,
    RegionCountsOut,
    ValidationErrorOut,
)

router = Router(tags=["public"])

LIST_RESPONSES = {304: None, 401: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut}

# The feeds of the learning and knowledge apps, next to the API's own trainings list.
FEED_LINKS = (
    ("trainings", "api-v1:trainings", "Trainings"),
    ("trainings-ical", "learning:calendar_ics", "Trainings (iCal)"),
    ("knowledge-rss", "knowledge:feed", "Public knowledge (RSS)"),
    ("knowledge-atom", "knowledge:feed_atom", "Public knowledge (Atom)"),
)
HSDS_LICENCE_NOTE = (
    "The /hsds/ endpoints follow the Open Referral Human Services Data Specification (HSDS) 3.1, "
    "CC BY-SA 4.0, copyright the Open Referral project."
)


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


class AreaParams(PageParams):
    region: str | None = Field(None, pattern=REGION_CODE, description="Region code, e.g. VT01 (any division)")
    municipality: str | None = Field(None, pattern=MUNICIPALITY_CODE, description="CBS municipality code, e.g. GM0363")


def _absolute(request: HttpRequest, url_name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(url_name, kwargs=kwargs or None))


@router.get(
    "/",
    response={200: IndexOut, 401: ErrorOut, 429: ErrorOut},
    url_name="api-root",
    openapi_extra=OPTIONAL_TOKEN,
    summary="API index",
)
def index(request: HttpRequest):
    links = [
        Link(rel="self", href=_absolute(request, "api-v1:api-root")),
        Link(rel="openapi", href=_absolute(request, "api-v1:openapi-json"), title="OpenAPI document"),
        Link(rel="docs", href=_absolute(request, "api_docs"), title="Documentation"),
        Link(rel="regions", href=_absolute(request, "api-v1:regions"), title="Therapists per region"),
        Link(rel="methods", href=_absolute(request, "api-v1:methods"), title="Methods offered"),
        Link(rel="profiles", href=_absolute(request, "api-v1:profiles"), title="Public mini-profiles"),
    ]
    for rel, name in (
        ("hsds-organizations", "hsds_organizations"),
        ("hsds-services", "hsds_services"),
        ("hsds-locations", "hsds_locations"),
        ("hsds-service-areas", "hsds_service_areas"),
        ("hsds-taxonomies", "hsds_taxonomies"),
        ("hsds-taxonomy-terms", "hsds_taxonomy_terms"),
    ):
        links.append(Link(rel=rel, href=_absolute(request, f"api-v1:{name}"), title="Open Referral HSDS 3.1"))
    for rel, url_name, title in FEED_LINKS:
        links.append(Link(rel=rel, href=_absolute(request, url_name), title=title))
    return IndexOut(name="Drakentemmers", version="1", links=links, licence_note=HSDS_LICENCE_NOTE)


class RegionParams(Schema):
    kind: RegionKind | None = Field(None, description="Division; default: the platform's reporting unit")


@router.get(
    "/regions", response={200: RegionCountsOut, **LIST_RESPONSES}, url_name="regions", openapi_extra=OPTIONAL_TOKEN
)
def regions(request: HttpRequest, params: Query[RegionParams]):
    """Verified therapists per region (the public network figures)."""
    kind, rows = selectors.region_counts(kind=params.kind)
    payload = RegionCountsOut(
        kind=kind,
        items=[RegionCountOut(code=r.code, name=r.name, kind=r.kind, therapist_count=r.therapist_count) for r in rows],
    )
    return conditional_json(request, payload, last_modified=selectors.directory_last_modified())


@router.get("/methods", response={200: MethodsOut, **LIST_RESPONSES}, url_name="methods", openapi_extra=OPTIONAL_TOKEN)
def methods(request: HttpRequest):
    """Treatment methods that verified members offer, with the number of members offering each."""
    with translation.override("nl"):
        items = [
            MethodOut(code=m.slug, name=m.name_nl, name_en=m.name_en, therapist_count=m.therapist_count)
            for m in selectors.offered_methods()
        ]
    return conditional_json(request, MethodsOut(items=items), last_modified=selectors.directory_last_modified())


def profile_out(request: HttpRequest, therapist: TherapistProfile) -> ProfileOut:
    """The mini-profile: name, profession, regions, municipalities, methods (as the public page shows them)."""
    municipalities: dict[str, str] = {}
    for location in therapist.locations.all():
        municipalities.setdefault(location.municipality.code, location.municipality.name)
    with translation.override(settings.LANGUAGE_CODE):
        return ProfileOut(
            id=therapist.pk,
            name=str(therapist.display_name),
            profession=therapist.profession.label if therapist.profession else None,
            regions=public_profile_regions(therapist),
            municipalities=[MunicipalityRef(code=c, name=n) for c, n in sorted(municipalities.items())],
            methods=[m.label for m in therapist.methods.all()],
            url=_absolute(request, "directory:therapist_public", pk=therapist.pk),
        )


@router.get(
    "/profiles", response={200: ProfilesOut, **LIST_RESPONSES}, url_name="profiles", openapi_extra=OPTIONAL_TOKEN
)
def profiles(request: HttpRequest, params: Query[AreaParams]):
    """Public mini-profiles of members who chose to show one; filter by region and municipality."""
    qs = selectors.public_profile_list(region=params.region, municipality=params.municipality)
    count = qs.count()
    items = [profile_out(request, t) for t in qs[page_slice(limit=params.limit, offset=params.offset)]]
    payload = ProfilesOut(
        count=count,
        limit=params.limit,
        offset=params.offset,
        items=items,
        **page_links(request, count=count, limit=params.limit, offset=params.offset),
    )
    return conditional_json(request, payload, last_modified=selectors.directory_last_modified())


@router.get(
    "/profiles/{profile_id}",
    response={200: ProfileOut, 304: None, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut},
    url_name="profile",
    openapi_extra=OPTIONAL_TOKEN,
)
def profile(request: HttpRequest, profile_id: int = Path(..., ge=1, le=MAX_ID)):
    """One public mini-profile (404 unless the member chose to show it)."""
    qs = selectors.public_profile_list().filter(pk=profile_id)
    therapist = next(iter(qs), None)
    if therapist is None:
        raise Http404
    return conditional_json(request, profile_out(request, therapist), last_modified=selectors.directory_last_modified())
