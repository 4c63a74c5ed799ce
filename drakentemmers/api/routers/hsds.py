"""Open Referral HSDS 3.1 export of the public directory (docs/hsds-mapping.md).

Pages follow the HSDS API's `Page` (total_items, total_pages, page_number, size, first_page, last_page,
empty, contents). Filters region and municipality select the services of members working there; locations and
service areas are then only the municipalities that match (a service keeps all its nested service areas).
"""

import math

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from drakentemmers.directory.models import TherapistProfile

from .. import selectors
from ..auth import OPTIONAL_TOKEN, optional_token_auth
from ..conditional import MUNICIPALITY_CODE, REGION_CODE, conditional_json
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


def _page(objects: list[dict], params: HsdsParams) -> HsdsPage:
    total = len(objects)
    pages = max(1, math.ceil(total / params.per_page))
    start = (params.page - 1) * params.per_page
    contents = objects[start : start + params.per_page]
    return HsdsPage(
        total_items=total,
        total_pages=pages,
        page_number=params.page,
        size=len(contents),
        first_page=params.page == 1,
        last_page=params.page >= pages,
        empty=total == 0,
        contents=contents,
    )


def _therapists(params: HsdsParams) -> list[TherapistProfile]:
    return list(selectors.public_profile_list(region=params.region, municipality=params.municipality))


def _within(params: HsdsParams) -> set[str] | None:
    return selectors.municipality_codes_within(region=params.region, municipality=params.municipality)


def _changed():
    return selectors.directory_last_modified()


def _caller_user(request: HttpRequest):
    return getattr(request.auth, "user", None)


@router.get(
    "/organizations", response={200: HsdsPage, **RESPONSES}, url_name="hsds_organizations", openapi_extra=OPTIONAL_TOKEN
)
def organizations(request: HttpRequest, params: Query[HsdsParams]):
    """The organization behind the offer: the Drakentemmers platform."""
    return conditional_json(request, _page([export.organization()], params), last_modified=_changed())


@router.get("/services", response={200: HsdsPage, **RESPONSES}, url_name="hsds_services", openapi_extra=OPTIONAL_TOKEN)
def services(request: HttpRequest, params: Query[HsdsParams]):
    """One service per public mini-profile; capacities (availability) only for a token that may see them."""
    with_capacity = can_see_availability(_caller_user(request))
    therapists = _therapists(params)
    payload = _page(export.services(therapists, with_capacity=with_capacity), params)
    return conditional_json(request, payload, last_modified=_changed(), private=with_capacity)


@router.get(
    "/locations", response={200: HsdsPage, **RESPONSES}, url_name="hsds_locations", openapi_extra=OPTIONAL_TOKEN
)
def locations(request: HttpRequest, params: Query[HsdsParams]):
    """The municipalities members work in (never an address); filtered, only the municipalities that match."""
    therapists = _therapists(params)
    payload = _page(export.locations(therapists, within=_within(params)), params)
    return conditional_json(request, payload, last_modified=_changed())


@router.get(
    "/service_areas", response={200: HsdsPage, **RESPONSES}, url_name="hsds_service_areas", openapi_extra=OPTIONAL_TOKEN
)
def service_areas(request: HttpRequest, params: Query[HsdsParams]):
    """Each member's work municipalities; filtered, only the municipalities that match."""
    therapists = _therapists(params)
    payload = _page(export.service_areas(therapists, within=_within(params)), params)
    return conditional_json(request, payload, last_modified=_changed())


@router.get(
    "/taxonomies", response={200: HsdsPage, **RESPONSES}, url_name="hsds_taxonomies", openapi_extra=OPTIONAL_TOKEN
)
def taxonomies(request: HttpRequest, params: Query[HsdsParams]):
    return conditional_json(request, _page(export.taxonomies(), params), last_modified=_changed())


@router.get(
    "/taxonomy_terms",
    response={200: HsdsPage, **RESPONSES},
    url_name="hsds_taxonomy_terms",
    openapi_extra=OPTIONAL_TOKEN,
)
def taxonomy_terms(request: HttpRequest, params: Query[HsdsParams]):
    """Treatment methods and target groups."""
    return conditional_json(request, _page(export.taxonomy_terms(), params), last_modified=_changed())
