"""Access rules for the API and the token pages (see docs/access.md and api/permissions.py).

The matrix visits with session cookies, never a token: the public endpoints answer everybody (an empty
POST gets 405), the token endpoints answer 401 to everybody, logged in or not, because the API never takes
the session as a credential (api/tests/ test them with tokens, persona by persona).
"""

from drakentemmers.core.access_matrix import (
    ADMINISTRATOR_MFA,
    FORBIDDEN,
    LOGGED_IN_MFA,
    PUBLIC,
    STAFF_A,
    Outcome,
    post_only,
    rule,
)

UNAUTHORIZED = Outcome("401 (no API token)", frozenset({401}), denial=True)
TOKEN_ONLY = rule(frozenset(), denied=UNAUTHORIZED, anonymous=UNAUTHORIZED, mfa_gate=False).because(
    "API endpoints take a bearer token, never the session"
)

RULES = {
    "api:tokens": LOGGED_IN_MFA,
    "admin:api_apitoken_add": ADMINISTRATOR_MFA.granting(FORBIDDEN).because(
        "owners make tokens; the secret is shown once"
    ),
    "api:token_revoke": post_only(rule({STAFF_A})).fill(pk="api_token_a"),
    "api_docs": PUBLIC,
    "api-v1:openapi-json": PUBLIC,
    "api-v1:api-root": PUBLIC,
    "api-v1:trainings": PUBLIC,
    "api-v1:regions": PUBLIC,
    "api-v1:methods": PUBLIC,
    "api-v1:profiles": PUBLIC,
    "api-v1:profile": PUBLIC.fill(profile_id="therapist"),
    "api-v1:care_requests": TOKEN_ONLY,
    "api-v1:care_request": TOKEN_ONLY.fill(request_id="care_request_a"),
    "api-v1:availability": TOKEN_ONLY,
    "api-v1:availability_confirm": post_only(TOKEN_ONLY),
    "api-v1:hsds_organizations": PUBLIC,
    "api-v1:hsds_services": PUBLIC,
    "api-v1:hsds_locations": PUBLIC,
    "api-v1:hsds_service_areas": PUBLIC,
    "api-v1:hsds_taxonomies": PUBLIC,
    "api-v1:hsds_taxonomy_terms": PUBLIC,
}
