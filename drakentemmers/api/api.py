"""The versioned REST API: /api/v1/ (OpenAPI at /api/v1/openapi.json, documentation at /api/docs)."""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern
from django.urls import path as django_path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled
from ninja.openapi.docs import Swagger

from .auth import optional_token_auth
from .routers import availability, care_requests, hsds, public, trainings
from .throttles import IpThrottle, TokenThrottle

DESCRIPTION = """
The public offer of the Drakentemmers network (counts per region, public mini-profiles, methods) and an
Open Referral HSDS 3.1 export, plus, with a personal API token (`Authorization: Bearer dt_…`, made on the
account page), an organisation's own care requests and a therapist's own availability.

Lists are paged (`limit`/`offset`, HSDS: `page`/`per_page`), filter by `region` and `municipality` (CBS
codes), and carry `ETag` and `Last-Modified` (send `If-None-Match` / `If-Modified-Since` for a 304).
Requests are rate limited per IP address and per token: 429 with `Retry-After` (seconds).
HSDS: CC BY-SA 4.0, Open Referral.
"""

RETRY_AFTER_HEADER = {
    "Retry-After": {"description": "Seconds until the next request is allowed", "schema": {"type": "integer"}}
}


class DrakentemmersAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Ninja's document, with the Retry-After header of every 429 described."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                too_many = operation.get("responses", {}).get(429)
                if too_many is not None:
                    too_many["headers"] = RETRY_AFTER_HEADER
        return schema


api = DrakentemmersAPI(
    title="Drakentemmers API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=optional_token_auth,
    throttle=[IpThrottle(), TokenThrottle()],
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url=None,  # served at /api/docs (drakentemmers.api.views.docs), outside the versioned prefix
)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError):
    """401 with the challenge RFC 6750 asks for, so a client knows a bearer token is what is missing."""
    response = api.create_response(request, {"detail": "A valid API token is required."}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="drakentemmers"'
    return response


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled):
    """429 raised outside ninja's throttles (too many wrong tokens), with Retry-After like theirs."""
    response = api.create_response(request, {"detail": "Too many requests."}, status=429)
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait))
    return response


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied):
    return api.create_response(request, {"detail": "This token may only read (its scope is read)."}, status=403)


api.add_router("/", public.router)
api.add_router("/", trainings.router)
api.add_router("/me", care_requests.router)
api.add_router("/me", availability.router)
api.add_router("/hsds", hsds.router)


def api_urls() -> tuple:
    """api.urls without ninja's placeholder root view: /api/v1/ is our index (named api-root too, which the
    OpenAPI document reverses for its path prefix)."""
    patterns, app_name, namespace = api.urls
    placeholder = patterns[-1]
    assert placeholder.name == "api-root"  # ninja appends it last (ninja.openapi.urls.get_root_url)
    return [_plain_view(p) for p in patterns[:-1]], app_name, namespace


def _plain_view(pattern: URLPattern) -> URLPattern:
    """Ninja serves the OpenAPI document with a functools.partial; give it a named function, so that the
    access matrix (and tracebacks) can tell which view a URL resolves to."""
    callback = pattern.callback
    if not isinstance(callback, partial):
        return pattern

    def openapi_json(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return callback(request, *args, **kwargs)

    return django_path(str(pattern.pattern), openapi_json, name=pattern.name)
