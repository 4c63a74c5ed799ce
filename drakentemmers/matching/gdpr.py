"""GDPR export and erasure for the matching app.

Care requests belong to the organisation, not to the person who typed them: erasure keeps the records
(the organisation needs them, and they hold no client identity) but removes the person's authorship.
Messages live in the conversation component, which exports and erases them itself.
"""

from .models import Candidacy, CareRequest, StatusChange


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
    CareRequest.objects.filter(created_by=user).update(created_by=None)
    StatusChange.objects.filter(changed_by=user).update(changed_by=None)
    Candidacy.objects.filter(invited_by=user).update(invited_by=None)
    Candidacy.objects.filter(therapist__user=user).update(decline_note="")
