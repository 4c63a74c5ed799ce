"""Who may see and do what in the colleague network. Views call the ``get_*_for_user`` helpers first.

Only members (verified therapists, trainees included) use the network; anyone else gets 404, as does a
member for a group-scoped consultation of a group they are not in, so that nothing about it leaks.

| what                                | member | group member | facilitator | author / poster | others |
| ----------------------------------- | ------ | ------------ | ----------- | --------------- | ------ |
| group list, group page, ask to join | yes    | yes          | yes         |                 | 404    |
| group space, members, agenda.ics    | 404    | yes          | yes         |                 | 404    |
| accept/decline, meetings, attendance| 404    | 403          | yes         |                 | 404    |
| network consultation: read, reply   | yes    | yes          | yes         | yes             | 404    |
| group consultation: read, reply     | 404    | yes          | yes         | yes (if member) | 404    |
| accept an answer                    | 403    | 403          | 403         | yes             | 404    |
| supervisor list, ask for supervision| yes    |              |             |                 | 404    |
| answer a supervision request        | 404    |              |             | the supervisor  | 404    |

The calendar subscription link (``agenda/<token>.ics``) works without a login for as long as the person
it was made for is a member.

The platform team reads none of this here (an editor promotes an accepted answer through
``selectors.consultation_for_promotion``, which holds no identities).
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from drakentemmers.directory.models import VerificationStatus
from drakentemmers.directory.permissions import is_verified_therapist

from .models import (
    Consultation,
    ConsultationReply,
    GroupMembership,
    IntervisionGroup,
    Meeting,
    MembershipStatus,
    SupervisionRequest,
    SupervisionStatus,
)


def is_member(user) -> bool:
    """A member of the network: a verified therapist (trainees are verified therapists too)."""
    return is_verified_therapist(user)


def accepted_group_ids(user) -> set[int]:
    """The groups the user is an accepted member of (cached on the user for the request)."""
    if not is_member(user):
        return set()
    cache = user.__dict__.get("_intervision_groups")
    if cache is None:
        cache = set(
            GroupMembership.objects.filter(user=user, status=MembershipStatus.ACCEPTED).values_list(
                "group_id", flat=True
            )
        )
        user.__dict__["_intervision_groups"] = cache
    return cache


def is_group_member(user, group: IntervisionGroup) -> bool:
    return group.pk in accepted_group_ids(user)


def is_facilitator(user, group: IntervisionGroup) -> bool:
    return is_group_member(user, group) and group.facilitator_id == user.pk


def get_group_for_user(user, pk: int, *, space: bool = False, manage: bool = False) -> IntervisionGroup:
    """The group for a member; ``space``: only its accepted members; ``manage``: its facilitator (else 403)."""
    if not is_member(user):
        raise Http404
    group = IntervisionGroup.objects.select_related("region", "facilitator").filter(pk=pk, is_active=True).first()
    if group is None:
        raise Http404
    if (space or manage) and not is_group_member(user, group):
        raise Http404
    if manage and not is_facilitator(user, group):
        raise PermissionDenied
    return group


def get_meeting_for_facilitator(user, group: IntervisionGroup, pk: int) -> Meeting:
    meeting = Meeting.objects.filter(group=group, pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


CALENDAR_SALT = "colleagues.calendar"


def calendar_token_make(user, group: IntervisionGroup) -> str:
    """A member's secret subscription link for calendar apps (which cannot log in)."""
    return signing.dumps({"u": user.pk, "g": group.pk}, salt=CALENDAR_SALT, compress=True)


def get_group_for_calendar_token(pk: int, token: str) -> IntervisionGroup:
    """The group while the token's owner is still an accepted, verified member; else the same 404.

    Leaving the group (or losing verification) ends the link, so it needs no revocation list.
    """
    try:
        data = signing.loads(token, salt=CALENDAR_SALT)
    except signing.BadSignature:
        raise Http404 from None
    if not isinstance(data, dict) or data.get("g") != pk:
        raise Http404
    group = IntervisionGroup.objects.filter(pk=pk, is_active=True).first()
    if group is None or not group_thread_members(group).filter(pk=data.get("u")).exists():
        raise Http404
    return group


# --- The group as a conversation party --------------------------------------------------------------------
def group_thread_members(group: IntervisionGroup) -> QuerySet:
    """Who shares a group's space: its accepted members who are still verified therapists."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            intervision_memberships__group=group,
            intervision_memberships__status=MembershipStatus.ACCEPTED,
            therapist_profile__status=VerificationStatus.VERIFIED,
        )
        .distinct()
    )


def groups_acted_for(user) -> QuerySet:
    """The groups whose space the user shares now, as a queryset (used in the inbox's subquery)."""
    if not user.is_authenticated:
        return IntervisionGroup.objects.none()
    return IntervisionGroup.objects.filter(
        is_active=True,
        memberships__user=user,
        memberships__status=MembershipStatus.ACCEPTED,
        memberships__user__therapist_profile__status=VerificationStatus.VERIFIED,
    )


# --- Case consultation --------------------------------------------------------------------------------------
def consultations_visible_q(user) -> Q:
    """Consultations the user may read: the network's, and those of the user's groups."""
    return Q(group__isnull=True) | Q(group_id__in=accepted_group_ids(user))


def can_view_consultation(user, consultation: Consultation) -> bool:
    if not is_member(user):
        return False
    return consultation.group_id is None or consultation.group_id in accepted_group_ids(user)


def get_consultation_for_user(user, pk: int) -> Consultation:
    consultation = Consultation.objects.select_related("group", "author").filter(pk=pk).first()
    if consultation is None or not can_view_consultation(user, consultation):
        raise Http404
    return consultation


def can_accept_answer(user, consultation: Consultation) -> bool:
    return consultation.author_id is not None and consultation.author_id == user.pk


def get_reply_for_acceptance(user, consultation: Consultation, pk: int) -> ConsultationReply:
    reply = ConsultationReply.objects.filter(consultation=consultation, pk=pk).first()
    if reply is None:
        raise Http404
    if not can_accept_answer(user, consultation):
        raise PermissionDenied
    return reply


# --- Supervision ----------------------------------------------------------------------------------------------
def get_supervision_request_for_supervisor(user, pk: int) -> SupervisionRequest:
    if not is_member(user):
        raise Http404
    request = SupervisionRequest.objects.filter(pk=pk, supervisor=user).select_related("trainee").first()
    if request is None:
        raise Http404
    return request


def can_answer_supervision(user, supervision: SupervisionRequest) -> bool:
    return supervision.supervisor_id == user.pk and supervision.status == SupervisionStatus.PENDING
