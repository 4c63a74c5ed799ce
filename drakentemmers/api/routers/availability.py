"""A therapist's own availability, so a practice system can keep it current.

Validation is the availability page's own form (`directory.forms.AvailabilityForm`) and saving is the
directory's service (`availability_update` / `availability_confirm`), so the checks, the confirmation date
that freshness and ranking use, and the audit trail are the same as on the web page.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router
from ninja.errors import ValidationError as NinjaValidationError

from drakentemmers.directory import services as directory_services
from drakentemmers.directory.forms import AvailabilityForm
from drakentemmers.directory.models import TherapistProfile

from ..auth import token_auth
from ..permissions import get_own_therapist_profile
from ..schemas import AvailabilityIn, AvailabilityOut, AvailabilityPatch, ErrorOut, ValidationErrorOut

router = Router(tags=["therapist"], auth=token_auth)

FIELDS = AvailabilityForm.Meta.fields
READ_RESPONSES = {200: AvailabilityOut, 401: ErrorOut, 404: ErrorOut, 429: ErrorOut}
WRITE_RESPONSES = {**READ_RESPONSES, 400: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut}


def availability_out(profile: TherapistProfile) -> AvailabilityOut:
    return AvailabilityOut(
        accepting=profile.accepting,
        free_places_adults=profile.free_places_adults,
        free_places_children=profile.free_places_children,
        waiting_weeks=profile.waiting_weeks,
        earliest_start=profile.earliest_start,
        confirmed_at=profile.availability_confirmed_at,
        is_stale=profile.availability_is_stale,
    )


def _writable_profile(request: HttpRequest) -> TherapistProfile:
    profile = get_own_therapist_profile(request.user)
    if not request.auth.can_write:
        raise PermissionDenied
    return profile


def _save(profile: TherapistProfile, changes: dict) -> TherapistProfile:
    """Run the page's form over the current values with `changes` applied, then the page's service."""
    current = {name: getattr(profile, name) for name in FIELDS}
    merged = {**current, **changes}
    data = {name: "" if value is None else str(value) for name, value in merged.items()}
    form = AvailabilityForm(data, instance=profile)
    if not form.is_valid():
        errors = [
            {"loc": ["body", field], "msg": str(message), "type": "value_error"}
            for field, messages in form.errors.items()
            for message in messages
        ]
        raise NinjaValidationError(errors)
    fields = {name: form.cleaned_data[name] for name in FIELDS}
    return directory_services.availability_update(profile=profile, fields=fields)


@router.get("/availability", response=READ_RESPONSES, url_name="availability")
def availability_get(request: HttpRequest):
    """The token owner's own availability and when it was last confirmed."""
    return availability_out(get_own_therapist_profile(request.user))


@router.put("/availability", response=WRITE_RESPONSES, url_name="availability")
def availability_put(request: HttpRequest, payload: AvailabilityIn):
    """Replace the availability (read_write token); saving counts as confirming it today."""
    profile = _writable_profile(request)
    return availability_out(_save(profile, payload.model_dump()))


@router.patch("/availability", response=WRITE_RESPONSES, url_name="availability")
def availability_patch(request: HttpRequest, payload: AvailabilityPatch):
    """Change some fields (read_write token); the others keep their value. Counts as confirming it today."""
    profile = _writable_profile(request)
    return availability_out(_save(profile, payload.model_dump(exclude_unset=True)))


@router.post("/availability/confirm", response=WRITE_RESPONSES, url_name="availability_confirm")
def availability_confirm(request: HttpRequest):
    """'Still up to date': renew the confirmation date without changing anything (read_write token)."""
    profile = _writable_profile(request)
    return availability_out(directory_services.availability_confirm(profile=profile))
