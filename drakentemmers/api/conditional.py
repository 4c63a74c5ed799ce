"""Conditional GET for the public list endpoints: ETag and Last-Modified, 304 on a match, and paging.

The ETag is a hash of the exact body, so it is right whatever changed; Last-Modified is when the data behind
the list last changed (api.selectors.directory_last_modified), for clients that only keep dates.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from ninja.responses import NinjaJSONEncoder
from pydantic import BaseModel

# Public lists may be kept this long by browsers and shared caches.
PUBLIC_MAX_AGE_SECONDS = 60
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Ids in paths stay within the database's bigint, so a fuzzed huge number is a 404, not an overflow.
MAX_ID = 2**53
# Filter codes: a region code of any division (VT01, GHNT12, ...) and a CBS municipality code (GM0363).
REGION_CODE = r"^[A-Za-z0-9_-]{1,16}$"
MUNICIPALITY_CODE = r"^[Gg][Mm][0-9]{4}$"


def page_slice(*, limit: int, offset: int) -> slice:
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    return slice(offset, offset + limit)


def page_links(request: HttpRequest, *, count: int, limit: int, offset: int) -> dict[str, str | None]:
    """Absolute next/previous links that keep the other query parameters."""

    def link(new_offset: int) -> str:
        query = request.GET.copy()
        query["limit"] = str(limit)
        query["offset"] = str(new_offset)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(0, offset - limit)) if offset > 0 else None,
    }


def json_body(data: BaseModel | dict) -> bytes:
    """The exact bytes the API sends for a payload: a schema, or plain JSON-ready dicts (no validation step)."""
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json", by_alias=True)
    return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False).encode()


def body_etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def conditional_json(
    request: HttpRequest,
    payload: BaseModel | dict,
    *,
    last_modified: datetime | Callable[[str], datetime] | None,
    private: bool = False,
) -> HttpResponse:
    """The payload as JSON with ETag/Last-Modified; 304 when the client's copy is current.

    `last_modified` is a date, or a function of the ETag for a list whose date depends on its exact body.
    """
    return conditional_body(request, json_body(payload), last_modified=last_modified, private=private)


def conditional_body(
    request: HttpRequest,
    body: bytes,
    *,
    last_modified: datetime | Callable[[str], datetime] | None,
    private: bool = False,
    etag: str | None = None,
) -> HttpResponse:
    """`conditional_json` for a body already encoded (e.g. from the cache, with its `etag` computed then)."""
    etag = etag or body_etag(body)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    if callable(last_modified):
        last_modified = last_modified(etag)
    timestamp = int(last_modified.timestamp()) if last_modified else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    # Capacities (availability) depend on who asks: never in a shared cache.
    response["Cache-Control"] = "private, no-store" if private else f"public, max-age={PUBLIC_MAX_AGE_SECONDS}"
    patch_vary_headers(response, ["Authorization"])
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)
