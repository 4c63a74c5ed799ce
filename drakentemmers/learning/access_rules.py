"""Access rules for trainings (see docs/access.md and learning/permissions.py).

The world (learning/tests/access_world.py): a published training with a session that has started, given by
THERAPIST_OTHER (the trainer), in which THERAPIST is enrolled with attended-everything status (so a
certificate exists), and THERAPIST's calendar token.
"""

from drakentemmers.core.access_matrix import (
    LOGGED_IN_MFA,
    PLATFORM_TEAM,
    PLATFORM_TEAM_MFA,
    PUBLIC,
    THERAPIST,
    THERAPIST_OTHER,
    post_only,
    rule,
)

RULES = {
    "learning:calendar": PUBLIC,
    "learning:calendar_ics": PUBLIC,
    "learning:training_detail": PUBLIC.fill(pk="training"),
    "learning:my_trainings": LOGGED_IN_MFA,
    "learning:calendar_token_reset": post_only(LOGGED_IN_MFA),
    "learning:my_ics": PUBLIC.fill(token="training_calendar_token"),  # noqa: S106 - a world object name
    "learning:enrolment_cancel": post_only(rule({THERAPIST})).fill(pk="training_enrolment"),
    "learning:offer_accept": post_only(rule({THERAPIST})).fill(pk="training_enrolment"),
    "learning:certificate_pdf": rule({THERAPIST}).fill(pk="training_enrolment"),
    "learning:evaluate": rule({THERAPIST}).fill(pk="training_enrolment"),
    "learning:certificate_verify": PUBLIC.fill(code="training_certificate_code"),
    "learning:attendance": rule({THERAPIST_OTHER, *PLATFORM_TEAM}).fill(pk="training_session"),
    "learning_staff:training_list": PLATFORM_TEAM_MFA,
    "learning_staff:training_create": PLATFORM_TEAM_MFA,
    "learning_staff:figures": PLATFORM_TEAM_MFA,
    "learning_staff:training_edit": PLATFORM_TEAM_MFA.fill(pk="training"),
    "learning_staff:training_parts": PLATFORM_TEAM_MFA.fill(pk="training"),
    "learning_staff:participants": PLATFORM_TEAM_MFA.fill(pk="training"),
    "learning_staff:evaluations": PLATFORM_TEAM_MFA.fill(pk="training"),
}
