"""Inviting therapists, their answers, therapists offering themselves, and confirming the match."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.core.services import email_queue_template
from drakentemmers.directory.models import TherapistProfile, VerificationStatus

from ..models import CareRequest, DeclineReason, Invitation, InvitationStatus, RequestStatus
from .privacy import privacy_assert_no_bsn
from .requests import _transition, _withdraw_pending_invitations, organisation_recipients

# A single organisation cannot flood therapists: at most this many open invitations per request.
MAX_PENDING_INVITATIONS = 10


def _email_therapist(invitation: Invitation, template: str) -> None:
    user = invitation.therapist.user
    email_queue_template(
        to=[user.email],
        template_prefix=f"matching/email/{template}",
        context={"care_request": invitation.care_request, "invitation": invitation},
        language=user.preferred_language,
    )


def _email_organisation(invitation: Invitation, template: str) -> None:
    email_queue_template(
        to=organisation_recipients(invitation.care_request),
        template_prefix=f"matching/email/{template}",
        context={"care_request": invitation.care_request, "invitation": invitation},
    )


@transaction.atomic
def invitations_create(
    *, care_request: CareRequest, therapist_ids: Iterable[int], by, scores: dict[int, float] | None = None
) -> list[Invitation]:
    """Invite verified therapists to an open request; each gets an e-mail. Already invited ones are skipped."""
    if care_request.status != RequestStatus.OPEN:
        raise ValidationError(_("You can only invite therapists for an open request."))
    ordered = list(dict.fromkeys(therapist_ids))  # keep the caller's (ranking) order, drop duplicates
    wanted = set(ordered)
    if not wanted:
        raise ValidationError(_("Choose at least one therapist."))
    known = set(care_request.invitations.values_list("therapist_id", flat=True))
    therapists = sorted(
        TherapistProfile.objects.select_related("user").filter(
            pk__in=wanted - known, status=VerificationStatus.VERIFIED
        ),
        key=lambda therapist: ordered.index(therapist.pk),
    )
    pending = care_request.invitations.filter(status=InvitationStatus.INVITED).count()
    if pending + len(therapists) > MAX_PENDING_INVITATIONS:
        raise ValidationError(
            _("At most %(max)s therapists can be invited at the same time.") % {"max": MAX_PENDING_INVITATIONS}
        )
    created = []
    for therapist in therapists:
        invitation = Invitation(
            care_request=care_request,
            therapist=therapist,
            invited_by=by,
            score=(scores or {}).get(therapist.pk),
        )
        invitation.full_clean()
        invitation.save()
        _email_therapist(invitation, "invitation_new")
        created.append(invitation)
    return created


def _lock_pending(invitation: Invitation, *, expected: str) -> Invitation:
    locked = Invitation.objects.select_for_update().select_related("care_request").get(pk=invitation.pk)
    if locked.status != expected:
        raise ValidationError(_("This invitation has already been answered or is no longer open."))
    if locked.care_request.status != RequestStatus.OPEN:
        raise ValidationError(_("This request is no longer open."))
    return locked


@transaction.atomic
def invitation_accept(*, invitation: Invitation) -> Invitation:
    """The therapist says yes; the organisation is told and confirms (the first acceptance wins)."""
    _lock_pending(invitation, expected=InvitationStatus.INVITED)
    invitation.status = InvitationStatus.ACCEPTED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    _email_organisation(invitation, "invitation_accepted")
    return invitation


@transaction.atomic
def invitation_decline(*, invitation: Invitation, reason: str, note: str = "") -> Invitation:
    """The therapist says no, with a reason that feeds the bottleneck figures."""
    _lock_pending(invitation, expected=InvitationStatus.INVITED)
    if reason not in DeclineReason.values:
        raise ValidationError({"decline_reason": _("Choose a reason.")})
    if reason == DeclineReason.OTHER and not note.strip():
        raise ValidationError({"decline_note": _("Explain briefly why you decline.")})
    privacy_assert_no_bsn({"decline_note": note})
    invitation.status = InvitationStatus.DECLINED
    invitation.decline_reason = reason
    invitation.decline_note = note.strip()
    invitation.responded_at = timezone.now()
    invitation.full_clean()
    invitation.save(update_fields=["status", "decline_reason", "decline_note", "responded_at"])
    _email_organisation(invitation, "invitation_declined")
    return invitation


@transaction.atomic
def invitation_offer(*, care_request: CareRequest, therapist: TherapistProfile) -> Invitation:
    """Reverse matching: a therapist offers to take an open request; the organisation decides."""
    if care_request.status != RequestStatus.OPEN:
        raise ValidationError(_("This request is no longer open."))
    if not therapist.is_verified:
        raise ValidationError(_("Only verified therapists can offer themselves."))
    if care_request.invitations.filter(therapist=therapist).exists():
        raise ValidationError(_("You are already connected to this request."))
    invitation = Invitation(
        care_request=care_request,
        therapist=therapist,
        status=InvitationStatus.OFFERED,
        responded_at=timezone.now(),
    )
    invitation.full_clean()
    invitation.save()
    _email_organisation(invitation, "offer_new")
    return invitation


@transaction.atomic
def offer_decline(*, invitation: Invitation, by) -> Invitation:
    """The organisation does not take up a therapist's offer; the therapist is told politely."""
    _lock_pending(invitation, expected=InvitationStatus.OFFERED)
    invitation.status = InvitationStatus.WITHDRAWN
    invitation.save(update_fields=["status"])
    _email_therapist(invitation, "offer_declined")
    return invitation


@transaction.atomic
def match_confirm(*, invitation: Invitation, by) -> CareRequest:
    """Open → matched with this therapist (who accepted, or offered themselves).

    All other invitations still waiting or accepted are withdrawn and those therapists are thanked by e-mail.
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status not in (InvitationStatus.ACCEPTED, InvitationStatus.OFFERED):
        raise ValidationError(_("Only a therapist who accepted or offered themselves can be confirmed."))
    care_request = invitation.care_request
    if locked.status == InvitationStatus.OFFERED:
        invitation.status = InvitationStatus.ACCEPTED
        invitation.save(update_fields=["status"])
    care_request.matched_therapist = invitation.therapist
    care_request.save(update_fields=["matched_therapist", "updated_at"])
    _transition(care_request, to=RequestStatus.MATCHED, by=by)
    _email_therapist(invitation, "match_confirmed")
    _withdraw_pending_invitations(care_request, template="invitation_withdrawn")
    return care_request
