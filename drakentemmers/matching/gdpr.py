"""GDPR export and erasure for the matching app.

Care requests belong to the organisation, not to the person who typed them: erasure keeps the records
(the organisation needs them, and they hold no client identity) but removes the person's authorship.
Messages live in the conversation component, which exports and erases them itself.
"""

from drakentemmers.accounts.personal_data import words_of
from drakentemmers.core.erasure import redact

from .models import (
    FINAL_STATUSES,
    PENDING_CANDIDACY_STATUSES,
    Candidacy,
    CandidacyStatus,
    CareRequest,
    StatusChange,
)


def export_user(user) -> dict:
    return {
        "care_requests_created": list(
            CareRequest.objects.filter(created_by=user).values_list("pk", flat=True).order_by("pk")
        ),
        "candidacies": [
            {
                "care_request": i.care_request_id,
                "status": i.status,
                "decline_reason": i.decline_reason,
                "decline_note": i.decline_note,
                "invited_at": i.created_at.isoformat(),
            }
            for i in Candidacy.objects.filter(therapist__user=user).order_by("created_at")
        ],
    }


def erase_user(user) -> None:
    """One function per model. Nothing the organisation wrote is deleted (Candidacy.therapist is SET_NULL).

    The request threads' messages are the conversation component's (``conversations.personal_data``).
    """
    words = words_of(user)
    care_request_erase(user, words=words)
    status_change_erase(user, words=words)
    candidacy_erase(user)


def care_request_erase(user, *, words: list[str]) -> None:
    """The organisation's requests stay; the author link goes (free text never names anyone, but is checked)."""
    for care_request in CareRequest.objects.filter(created_by=user):
        for name in ("title", "context", "offers_other"):
            setattr(care_request, name, redact(getattr(care_request, name), words))
        care_request.created_by = None
        care_request.save(update_fields=["title", "context", "offers_other", "created_by"])


def status_change_erase(user, *, words: list[str]) -> None:
    for change in StatusChange.objects.filter(changed_by=user):
        change.note = redact(change.note, words)
        change.changed_by = None
        change.save(update_fields=["note", "changed_by"])


def candidacy_erase(user) -> None:
    """Invitations the person sent lose the inviter. The person's own candidacies stay for the organisation
    (the request's history and the bottleneck figures), without the decline note; the ones still running
    are withdrawn, so nobody waits for an answer or writes to an erased account."""
    Candidacy.objects.filter(invited_by=user).update(invited_by=None)
    own = Candidacy.objects.filter(therapist__user=user)
    own.update(decline_note="")
    running = PENDING_CANDIDACY_STATUSES | {CandidacyStatus.ACCEPTED}
    own.filter(status__in=running).exclude(care_request__status__in=FINAL_STATUSES).exclude(
        care_request__matched_therapist__user=user
    ).update(status=CandidacyStatus.WITHDRAWN)
