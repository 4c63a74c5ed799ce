"""Writes of the colleague network: groups, membership, the group space, meetings, attendance, supervision
and case consultation.

Every free text is checked again by the privacy guard here (a BSN, a street address or a full postcode is
refused even when the user confirmed the form's findings). E-mail goes through the outbox and holds only a
link, never the question, the reply or the message.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.conversations.models import Message, Thread
from drakentemmers.conversations.registry import ThreadKind
from drakentemmers.conversations.services import message_post, thread_get_or_create
from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_queue_template

from . import permissions
from .models import (
    Attendance,
    Consultation,
    ConsultationFollow,
    ConsultationReply,
    GroupMembership,
    IntervisionGroup,
    Meeting,
    MembershipStatus,
    SupervisionOffer,
    SupervisionRequest,
    SupervisionStatus,
)

GROUP_THREAD_KIND = "intervision"
# The reminder goes out on the run before the meeting: the job runs daily, so a day and a half ahead.
MEETING_REMINDER_AHEAD = timedelta(hours=36)
SUPERVISION_THREAD_KIND = "supervision"


def _require_member(user) -> None:
    if not permissions.is_member(user):
        raise PermissionDenied(_("Only verified members of the network can do this."))


def _notify(users, *, template: str, url: str) -> None:
    for user in users:
        if user.is_active and user.email:
            email_queue_template(
                to=[user.email],
                template_prefix=f"colleagues/email/{template}",
                context={"url": settings.SITE_URL + url},
                language=getattr(user, "preferred_language", None) or None,
            )


def _forget_group_cache(user) -> None:
    user.__dict__.pop("_intervision_groups", None)
    user.__dict__.pop("_thread_participation", None)


# --- Intervision groups ------------------------------------------------------------------------------------
@transaction.atomic
def group_create(*, facilitator, name: str, theme: str = "", region=None, description: str = "") -> IntervisionGroup:
    """A new group with the facilitator as its first accepted member."""
    _require_member(facilitator)
    privacy_assert_storable({"name": name, "theme": theme, "description": description})
    group = IntervisionGroup(name=name.strip(), theme=theme.strip(), region=region, description=description.strip())
    group.facilitator = facilitator
    group.full_clean()
    group.save()
    GroupMembership.objects.create(
        group=group, user=facilitator, status=MembershipStatus.ACCEPTED, decided_at=timezone.now()
    )
    _forget_group_cache(facilitator)
    return group


@transaction.atomic
def membership_request(*, group: IntervisionGroup, user) -> GroupMembership:
    """Ask to join; asking again after leaving or a refusal is a new request. Tells the facilitator."""
    _require_member(user)
    membership = GroupMembership.objects.select_for_update().filter(group=group, user=user).first()
    if membership and membership.status in (MembershipStatus.ACCEPTED, MembershipStatus.REQUESTED):
        raise ValidationError(_("You are already a member of this group or have asked to join it."))
    membership = membership or GroupMembership(group=group, user=user)
    membership.status = MembershipStatus.REQUESTED
    membership.requested_at = timezone.now()
    membership.decided_at = None
    membership.save()
    _notify(
        [group.facilitator], template="membership_requested", url=reverse("colleagues:group_detail", args=[group.pk])
    )
    return membership


@transaction.atomic
def membership_decide(*, membership: GroupMembership, by, accept: bool) -> GroupMembership:
    """The facilitator accepts or declines a request; the person asking hears the answer."""
    group = membership.group
    if not permissions.is_facilitator(by, group):
        raise PermissionDenied(_("Only the facilitator decides who joins."))
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    membership.status = MembershipStatus.ACCEPTED if accept else MembershipStatus.DECLINED
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    _forget_group_cache(membership.user)
    _notify([membership.user], template="membership_decided", url=reverse("colleagues:group_detail", args=[group.pk]))
    return membership


@transaction.atomic
def membership_leave(*, group: IntervisionGroup, user) -> GroupMembership:
    """Leave the group: the group space and its consultations close for the person at once."""
    if group.facilitator_id == user.pk:
        raise ValidationError(_("As the facilitator you cannot leave the group; hand it over first."))
    membership = GroupMembership.objects.filter(group=group, user=user, status=MembershipStatus.ACCEPTED).first()
    if membership is None:
        raise ValidationError(_("You are not a member of this group."))
    membership.status = MembershipStatus.LEFT
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    _forget_group_cache(user)
    return membership


def group_thread_key(group: IntervisionGroup) -> str:
    return f"colleagues.group:{group.pk}"


def group_thread(group: IntervisionGroup) -> Thread:
    """The group's one thread: the group is its only participant, so who reads it follows membership."""
    return thread_get_or_create(
        kind=GROUP_THREAD_KIND, key=group_thread_key(group), subject=group.name, participants=[group], about=group
    )


def _group_thread_closed(thread: Thread) -> bool:
    return not IntervisionGroup.objects.filter(pk=thread.about_id, is_active=True).exists()


GROUP_THREAD = ThreadKind(
    key=GROUP_THREAD_KIND,
    url=lambda thread: reverse("colleagues:group_space", args=[thread.about_id]),
    is_closed=_group_thread_closed,
    one_party=True,
)


def _supervision_thread_closed(thread: Thread) -> bool:
    """A declined request closes its conversation (it stays readable for both)."""
    return SupervisionRequest.objects.filter(pk=thread.about_id, status=SupervisionStatus.DECLINED).exists()


SUPERVISION_THREAD = ThreadKind(key=SUPERVISION_THREAD_KIND, is_closed=_supervision_thread_closed)


@transaction.atomic
def group_message_post(*, group: IntervisionGroup, author, body: str, privacy_confirmed: bool = False) -> Message:
    """Post in the group space (the shared conversation component checks membership and the privacy guard)."""
    return message_post(thread=group_thread(group), author=author, body=body, privacy_confirmed=privacy_confirmed)


# --- Meetings and attendance ---------------------------------------------------------------------------------
@transaction.atomic
def meeting_create(
    *, group: IntervisionGroup, by, starts_at: datetime, ends_at: datetime, location: str, note: str = ""
) -> Meeting:
    if not permissions.is_facilitator(by, group):
        raise PermissionDenied(_("Only the facilitator plans meetings."))
    privacy_assert_storable({"location": location, "note": note})
    meeting = Meeting(group=group, starts_at=starts_at, ends_at=ends_at, location=location.strip(), note=note.strip())
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def attendance_record(*, meeting: Meeting, by, present_ids: set[int]) -> int:
    """Record, for every current member, whether they were there (replaces what was recorded before)."""
    if not permissions.is_facilitator(by, meeting.group):
        raise PermissionDenied(_("Only the facilitator records attendance."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the meeting has started."))
    members = list(permissions.group_thread_members(meeting.group).values_list("pk", flat=True))
    now = timezone.now()
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, user_id=pk, present=pk in present_ids, recorded_by=by, recorded_at=now)
        for pk in members
    )
    return sum(1 for pk in members if pk in present_ids)


def meeting_reminders_send(*, now: datetime | None = None) -> int:
    """Remind the members of every meeting starting within MEETING_REMINDER_AHEAD, once per meeting.

    Idempotent: a meeting is marked reminded in the transaction that queues its mail, and rows are locked
    (skip locked) so two runs at once never remind twice. Returns the number of meetings reminded.
    """
    now = now or timezone.now()
    due = Meeting.objects.filter(
        reminded_at__isnull=True, starts_at__gt=now, starts_at__lte=now + MEETING_REMINDER_AHEAD, group__is_active=True
    ).values_list("pk", flat=True)
    reminded = 0
    for pk in list(due):
        with transaction.atomic():
            meeting = (
                Meeting.objects.select_for_update(skip_locked=True).filter(pk=pk, reminded_at__isnull=True).first()
            )
            if meeting is None:
                continue
            _notify(
                permissions.group_thread_members(meeting.group),
                template="meeting_reminder",
                url=reverse("colleagues:group_detail", args=[meeting.group_id]),
            )
            meeting.reminded_at = now
            meeting.save(update_fields=["reminded_at"])
            reminded += 1
    return reminded


# --- Supervision -------------------------------------------------------------------------------------------------
@transaction.atomic
def supervision_offer_save(*, user, is_active: bool, description: str) -> SupervisionOffer:
    _require_member(user)
    privacy_assert_storable({"description": description})
    offer = SupervisionOffer.objects.filter(user=user).first() or SupervisionOffer(user=user)
    offer.is_active = is_active
    offer.description = description.strip()
    offer.full_clean()
    offer.save()
    return offer


@transaction.atomic
def supervision_request_create(
    *, trainee, supervisor, body: str, privacy_confirmed: bool = False
) -> SupervisionRequest:
    """Ask a supervisor; the message opens a conversation between the two (the shared component)."""
    _require_member(trainee)
    if trainee.pk == supervisor.pk:
        raise ValidationError(_("You cannot ask yourself for supervision."))
    if not SupervisionOffer.objects.filter(user=supervisor, is_active=True).exists():
        raise ValidationError(_("This colleague does not offer supervision at the moment."))
    if SupervisionRequest.objects.filter(
        trainee=trainee, supervisor=supervisor, status=SupervisionStatus.PENDING
    ).exists():
        raise ValidationError(_("You have already asked this supervisor; wait for the answer."))
    if not body.strip():
        raise ValidationError({"body": _("Write a message.")})
    privacy_assert_storable({"body": body})
    supervision = SupervisionRequest.objects.create(trainee=trainee, supervisor=supervisor)
    thread = thread_get_or_create(
        kind=SUPERVISION_THREAD_KIND,
        key=f"colleagues.supervision:{supervision.pk}",
        subject=_("Supervision request"),
        participants=[trainee, supervisor],
        about=supervision,
    )
    message_post(thread=thread, author=trainee, body=body, privacy_confirmed=privacy_confirmed)
    supervision.thread = thread
    supervision.save(update_fields=["thread"])
    return supervision


@transaction.atomic
def supervision_request_decide(*, supervision: SupervisionRequest, by, accept: bool) -> SupervisionRequest:
    if not permissions.can_answer_supervision(by, supervision):
        raise ValidationError(_("This request has already been answered."))
    supervision.status = SupervisionStatus.ACCEPTED if accept else SupervisionStatus.DECLINED
    supervision.decided_at = timezone.now()
    supervision.save(update_fields=["status", "decided_at"])
    url = reverse("conversations:thread", args=[supervision.thread_id]) if supervision.thread_id else "/"
    _notify([supervision.trainee], template="supervision_decided", url=url)
    return supervision


# --- Case consultation ---------------------------------------------------------------------------------------------
@transaction.atomic
def consultation_create(
    *, author, title: str, question: str, group: IntervisionGroup | None = None, privacy_confirmed: bool = False
) -> Consultation:
    """Post an anonymised case question to the network, or to a group the author is a member of.

    The author follows it from the start (a notice per new reply).
    """
    _require_member(author)
    if group is not None and not permissions.is_group_member(author, group):
        raise PermissionDenied(_("You can only ask a group you are a member of."))
    title, question = " ".join(title.split()), question.strip()
    privacy_assert_storable({"title": title, "question": question})
    consultation = Consultation(
        author=author, group=group, title=title, question=question, privacy_confirmed=privacy_confirmed
    )
    consultation.full_clean()
    consultation.save()
    ConsultationFollow.objects.create(consultation=consultation, user=author)
    return consultation


@transaction.atomic
def consultation_reply(
    *, consultation: Consultation, author, body: str, privacy_confirmed: bool = False
) -> ConsultationReply:
    """Reply; every follower but the replier gets a notice with only the link."""
    if not permissions.can_view_consultation(author, consultation):
        raise PermissionDenied(_("You cannot reply to this consultation."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a reply.")})
    privacy_assert_storable({"body": body})
    reply = ConsultationReply(consultation=consultation, author=author, body=body, privacy_confirmed=privacy_confirmed)
    reply.full_clean()
    reply.save()
    followers = [
        follow.user
        for follow in consultation.follows.select_related("user").exclude(user=author)
        if permissions.can_view_consultation(follow.user, consultation)
    ]
    _notify(
        followers, template="consultation_reply", url=reverse("colleagues:consultation_detail", args=[consultation.pk])
    )
    return reply


def consultation_follow(*, consultation: Consultation, user, follow: bool) -> bool:
    if not permissions.can_view_consultation(user, consultation):
        raise PermissionDenied
    if follow:
        ConsultationFollow.objects.get_or_create(consultation=consultation, user=user)
    else:
        ConsultationFollow.objects.filter(consultation=consultation, user=user).delete()
    return follow


@transaction.atomic
def consultation_accept(*, consultation: Consultation, reply: ConsultationReply, by) -> Consultation:
    """The poster marks one reply as the accepted answer (choosing another one replaces it)."""
    if not permissions.can_accept_answer(by, consultation):
        raise PermissionDenied(_("Only the person who asked marks an answer as accepted."))
    if reply.consultation_id != consultation.pk:
        raise ValidationError(_("This reply belongs to another consultation."))
    consultation.accepted_reply = reply
    consultation.answered_at = consultation.answered_at or timezone.now()
    consultation.save(update_fields=["accepted_reply", "answered_at"])
    return consultation
