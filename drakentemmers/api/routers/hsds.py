"""Open Referral HSDS 3.1 export of the public directory (docs/hsds-mapping.md).

Pages follow the HSDS API's `Page` (total_items, total_pages, page_number, size, first_page, last_page,
empty, contents). Filters region and municipality select the services of members working there; locations and
service areas are then only the municipalities that match (a service keeps all its nested service areas).

Every answer without capacities is the same for every caller, so its encoded body (and ETag) is kept in the
public-data cache (`core.public_cache.cached_data`), keyed by the endpoint, the language and every query
parameter. It shares the data version of the public pages: a save or delete of a profile, its user, work
locations, methods, professions, organisations or the regions invalidates it (the models are watched in
directory.apps and regions.apps). Answers with capacities (`can_see_availability`) are built for each request.
"""

import math
from collections.abc import Callable

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Query, Router, Schema
from pydantic import Field

from drakentemmers.core import public_cache
from drakentemmers.directory.models import TherapistProfile

from .. import selectors
from ..auth import OPTIONAL_TOKEN, optional_token_auth
from ..conditional import MUNICIPALITY_CODE, REGION_CODE, body_etag, conditional_body, conditional_json, json_body
from ..hsds import export
from ..permissions import can_see_availability
from ..schemas import ErrorOut, ValidationErrorOut

router = Router(tags=["hsds"], auth=optional_token_auth)

HSDS_MAX_PER_PAGE = 100
RESPONSES = {304: None, 401: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut}


class HsdsPage(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict]


class HsdsParams(Schema):
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(50, ge=1, le=HSDS_MAX_PER_PAGE)
    region: str | None = Field(None, pattern=REGION_CODE, description="Region code, e.g. VT01 (any division)")
    municipality: str | None = Field(None, pattern=MUNICIPALITY_CODE, description="CBS municipality code, e.g. GM0363")


def _page(contents: list[dict], *, total: int, params: HsdsParams) -> dict:
    """One page of `total` objects; `contents` are the objects of the page asked for. A plain dict (the shape of
    HsdsPage, field for field), encoded without a pydantic round trip."""
    pages = max(1, math.ceil(total / params.per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": params.page,
        "size": len(contents),
        "first_page": params.page == 1,
        "last_page": params.page >= pages,
        "empty": total == 0,
        "contents": contents,
    }


def _start(params: HsdsParams) -> int:
    return (params.page - 1) * params.per_page


def _page_of(objects: list[dict], params: HsdsParams) -> dict:
    start = _start(params)
    return _page(objects[start : start + params.per_page], total=len(objects), params=params)


def _profiles(params: HsdsParams) -> QuerySet[TherapistProfile]:
    return selectors.public_profile_list(region=params.region, municipality=params.municipality, with_regions=False)


def _therapists(params: HsdsParams) -> list[TherapistProfile]:
    return list(_profiles(params))


def _services_page(params: HsdsParams, *, with_capacity: bool) -> dict:
    """Services map one to one to therapists: count them, then build only the page's services."""
    qs = _profiles(params)
    total = qs.count()
    start = _start(params)
    therapists = list(qs[start : start + params.per_page]) if start < total else []
    return _page(export.services(therapists, with_capacity=with_capacity), total=total, params=params)


def _within(params: HsdsParams) -> set[str] | None:
    return selectors.municipality_codes_within(region=params.region, municipality=params.municipality)


def _changed():
    return selectors.directory_last_modified()


def _caller_user(request: HttpRequest):
    return getattr(request.auth, "user", None)


def cache_key(endpoint: str, params: HsdsParams) -> str:
    """Everything the body depends on besides the data version: the endpoint, the language (a nameless member
    is "Therapist 12" in it) and every query parameter."""
    return (
        f"hsds:{endpoint}:{get_language()}:{params.page}:{params.per_page}:"
        f"{params.region or ''}:{params.municipality or ''}"
    )


def _public(request: HttpRequest, endpoint: str, params: HsdsParams, build: Callable[[], dict]):
    """The page for every caller without capacities, from the public-data cache (see the module docstring)."""

    def encoded() -> tuple[bytes, str]:
        body = json_body(build())
        return body, body_etag(body)

    body, etag = public_cache.cached_data(cache_key(endpoint, params), encoded)
    return conditional_body(request, body, etag=etag, last_modified=_changed())


@router.get(
    "/organizations", response={200: HsdsPage, **RESPONSES}, url_name="hsds_organizations", openapi_extra=OPTIONAL_TOKEN
)
def organizations(request: HttpRequest, params: Query[HsdsParams]):
    """The organization behind the offer: the Drakentemmers platform."""
    return conditional_json(request, _page_of([export.organization()], params), last_modified=_changed())


@router.get("/services", response={200: HsdsPage, **RESPONSES}, url_name="hsds_services", openapi_extra=OPTIONAL_TOKEN)
def services(request: HttpRequest, params: Query[HsdsParams]):
    """One service per public mini-profile; capacities (availability) only for a token that may see them."""
    if can_see_availability(_caller_user(request)):
        payload = _services_page(params, with_capacity=True)
        return conditional_json(request, payload, last_modified=_changed(), private=True)
    return _public(request, "services", params, lambda: _services_page(params, with_capacity=False))


@router.get(
    "/locations", response={200: HsdsPage, **RESPONSES}, url_name="hsds_locations", openapi_extra=OPTIONAL_TOKEN
)
def locations(request: HttpRequest, params: Query[HsdsParams]):
    """The municipalities members work in (never an address); filtered, only the municipalities that match."""

    def build() -> dict:
        return _page_of(export.locations(_therapists(params), within=_within(params)), params)

    return _public(request, "locations", params, build)


@router.get(
    "/service_areas", response={200: HsdsPage, **RESPONSES}, url_name="hsds_service_areas", openapi_extra=OPTIONAL_TOKEN
)
def service_areas(request: HttpRequest, params: Query[HsdsParams]):
    """Each member's work municipalities; filtered, only the municipalities that match."""

    def build() -> dict:
        return _page_of(export.service_areas(_therapists(params), within=_within(params)), params)

    return _public(request, "service_areas", params, build)


@router.get(
    "/taxonomies", response={200: HsdsPage, **RESPONSES}, url_name="hsds_taxonomies", openapi_extra=OPTIONAL_TOKEN
)
def taxonomies(request: HttpRequest, params: Query[HsdsParams]):
    return conditional_json(request, _page_of(export.taxonomies(), params), last_modified=_changed())


@router.get(
    "/taxonomy_terms",
    response={200: HsdsPage, **RESPONSES},
    url_name="hsds_taxonomy_terms",
    openapi_extra=OPTIONAL_TOKEN,
)
def taxonomy_terms(request: HttpRequest, params: Query[HsdsParams]):
    """Treatment methods and target groups."""
    return _public(request, "taxonomy_terms", params, lambda: _page_of(export.taxonomy_terms(), params))
