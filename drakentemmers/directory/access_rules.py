"""Access rules for the directory (see docs/access.md and directory/permissions.py).

The world's therapist (THERAPIST) is verified and has a photo and a public mini-profile; its conversation
was started by STAFF_A; organisation A is verified, the "unverified" objects wait for verification.
"""

from drakentemmers.core.access_matrix import (
    ADMINISTRATOR,
    COORDINATOR_X,
    FORBIDDEN,
    LOGGED_IN,
    LOGGED_IN_MFA,
    PLATFORM_TEAM,
    PUBLIC,
    REDIRECT,
    STAFF_A,
    STAFF_B,
    THERAPIST,
    THERAPIST_OTHER,
    THERAPIST_UNVERIFIED,
    VERIFIED_STAFF,
    VERIFIED_THERAPISTS,
    VERIFIER,
    VERIFIER_MFA,
    Outcome,
    post_only,
    rule,
)

# Who sees a verified therapist's profile: colleagues, verified organisations, coordinators, the platform team.
PROFILE_VIEWERS = rule({*VERIFIED_THERAPISTS, *VERIFIED_STAFF, COORDINATOR_X, *PLATFORM_TEAM})

MOVED_TO_INBOX = Outcome("301 to /berichten/", frozenset({301}), ("conversations:inbox",))

RULES = {
    # A therapist waiting for verification is told where the profile stands (200), not refused.
    "directory:search": PROFILE_VIEWERS.refuse_with(FORBIDDEN).allow(THERAPIST_UNVERIFIED),
    "directory:public_network": PUBLIC,
    # The sign-up wizard: any logged-in user may start a therapist profile of their own.
    "directory:therapist_start": LOGGED_IN.granting(REDIRECT),
    "directory:my_profile": rule(
        {THERAPIST, THERAPIST_OTHER, THERAPIST_UNVERIFIED}, denied=REDIRECT, mfa_gate=False
    ).because("without a profile: sent to the sign-up wizard"),
    "directory:therapist_step": LOGGED_IN.fill(step="wizard_step"),
    "directory:therapist_review": LOGGED_IN,
    "directory:availability": rule({THERAPIST, THERAPIST_OTHER, THERAPIST_UNVERIFIED}, mfa_gate=False),
    "directory:therapist_detail": PROFILE_VIEWERS.fill(pk="therapist"),
    "directory:therapist_photo": PROFILE_VIEWERS.fill(pk="therapist"),
    # Organisations and colleagues may write to a therapist, not the therapist to themselves.
    "directory:therapist_contact": post_only(rule({STAFF_A, STAFF_B, THERAPIST_OTHER})).fill(pk="therapist"),
    "directory:therapist_public": PUBLIC.fill(pk="therapist"),
    # The old inbox address sends everybody on to /berichten/ (bookmarks).
    "directory:inbox": PUBLIC.granting(MOVED_TO_INBOX).but(anonymous=MOVED_TO_INBOX),
    # Old e-mail links to a moved conversation: the world has none, so 404 for everybody logged in.
    "directory:conversation_detail": rule(set(), mfa_gate=False).fill(pk="conversation_a"),
    "directory:organisation_create": LOGGED_IN,
    "directory:organisation_mine": LOGGED_IN_MFA.granting(REDIRECT),
    "directory:organisation_detail": rule({STAFF_A, VERIFIER, ADMINISTRATOR}).fill(pk="organisation_a"),
    "directory:organisation_invitation_accept": LOGGED_IN.fill(token="organisation_invitation_token"),  # noqa: S106
    "directory:verification_queue": VERIFIER_MFA,
    "directory:verification_therapist": VERIFIER_MFA.fill(pk="therapist_unverified"),
    "directory:verification_organisation": VERIFIER_MFA.fill(pk="organisation_unverified"),
}
