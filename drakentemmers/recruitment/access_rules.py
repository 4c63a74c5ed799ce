"""Access rules for recruitment (see docs/access.md and recruitment/permissions.py).

The recruitment view is for coordinators (their regions) and the platform team, after MFA; members invite
colleagues (no MFA needed for therapists); the invitation and unsubscribe links are their own secret.
"""

from drakentemmers.core.access_matrix import (
    COORDINATOR_X,
    FORBIDDEN,
    NOT_FOUND,
    PLATFORM_TEAM,
    PUBLIC,
    REDIRECT,
    THERAPIST,
    THERAPIST_OTHER,
    rule,
)

RECRUITERS = rule({COORDINATOR_X, *PLATFORM_TEAM})

RULES = {
    "recruitment:overview": RECRUITERS,
    "recruitment:overview_csv": RECRUITERS,
    # Coordinators see the targets; only the platform team saves them (a coordinator's POST gets 403).
    "recruitment:targets": RECRUITERS.but(coordinator_x=FORBIDDEN),
    # Organisation staff never invite colleagues into the network: 404 before any second-factor step.
    "recruitment:invite": rule({THERAPIST, THERAPIST_OTHER, COORDINATOR_X, *PLATFORM_TEAM}).but(
        staff_a_no_mfa=NOT_FOUND, staff_a_mfa_not_passed=NOT_FOUND
    ),
    # The link in the e-mail: anyone holding it sees the invitation (accept, decline, never again).
    "recruitment:invitation": PUBLIC.fill(token="colleague_invitation_token"),  # noqa: S106 (a world name)
    # Hands the invitation to allauth's sign-up; a logged-in user is sent back to the invitation page.
    "recruitment:invitation_signup": PUBLIC.granting(REDIRECT)
    .but(anonymous=REDIRECT)
    .fill(token="colleague_invitation_token"),  # noqa: S106 (a world name)
    # The signed unsubscribe link works without a login; GET asks, only the button (POST) stops reminders.
    "recruitment:unsubscribe": PUBLIC.fill(token="unsubscribe_token"),  # noqa: S106 (a world name)
}
