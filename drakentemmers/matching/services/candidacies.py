"""Inviting therapists, their answers, therapists offering themselves, and confirming the match."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_notice
from drakentemmers.directory.models import TherapistProfile, VerificationStatus

from ..models import Candidacy, CandidacyStatus, CareRequest, DeclineReason, RequestStatus
from .requests import _transition, _withdraw_pending_candidacies, organisation_recipients

# A single organisation cannot flood therapists: at most this many open invitations per request.
MAX_PENDING_CANDIDACIES = 10


def _email_therapist(candidacy: Candidacy, template: str) -> None:
    user = candidacy.therapist.user
    email_notice(
        to=[user.email],
        template_prefix=f"matching/email/{template}",
        context={"care_request": candidacy.care_request, "candidacy": candidacy},
        language=user.preferred_language,
    )


def _email_organisation(candidacy: Candidacy, template: str) -> None:
    email_notice(
        to=organisation_recipients(candidacy.care_request),
        template_prefix=f"matching/email/{template}",
        context={"care_request": candidacy.care_request, "candidacy": candidacy},
    )


@transaction.atomic
def candidacies_create(
    *, care_request: CareRequest, therapist_ids: Iterable[int], by, scores: dict[int, float] | None = None
) -> list[Candidacy]:
    """Invite verified therapists to an open request; each gets an e-mail. Already invited ones are skipped."""
    if care_request.status != RequestStatus.OPEN:
        raise ValidationError(_("You can only invite therapists for an open request."))
    ordered = list(dict.fromkeys(therapist_ids))  # keep the caller's (ranking) order, drop duplicates
    wanted = set(ordered)
    if not wanted:
        raise ValidationError(_("Choose at least one therapist."))
    known = set(care_request.candidacies.values_list("therapist_id", flat=True))
    therapists = sorted(
        TherapistProfile.objects.select_related("user").filter(
            pk__in=wanted - known, status=VerificationStatus.VERIFIED
        ),
        key=lambda therapist: ordered.index(therapist.pk),
    )
    pending = care_request.candidacies.filter(status=CandidacyStatus.INVITED).count()
    if pending + len(therapists) > MAX_PENDING_CANDIDACIES:
        raise ValidationError(
            _("At most %(max)s therapists can be invited at the same time.") % {"max": MAX_PENDING_CANDIDACIES}
        )
    created = []
    for therapist in therapists:
        candidacy = Candidacy(
            care_request=care_request,
            therapist=therapist,
            invited_by=by,
            score=(scores or {}).get(therapist.pk),
        )
        candidacy.full_clean()
        candidacy.save()
        _email_therapist(candidacy, "candidacy_new")
        created.append(candidacy)
    return created


def _lock_pending(candidacy: Candidacy, *, expected: str) -> Candidacy:
    locked = Candidacy.objects.select_for_update().select_related("care_request").get(pk=candidacy.pk)
    if locked.status != expected:
        raise ValidationError(_("This invitation has already been answered or is no longer open."))
    if locked.care_request.status != RequestStatus.OPEN:
        raise ValidationError(_("This request is no longer open."))
    return locked


@transaction.atomic
def candidacy_accept(*, candidacy: Candidacy) -> Candidacy:
    """The therapist says yes; the organisation is told and confirms (the first acceptance wins)."""
    _lock_pending(candidacy, expected=CandidacyStatus.INVITED)
    candidacy.status = CandidacyStatus.ACCEPTED
    candidacy.responded_at = timezone.now()
    candidacy.save(update_fields=["status", "responded_at"])
    _email_organisation(candidacy, "candidacy_accepted")
    return candidacy


@transaction.atomic
def candidacy_decline(*, candidacy: Candidacy, reason: str, note: str = "") -> Candidacy:
    """The therapist says no, with a reason that feeds the bottleneck figures."""
    _lock_pending(candidacy, expected=CandidacyStatus.INVITED)
    if reason not in DeclineReason.values:
        raise ValidationError({"decline_reason": _("Choose a reason.")})
    if reason == DeclineReason.OTHER and not note.strip():
        raise ValidationError({"decline_note": _("Explain briefly why you decline.")})
    privacy_assert_storable({"decline_note": note})
    candidacy.status = CandidacyStatus.DECLINED
    candidacy.decline_reason = reason
    candidacy.decline_note = note.strip()
    candidacy.responded_at = timezone.now()
    candidacy.full_clean()
    candidacy.save(update_fields=["status", "decline_reason", "decline_note", "responded_at"])
    _email_organisation(candidacy, "candidacy_declined")
    return candidacy


@transaction.atomic
def candidacy_offer(*, care_request: CareRequest, therapist: TherapistProfile) -> Candidacy:
    """Reverse matching: a therapist offers to take an open request; the organisation decides."""
    if care_request.status != RequestStatus.OPEN:
        raise ValidationError(_("This request is no longer open."))
    if not therapist.is_verified:
        raise ValidationError(_("Only verified therapists can offer themselves."))
    if care_request.candidacies.filter(therapist=therapist).exists():
        raise ValidationError(_("You are already connected to this request."))
    candidacy = Candidacy(
        care_request=care_request,
        therapist=therapist,
        status=CandidacyStatus.OFFERED,
        offered_by_therapist=True,
        responded_at=timezone.now(),
    )
    candidacy.full_clean()
    candidacy.save()
    _email_organisation(candidacy, "offer_new")
    return candidacy


@transaction.atomic
def offer_decline(*, candidacy: Candidacy, by) -> Candidacy:
    """The organisation does not take up a therapist's offer; the therapist is told politely."""
    _lock_pending(candidacy, expected=CandidacyStatus.OFFERED)
    candidacy.status = CandidacyStatus.WITHDRAWN
    candidacy.save(update_fields=["status"])
    _email_therapist(candidacy, "offer_declined")
    return candidacy


@transaction.atomic
def match_confirm(*, candidacy: Candidacy, by) -> CareRequest:
    """Open → matched with this therapist (who accepted, or offered themselves).

    All other candidacies still waiting or accepted are withdrawn and those therapists are thanked by e-mail.
    """
    locked = Candidacy.objects.select_for_update().get(pk=candidacy.pk)
    if locked.therapist_id is None:
        raise ValidationError(_("This therapist's account has been erased."))
    if locked.status not in (CandidacyStatus.ACCEPTED, CandidacyStatus.OFFERED):
        raise ValidationError(_("Only a therapist who accepted or offered themselves can be confirmed."))
    care_request = candidacy.care_request
    if locked.status == CandidacyStatus.OFFERED:
        candidacy.status = CandidacyStatus.ACCEPTED
        candidacy.save(update_fields=["status"])
    care_request.matched_therapist = candidacy.therapist
    care_request.save(update_fields=["matched_therapist", "updated_at"])
    _transition(care_request, to=RequestStatus.MATCHED, by=by)
    _email_therapist(candidacy, "match_confirmed")
    _withdraw_pending_candidacies(care_request, template="candidacy_withdrawn")
    return care_request
