"""Rate limits per IP address and per token: 429 with Retry-After, counted in the shared cache."""

import pytest

from drakentemmers.api.models import TokenScope

from .factories import TokenClient, public_therapist, staff_of, token_for

pytestmark = pytest.mark.django_db
LIMITS = {"api_ip": "5/m", "api_token": "3/m", "api_token_write": "1/h"}


@pytest.fixture(autouse=True)
def _tight_limits(settings):
    settings.PLATFORM_RATE_LIMITS = {**settings.PLATFORM_RATE_LIMITS, **LIMITS}


def test_per_ip_limit_gives_429_with_retry_after(client):
    statuses = [client.get("/api/v1/methods").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = client.get("/api/v1/methods")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "detail" in refused.json()
    # Another address has its own count.
    assert client.get("/api/v1/methods", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_per_token_limit_whatever_the_address():
    api = TokenClient(token_for(staff_of()).secret)
    statuses = [api.get("/api/v1/me/care-requests", REMOTE_ADDR=f"192.0.2.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Another token of the same person has its own count.
    other = TokenClient(token_for(staff_of()).secret)
    assert other.get("/api/v1/me/care-requests", REMOTE_ADDR="192.0.2.50").status_code == 200


def test_writes_have_their_own_tighter_limit():
    therapist = public_therapist()
    api = TokenClient(token_for(therapist.user, scope=TokenScope.READ_WRITE, with_mfa=False).secret)
    assert api.patch("/api/v1/me/availability", {"free_places_adults": 1}).status_code == 200
    refused = api.patch("/api/v1/me/availability", {"free_places_adults": 2})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 60
    therapist.refresh_from_db()
    assert therapist.free_places_adults == 1


def test_limits_are_configured_for_the_api():
    from django.conf import settings

    from drakentemmers.core.ratelimits import rates_parse

    for action in ("api_ip", "api_token", "api_token_write"):
        assert rates_parse(settings.PLATFORM_RATE_LIMITS[action])


def test_retry_after_is_documented(client):
    schema = client.get("/api/v1/openapi.json").json()
    too_many = schema["paths"]["/api/v1/profiles"]["get"]["responses"]["429"]
    assert "Retry-After" in too_many["headers"]
