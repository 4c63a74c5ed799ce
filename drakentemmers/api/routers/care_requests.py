"""A verified organisation's own care requests and their status (token of its staff).

Who sees which request is matching's rule: `staff_organisations` for the list and
`get_care_request_for_user(..., write=True)` (the organisation's staff only) for one request. Every read is
access-logged like the request pages.
"""

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Path, Query, Router, Schema
from pydantic import Field

from drakentemmers.core.services import access_log_record, access_log_record_list
from drakentemmers.matching import selectors as matching_selectors
from drakentemmers.matching.models import CareRequest, RequestStatus
from drakentemmers.matching.permissions import get_care_request_for_user, staff_organisations

from ..auth import token_auth
from ..conditional import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, page_links, page_slice
from ..schemas import CareRequestOut, CareRequestsOut, ErrorOut, MunicipalityRef, ValidationErrorOut

router = Router(tags=["organisation"], auth=token_auth)


class CareRequestParams(Schema):
    status: RequestStatus | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


def care_request_out(request: HttpRequest, care_request: CareRequest) -> CareRequestOut:
    municipality = care_request.municipality
    return CareRequestOut(
        id=care_request.pk,
        kind=care_request.kind,
        status=care_request.status,
        status_label=str(care_request.get_status_display()),
        title=care_request.title,
        setting=care_request.setting,
        municipality=MunicipalityRef(code=municipality.code, name=municipality.name) if municipality else None,
        urgency=care_request.urgency,
        created_at=care_request.created_at,
        published_at=care_request.published_at,
        matched_at=care_request.matched_at,
        closed_at=care_request.closed_at,
        candidacy_count=care_request.candidacy_count,
        accepted_count=care_request.accepted_count,
        offered_count=care_request.offered_count,
        url=request.build_absolute_uri(reverse("matching:request_detail", args=[care_request.pk])),
    )


@router.get(
    "/care-requests",
    response={200: CareRequestsOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut},
    url_name="care_requests",
)
def care_requests(request: HttpRequest, params: Query[CareRequestParams]):
    """The care requests of the organisation(s) the token's owner works for, newest first."""
    organisations = staff_organisations(request.user)
    if not organisations:
        raise Http404
    qs = matching_selectors.care_request_list(organisations=organisations, status=params.status or "")
    count = qs.count()
    rows = list(qs[page_slice(limit=params.limit, offset=params.offset)])
    access_log_record_list(request=request, objects=rows, action="api_list")
    return CareRequestsOut(
        count=count,
        limit=params.limit,
        offset=params.offset,
        items=[care_request_out(request, row) for row in rows],
        **page_links(request, count=count, limit=params.limit, offset=params.offset),
    )


@router.get(
    "/care-requests/{request_id}",
    response={200: CareRequestOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut},
    url_name="care_request",
)
def care_request_detail(request: HttpRequest, request_id: int = Path(..., ge=1, le=MAX_ID)):
    """One of the organisation's own requests; another organisation's gives 404."""
    care_request = get_care_request_for_user(request.user, request_id, write=True)
    rows = list(
        matching_selectors.care_request_list(organisations=[care_request.organisation]).filter(pk=care_request.pk)
    )
    access_log_record(request=request, obj=care_request, action="api_view")
    return care_request_out(request, rows[0])
