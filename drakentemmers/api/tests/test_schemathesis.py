"""Schema-driven fuzzing of every API endpoint with schemathesis, through the WSGI app.

Every operation of the OpenAPI document gets bounded generated requests (MAX_EXAMPLES each, so the suite
stays fast), with a valid token on the authenticated endpoints; schemathesis' checks then require no 5xx,
documented status codes and content types, and bodies that match the response schemas.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation

from drakentemmers.api.api import api
from drakentemmers.api.models import TokenScope
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request

from .factories import public_therapist, staff_of, token_for

MAX_EXAMPLES = 20

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def _keep_test_connection():
    """Like Django's test client: a finished WSGI request must not close the test transaction's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db, settings, _keep_test_connection):
    """A staff token (with a request of its organisation) and a therapist's read_write token; no API limits."""
    settings.PLATFORM_RATE_LIMITS = {k: v for k, v in settings.PLATFORM_RATE_LIMITS.items() if not k.startswith("api_")}
    staff = staff_of()
    care_request(staff=staff, status=RequestStatus.OPEN)
    public_therapist(methods=["emdr"], locations=["1011", "3511"])
    therapist = public_therapist()
    return {
        "staff": token_for(staff).secret,
        "therapist": token_for(therapist.user, scope=TokenScope.READ_WRITE, with_mfa=False).secret,
    }


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case, tokens):
    who = "therapist" if "/availability" in case.path else "staff"
    # A case with deliberately wrong headers (e.g. the required Authorization left out) must be rejected; adding
    # a valid token to it would turn it into a valid request that schemathesis then expects to be refused.
    wrong_headers = case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER)
    case.call_and_validate(headers={} if wrong_headers else {"Authorization": f"Bearer {tokens[who]}"})
