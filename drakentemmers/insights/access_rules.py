"""Access rules for bottlenecks and good practices (see docs/access.md and insights/permissions.py).

Reporting and the public list are open to everybody, no account needed. Accepted items are for verified
therapists and, after MFA, verified organisation staff, coordinators and the platform team; only therapists
endorse and comment. Moderation is for moderators and administrators; the policy report for the platform team.
"""

from drakentemmers.core.access_matrix import (
    ADMINISTRATOR,
    COORDINATOR_X,
    FORBIDDEN,
    MODERATOR,
    PLATFORM_TEAM,
    PLATFORM_TEAM_MFA,
    PUBLIC,
    STAFF_A,
    STAFF_B,
    THERAPIST,
    THERAPIST_OTHER,
    post_only,
    rule,
)

READERS = rule({THERAPIST, THERAPIST_OTHER, STAFF_A, STAFF_B, COORDINATOR_X, *PLATFORM_TEAM})
MODERATORS = rule({MODERATOR, ADMINISTRATOR})
# Readers who are not members may see an item but not endorse or comment on it: 403.
NON_MEMBER_READERS = dict.fromkeys(
    ("staff_a", "staff_b", "coordinator_x", "editor", "moderator", "verifier", "administrator"), FORBIDDEN
)

RULES = {
    "insights:submit": PUBLIC,
    "insights:thanks": PUBLIC,
    "insights:public_list": PUBLIC,
    "insights:list": READERS,
    "insights:detail": READERS.fill(pk="insight_report"),
    "insights:endorse": post_only(READERS.deny(*NON_MEMBER_READERS).but(**NON_MEMBER_READERS)).fill(
        pk="insight_report"
    ),
    "insights_beheer:queue": MODERATORS,
    "insights_beheer:moderate": MODERATORS.fill(pk="insight_report"),
    "insights_beheer:policy_report": PLATFORM_TEAM_MFA,
    "insights_beheer:policy_report_pdf": PLATFORM_TEAM_MFA,
    "insights_beheer:policy_report_xlsx": PLATFORM_TEAM_MFA,
}
