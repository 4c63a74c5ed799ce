"""Access rules for the quality mark (see docs/access.md and quality/permissions.py).

The checklist pages are the member's own (no object in the URL): every therapist, verified or not, sees their
own; nobody else has one (404). The verification page is public for whoever holds the code. The team pages
are the platform team's, after MFA.
"""

from drakentemmers.core.access_matrix import (
    PLATFORM_TEAM_MFA,
    PUBLIC,
    THERAPIST,
    THERAPIST_OTHER,
    THERAPIST_UNVERIFIED,
    post_only,
    rule,
)

MEMBERS = rule({THERAPIST, THERAPIST_OTHER, THERAPIST_UNVERIFIED}, mfa_gate=False)

RULES = {
    "quality:my_mark": MEMBERS,
    "quality:declaration": MEMBERS,
    "quality:review_request": post_only(MEMBERS).fill(pk="quality_criterion"),
    "quality:verify": PUBLIC.fill(code="quality_mark_code"),
    "quality_team:marks": PLATFORM_TEAM_MFA,
    "quality_team:mark": PLATFORM_TEAM_MFA.fill(pk="quality_mark"),
    "quality_team:mark_allow": post_only(PLATFORM_TEAM_MFA).fill(pk="quality_mark"),
    "quality_team:criteria": PLATFORM_TEAM_MFA,
    "quality_team:criterion_edit": PLATFORM_TEAM_MFA.fill(pk="quality_criterion"),
    "quality_team:reviews": PLATFORM_TEAM_MFA,
    "quality_team:review_decide": PLATFORM_TEAM_MFA.fill(pk="quality_review"),
}
