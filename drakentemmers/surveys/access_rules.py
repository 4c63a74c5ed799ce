"""Access rules for questionnaires (see docs/access.md and surveys/permissions.py).

The personal link works for whoever holds it, without a login (contact officials may have no account).
The member's list (only their own invitations) is for every logged-in user, no MFA asked.
The builder, results and exports are the platform team's, after MFA; everybody else gets 404.
"""

from drakentemmers.core.access_matrix import LOGGED_IN, PLATFORM_TEAM_MFA, PUBLIC, post_only

BUILDER = PLATFORM_TEAM_MFA.fill(pk="questionnaire")

RULES = {
    "surveys:answer": PUBLIC.fill(token="questionnaire_token"),  # noqa: S106 (a world name)
    "surveys:mine": LOGGED_IN,
    "surveys:manage": PLATFORM_TEAM_MFA,
    "surveys:create": PLATFORM_TEAM_MFA,
    "surveys:builder": BUILDER,
    "surveys:edit": BUILDER,
    "surveys:question_edit": PLATFORM_TEAM_MFA.fill(pk="questionnaire", question_pk="questionnaire_question"),
    "surveys:section_delete": post_only(PLATFORM_TEAM_MFA).fill(pk="questionnaire", section_pk="questionnaire_section"),
    "surveys:results": BUILDER,
    "surveys:export_csv": BUILDER,
    "surveys:export_xlsx": BUILDER,
}
