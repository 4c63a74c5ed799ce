"""After the match: the organisation records the agreed next steps for the handover to the therapist."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.core.privacy.guard import privacy_assert_no_bsn

from ..models import CareRequest, RequestStatus, StatusChange

# Next steps can be changed while the handover is under way, not once the request is closed.
NEXT_STEPS_EDITABLE_STATUSES = frozenset({RequestStatus.MATCHED, RequestStatus.TREATMENT_STARTED})


@transaction.atomic
def handover_next_steps_set(*, care_request: CareRequest, next_steps: str, by) -> CareRequest:
    """Store the agreed next steps and note it in the history.

    A BSN is refused even when the form's privacy check was confirmed.
    """
    if care_request.status not in NEXT_STEPS_EDITABLE_STATUSES or care_request.matched_therapist_id is None:
        raise ValidationError(_("Next steps can only be recorded for a matched request that is still running."))
    next_steps = next_steps.strip()
    privacy_assert_no_bsn({"next_steps": next_steps})
    care_request.next_steps = next_steps
    care_request.next_steps_updated_at = timezone.now()
    care_request.full_clean()
    care_request.save(update_fields=["next_steps", "next_steps_updated_at", "updated_at"])
    StatusChange.objects.create(
        care_request=care_request,
        from_status=care_request.status,
        to_status=care_request.status,
        changed_by=by,
        note=_("Agreed next steps updated"),
    )
    return care_request
