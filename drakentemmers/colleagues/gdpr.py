"""GDPR export and erasure for the colleague network (accounts.personal_data).

Erasure removes the person from groups, follows, attendance, supervision; their consultations and replies
stay for the colleagues who answered or read them (they are anonymised case questions by design), without
an author. A group they facilitated passes to its longest-standing member, or closes when none is left.
"""

from django.db import transaction
from django.db.models import Q

from .models import (
    Attendance,
    Consultation,
    ConsultationFollow,
    ConsultationReply,
    GroupMembership,
    IntervisionGroup,
    MembershipStatus,
    SupervisionOffer,
    SupervisionRequest,
)


def export_user(user) -> dict:
    offer = SupervisionOffer.objects.filter(user=user).first()
    return {
        "intervision_memberships": [
            {"group": m.group.name, "status": m.status, "requested_at": m.requested_at}
            for m in GroupMembership.objects.filter(user=user).select_related("group")
        ],
        "attendance": [
            {"group": a.meeting.group.name, "meeting": a.meeting.starts_at, "present": a.present}
            for a in Attendance.objects.filter(user=user).select_related("meeting__group")
        ],
        "supervision_offer": {"active": offer.is_active, "description": offer.description} if offer else None,
        "supervision_requests": [
            {"as": "trainee" if r.trainee_id == user.pk else "supervisor", "status": r.status, "at": r.created_at}
            for r in SupervisionRequest.objects.filter(Q(trainee=user) | Q(supervisor=user))
        ],
        "consultations": [
            {"title": c.title, "question": c.question, "created_at": c.created_at}
            for c in Consultation.objects.filter(author=user)
        ],
        "consultation_replies": [
            {"body": r.body, "created_at": r.created_at} for r in ConsultationReply.objects.filter(author=user)
        ],
    }


def _facilitation_hand_over(user) -> None:
    for group in IntervisionGroup.objects.filter(facilitator=user):
        successor = (
            GroupMembership.objects.filter(group=group, status=MembershipStatus.ACCEPTED)
            .exclude(user=user)
            .order_by("decided_at", "pk")
            .values_list("user_id", flat=True)
            .first()
        )
        if successor is None:
            group.is_active = False
            successor = user.pk  # the group closes; the anonymised account row stays (accounts.user_erase)
        group.facilitator_id = successor
        group.save(update_fields=["facilitator", "is_active"])


@transaction.atomic
def erase_user(user) -> None:
    _facilitation_hand_over(user)
    GroupMembership.objects.filter(user=user).delete()
    Attendance.objects.filter(user=user).delete()
    ConsultationFollow.objects.filter(user=user).delete()
    SupervisionOffer.objects.filter(user=user).delete()
    SupervisionRequest.objects.filter(trainee=user).delete()
    SupervisionRequest.objects.filter(supervisor=user).delete()
    Consultation.objects.filter(author=user).update(author=None)
    ConsultationReply.objects.filter(author=user).update(author=None)
