"""Reads of the colleague network: lists with a fixed number of queries, the iCal feed, and the two
functions the integrator uses (attendance for certificates/figures, an accepted answer for the knowledge base).
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from drakentemmers.directory.models import TherapistProfile, VerificationStatus, WorkLocation
from drakentemmers.regions.models import Region

from . import permissions
from .models import (
    Attendance,
    Consultation,
    ConsultationFollow,
    GroupMembership,
    IntervisionGroup,
    Meeting,
    MembershipStatus,
    SupervisionOffer,
    SupervisionRequest,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LIST_LIMIT = 100


def group_list(*, viewer, region: Region | None = None) -> list[IntervisionGroup]:
    """Active groups with their member count and the viewer's own membership status (3 queries)."""
    groups = IntervisionGroup.objects.filter(is_active=True).select_related("region", "facilitator")
    if region is not None:
        groups = groups.filter(region=region)
    groups = groups.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACCEPTED))
    ).order_by("name", "pk")[:LIST_LIMIT]
    groups = list(groups)
    mine = dict(
        GroupMembership.objects.filter(user=viewer, group__in=[g.pk for g in groups]).values_list("group_id", "status")
    )
    for group in groups:
        group.my_status = mine.get(group.pk)
    return groups


def group_members(group: IntervisionGroup) -> list:
    return list(permissions.group_thread_members(group).order_by("first_name", "last_name", "pk"))


def group_requests(group: IntervisionGroup) -> QuerySet[GroupMembership]:
    return group.memberships.filter(status=MembershipStatus.REQUESTED).select_related("user").order_by("requested_at")


def membership_of(group: IntervisionGroup, user) -> GroupMembership | None:
    return GroupMembership.objects.filter(group=group, user=user).first()


def group_meetings(group: IntervisionGroup) -> list[Meeting]:
    """All meetings, each with the number recorded present (one query)."""
    return list(
        group.meetings.annotate(
            present_count=Count("attendances", filter=Q(attendances__present=True)),
            recorded_count=Count("attendances"),
        ).order_by("starts_at", "pk")
    )


def meeting_attendance(meeting: Meeting) -> dict[int, bool]:
    return dict(Attendance.objects.filter(meeting=meeting).values_list("user_id", "present"))


def my_groups(user) -> QuerySet[IntervisionGroup]:
    return IntervisionGroup.objects.filter(pk__in=permissions.accepted_group_ids(user), is_active=True).order_by("name")


def group_calendar(group: IntervisionGroup) -> bytes:
    """The group's meetings as an iCalendar feed (RFC 5545), in Europe/Amsterdam time."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Drakentemmers//Intervisie//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", group.name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    stamp = timezone.now()
    for meeting in group.meetings.order_by("starts_at", "pk"):
        event = Event()
        event.add("uid", f"{meeting.uid}@drakentemmers.nl")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at.astimezone(AMSTERDAM))
        event.add("dtend", meeting.ends_at.astimezone(AMSTERDAM))
        event.add("summary", f"Intervisie: {group.name}")
        event.add("location", meeting.location)
        if meeting.note:
            event.add("description", meeting.note)
        event.add("url", settings.SITE_URL + f"/collegas/intervisie/{group.pk}/")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


# --- Supervision ---------------------------------------------------------------------------------------------
def supervisor_list(*, viewer, region: Region | None = None, method=None) -> list[SupervisionOffer]:
    """Active offers of verified therapists, filtered on a work location in the region and on a method."""
    offers = SupervisionOffer.objects.filter(
        is_active=True, user__is_active=True, user__therapist_profile__status=VerificationStatus.VERIFIED
    ).exclude(user=viewer)
    if region is not None:
        offers = offers.filter(
            Exists(
                WorkLocation.objects.filter(
                    therapist__user=OuterRef("user"), municipality__in=region.municipalities.all()
                )
            )
        )
    if method is not None:
        offers = offers.filter(user__therapist_profile__methods=method)
    profiles = TherapistProfile.objects.select_related("profession").prefetch_related("methods")
    return list(
        offers.select_related("user")
        .prefetch_related(Prefetch("user__therapist_profile", queryset=profiles))
        .order_by("user__last_name", "user__first_name", "pk")
        .distinct()[:LIST_LIMIT]
    )


def supervision_requests_for(user) -> dict[str, list[SupervisionRequest]]:
    base = SupervisionRequest.objects.select_related("trainee__therapist_profile", "supervisor")
    return {
        "incoming": list(base.filter(supervisor=user)[:LIST_LIMIT]),
        "outgoing": list(base.filter(trainee=user)[:LIST_LIMIT]),
    }


# --- Case consultation ------------------------------------------------------------------------------------------
def consultation_list(
    *, viewer, mine: bool = False, open_only: bool = False, limit: int = LIST_LIMIT
) -> list[Consultation]:
    """What the viewer may read, newest first, with the number of replies (one query)."""
    if not permissions.is_member(viewer):
        return []
    consultations = Consultation.objects.filter(permissions.consultations_visible_q(viewer))
    if mine:
        consultations = consultations.filter(author=viewer)
    if open_only:
        consultations = consultations.filter(accepted_reply__isnull=True)
    return list(
        consultations.select_related("group")
        .annotate(reply_count=Count("replies"))
        .order_by("-created_at", "-pk")[:limit]
    )


def consultation_replies(consultation: Consultation) -> list:
    return list(consultation.replies.select_related("author").order_by("created_at", "pk"))


def is_following(consultation: Consultation, user) -> bool:
    return ConsultationFollow.objects.filter(consultation=consultation, user=user).exists()


def consultation_for_promotion(consultation: Consultation) -> dict | None:
    """The texts an editor may turn into a knowledge article: title, question and accepted answer.

    Never who asked or who answered. None while no answer is accepted.
    """
    reply = consultation.accepted_reply
    if reply is None:
        return None
    return {"title": consultation.title, "question": consultation.question, "answer": reply.body}


def consultations_for_promotion() -> QuerySet[Consultation]:
    """Network-wide consultations with an accepted answer, newest first (for an editor's list)."""
    return (
        Consultation.objects.filter(group__isnull=True, accepted_reply__isnull=False)
        .select_related("accepted_reply")
        .order_by("-answered_at")
    )


# --- For the integrator -----------------------------------------------------------------------------------------
def intervision_meetings_attended(user, *, since: date) -> int:
    """How many intervision meetings the user was recorded present at, starting on or after ``since``."""
    start = datetime.combine(since, time.min, tzinfo=AMSTERDAM)
    return Attendance.objects.filter(user=user, present=True, meeting__starts_at__gte=start).count()
