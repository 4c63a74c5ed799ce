"""Access rules for care requests (see docs/access.md and matching/permissions.py).

The world: organisation A's open request `care_request_a` with THERAPIST's candidacy `candidacy_a` (and a
message in its thread), and A's draft `draft_request_a`. THERAPIST_OTHER fits the open request but is not
invited, so may offer themselves on it.
"""

from drakentemmers.core.access_matrix import (
    ADMINISTRATOR,
    COORDINATOR_X,
    FORBIDDEN,
    ORG_STAFF_MFA,
    OWN_ORGANISATION_OBJECT,
    PLATFORM_TEAM,
    REDIRECT,
    STAFF_A,
    THERAPIST,
    THERAPIST_OTHER,
    THERAPIST_UNVERIFIED,
    VERIFIED_THERAPIST,
    post_only,
    rule,
)

# The request's organisation, the invited therapist and, of the platform team, only the administrator (the
# reasons are in matching/permissions.py): verifiers, editors and moderators get 404 like a stranger.
REQUEST_READERS = rule({STAFF_A, THERAPIST, ADMINISTRATOR})

RULES = {
    "matching:request_list": ORG_STAFF_MFA,
    "matching:request_create": ORG_STAFF_MFA,
    "matching:request_create_structural": ORG_STAFF_MFA,
    "matching:request_detail": REQUEST_READERS.fill(pk="care_request_a"),
    "matching:request_edit": OWN_ORGANISATION_OBJECT.fill(pk="care_request_a"),
    "matching:request_publish": post_only(OWN_ORGANISATION_OBJECT).fill(pk="draft_request_a"),
    "matching:request_status": post_only(OWN_ORGANISATION_OBJECT).fill(pk="care_request_a", action="status_action"),
    "matching:candidates": OWN_ORGANISATION_OBJECT.fill(pk="care_request_a"),
    "matching:offer": post_only(rule({THERAPIST, THERAPIST_OTHER})).fill(pk="care_request_a"),
    # A therapist waiting for verification gets a page that says so and what happens next (issue 18).
    "matching:inbox": VERIFIED_THERAPIST.allow(THERAPIST_UNVERIFIED),
    "matching:invite_from_search": ORG_STAFF_MFA.granting(REDIRECT),
    "matching:metrics": rule({COORDINATOR_X, *PLATFORM_TEAM}, denied=FORBIDDEN),
    "matching:metrics_csv": rule({COORDINATOR_X, *PLATFORM_TEAM}, denied=FORBIDDEN),
    # The handover names both parties' contacts: the matched organisation and therapist only, not the
    # platform team.
    "matching:handover": rule({STAFF_A, THERAPIST}).fill(pk="matched_request_a"),
    "matching:handover_pdf": rule({STAFF_A, THERAPIST}).fill(pk="matched_request_a"),
    # A candidate's profile in the context of the request: the request's staff, for a therapist it ranks or invited.
    "matching:candidate_profile": OWN_ORGANISATION_OBJECT.fill(pk="care_request_a", therapist_pk="therapist"),
    "matching:fitting": VERIFIED_THERAPIST.allow(THERAPIST_UNVERIFIED),
    "matching:candidacy_accept": post_only(rule({THERAPIST})).fill(pk="candidacy_a"),
    "matching:candidacy_decline": rule({THERAPIST}).fill(pk="candidacy_a"),
    "matching:candidacy_confirm": post_only(OWN_ORGANISATION_OBJECT).fill(pk="candidacy_a"),
    "matching:offer_decline": post_only(OWN_ORGANISATION_OBJECT).fill(pk="candidacy_a"),
    "matching:thread": REQUEST_READERS.fill(pk="candidacy_a"),
}
