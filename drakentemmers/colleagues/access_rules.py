"""Access rules for the colleague network (see docs/access.md and colleagues/permissions.py).

Members are verified therapists: THERAPIST is the facilitator of the world's group (and a member),
THERAPIST_OTHER a member of the network but of no group. Group pages and network consultations are for
every member; the group space, its calendar and its consultations only for the group's members; managing
the group only for its facilitator (another member gets 403). The platform team sees none of it.
"""

from drakentemmers.core.access_matrix import (
    FORBIDDEN,
    PUBLIC,
    THERAPIST,
    THERAPIST_OTHER,
    VERIFIED_THERAPIST,
    post_only,
    rule,
)

GROUP_MEMBER = rule({THERAPIST})
SUPERVISOR = rule({THERAPIST})  # THERAPIST_OTHER asked THERAPIST for supervision

RULES = {
    "colleagues:overview": VERIFIED_THERAPIST,
    "colleagues:group_list": VERIFIED_THERAPIST,
    "colleagues:group_create": VERIFIED_THERAPIST,
    "colleagues:group_detail": VERIFIED_THERAPIST.fill(pk="intervision_group"),
    "colleagues:group_join": post_only(VERIFIED_THERAPIST).fill(pk="intervision_group"),
    "colleagues:group_leave": post_only(GROUP_MEMBER).fill(pk="intervision_group"),
    "colleagues:membership_decide": post_only(GROUP_MEMBER).fill(
        pk="intervision_group", membership_pk="intervision_request"
    ),
    "colleagues:group_space": GROUP_MEMBER.fill(pk="intervision_group"),
    "colleagues:group_calendar": GROUP_MEMBER.fill(pk="intervision_group"),
    # The member's secret subscription link: whoever holds it gets the feed (calendar apps cannot log in).
    "colleagues:group_calendar_feed": PUBLIC.fill(pk="intervision_group", token="intervision_calendar_token"),  # noqa: S106 (a world name)
    "colleagues:meeting_create": GROUP_MEMBER.fill(pk="intervision_group"),
    "colleagues:meeting_attendance": GROUP_MEMBER.fill(pk="intervision_group", meeting_pk="intervision_meeting"),
    "colleagues:supervisor_list": VERIFIED_THERAPIST,
    "colleagues:supervision_offer": VERIFIED_THERAPIST,
    "colleagues:supervision_requests": VERIFIED_THERAPIST,
    "colleagues:supervision_decide": post_only(SUPERVISOR).fill(pk="supervision_request"),
    # THERAPIST offers supervision: the other member may ask; nobody asks themselves (404).
    "colleagues:supervision_ask": rule({THERAPIST_OTHER}).fill(user_pk="supervisor_user"),
    "colleagues:consultation_list": VERIFIED_THERAPIST,
    "colleagues:consultation_create": VERIFIED_THERAPIST,
    "colleagues:consultation_detail": VERIFIED_THERAPIST.fill(pk="consultation_network"),
    "colleagues:consultation_follow": post_only(VERIFIED_THERAPIST).fill(pk="consultation_network"),
    # Only the poster (THERAPIST) accepts; another member may read the consultation but gets 403.
    "colleagues:consultation_accept": post_only(GROUP_MEMBER.but(therapist_other=FORBIDDEN)).fill(
        pk="consultation_network", reply_pk="consultation_reply"
    ),
}
