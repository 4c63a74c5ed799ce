"""Creating, editing and moving care requests through their lifecycle.

Every status change goes through ``_transition``, which checks the lifecycle table, stamps the matching
timestamp and writes a StatusChange row in the same transaction.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_queue_template
from drakentemmers.directory.models import Organisation

from ..models import (
    PENDING_CANDIDACY_STATUSES,
    CandidacyStatus,
    CareRequest,
    RequestKind,
    RequestStatus,
    StatusChange,
)
from ..ranking import Criteria

# Which status may follow which. Anything else is refused with a Dutch message.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    RequestStatus.DRAFT: frozenset({RequestStatus.OPEN, RequestStatus.WITHDRAWN}),
    RequestStatus.OPEN: frozenset({RequestStatus.MATCHED, RequestStatus.WITHDRAWN, RequestStatus.EXPIRED}),
    RequestStatus.MATCHED: frozenset({RequestStatus.TREATMENT_STARTED, RequestStatus.CLOSED, RequestStatus.WITHDRAWN}),
    RequestStatus.TREATMENT_STARTED: frozenset({RequestStatus.CLOSED}),
    RequestStatus.CLOSED: frozenset(),
    RequestStatus.WITHDRAWN: frozenset(),
    RequestStatus.EXPIRED: frozenset(),
}
TIMESTAMP_FOR_STATUS = {
    RequestStatus.OPEN: "published_at",
    RequestStatus.MATCHED: "matched_at",
    RequestStatus.TREATMENT_STARTED: "treatment_started_at",
    RequestStatus.CLOSED: "closed_at",
    RequestStatus.WITHDRAWN: "closed_at",
    RequestStatus.EXPIRED: "closed_at",
}
EDITABLE_STATUSES = frozenset({RequestStatus.DRAFT, RequestStatus.OPEN})
FREE_TEXT_FIELDS = ("title", "context", "offers_other")
M2M_FIELDS = ("problems", "methods", "target_groups", "languages", "funding_routes")
# Fields that make no sense for structural cooperation: cleared so that they never leak into ranking.
CLIENT_PROFILE_FIELDS = ("client_type", "age_band", "client_role")


def organisation_recipients(care_request: CareRequest) -> list[str]:
    """The author of the request if still a member, otherwise the organisation's contact address."""
    author = care_request.created_by
    if author and author.is_active and care_request.organisation.memberships.filter(user=author).exists():
        return [author.email]
    return [care_request.organisation.contact_email]


def _apply(care_request: CareRequest, data: dict[str, Any]) -> dict[str, list]:
    m2m = {name: list(data.pop(name, []) or []) for name in M2M_FIELDS}
    place = data.pop("place", None)
    for name, value in data.items():
        setattr(care_request, name, value)
    if care_request.kind == RequestKind.STRUCTURAL:
        for name in CLIENT_PROFILE_FIELDS:
            setattr(care_request, name, "")
        m2m["target_groups"] = []
    care_request.municipality = place.municipality if place else None
    care_request.postcode_area = None
    if place and place.postcode:
        care_request.postcode_area = place.municipality.postcode_areas.filter(code=place.postcode).first()
    care_request.latitude = place.latitude if place else None
    care_request.longitude = place.longitude if place else None
    return m2m


def _save(care_request: CareRequest, m2m: dict[str, list]) -> CareRequest:
    privacy_assert_storable({name: getattr(care_request, name) for name in FREE_TEXT_FIELDS})
    care_request.full_clean()
    care_request.save()
    for name, values in m2m.items():
        getattr(care_request, name).set(values)
    return care_request


@transaction.atomic
def care_request_create(
    *, organisation: Organisation, created_by, kind: str, data: dict[str, Any], privacy_confirmed: bool = False
) -> CareRequest:
    """A new draft request. Writes the first StatusChange (→ draft)."""
    care_request = CareRequest(organisation=organisation, created_by=created_by, kind=kind)
    m2m = _apply(care_request, dict(data))
    care_request.privacy_confirmed = privacy_confirmed
    _save(care_request, m2m)
    StatusChange.objects.create(care_request=care_request, to_status=RequestStatus.DRAFT, changed_by=created_by)
    return care_request


@transaction.atomic
def care_request_update(
    *, care_request: CareRequest, by, data: dict[str, Any], privacy_confirmed: bool = False
) -> CareRequest:
    if care_request.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Only a draft or open request can be changed."))
    m2m = _apply(care_request, dict(data))
    care_request.privacy_confirmed = care_request.privacy_confirmed or privacy_confirmed
    return _save(care_request, m2m)


def _transition(care_request: CareRequest, *, to: str, by, note: str = "") -> CareRequest:
    # Lock the row so two people pressing a button at once cannot both pass the check.
    locked = CareRequest.objects.select_for_update().get(pk=care_request.pk)
    if to not in ALLOWED_TRANSITIONS[locked.status]:
        raise ValidationError(
            _("A request with status “%(from)s” cannot become “%(to)s”.")
            % {"from": locked.get_status_display(), "to": RequestStatus(to).label}
        )
    now = timezone.now()
    previous = locked.status
    care_request.status = to
    setattr(care_request, TIMESTAMP_FOR_STATUS[to], now)
    care_request.save(update_fields=["status", TIMESTAMP_FOR_STATUS[to], "updated_at"])
    StatusChange.objects.create(
        care_request=care_request, from_status=previous, to_status=to, changed_by=by, note=note[:255]
    )
    return care_request


def _withdraw_pending_candidacies(care_request: CareRequest, *, template: str) -> None:
    """Politely tell everyone still waiting that the request has gone, and close their candidacies."""
    pending = care_request.candidacies.filter(status__in=PENDING_CANDIDACY_STATUSES | {CandidacyStatus.ACCEPTED})
    pending = pending.exclude(therapist_id=care_request.matched_therapist_id).exclude(therapist__isnull=True)
    pending = pending.select_related("therapist__user")
    for candidacy in pending:
        candidacy.status = CandidacyStatus.WITHDRAWN
        candidacy.save(update_fields=["status"])
        email_queue_template(
            to=[candidacy.therapist.user.email],
            template_prefix=f"matching/email/{template}",
            context={"care_request": care_request, "candidacy": candidacy},
            language=candidacy.therapist.user.preferred_language,
        )


@transaction.atomic
def care_request_publish(*, care_request: CareRequest, by) -> CareRequest:
    """Draft → open: the request becomes visible to fitting therapists and can be ranked."""
    if care_request.setting != "online" and care_request.latitude is None:
        raise ValidationError(_("Enter the place (postcode or municipality) before publishing."))
    return _transition(care_request, to=RequestStatus.OPEN, by=by)


@transaction.atomic
def care_request_start_treatment(*, care_request: CareRequest, by, note: str = "") -> CareRequest:
    return _transition(care_request, to=RequestStatus.TREATMENT_STARTED, by=by, note=note)


@transaction.atomic
def care_request_close(*, care_request: CareRequest, by, note: str = "") -> CareRequest:
    return _transition(care_request, to=RequestStatus.CLOSED, by=by, note=note)


@transaction.atomic
def care_request_withdraw(*, care_request: CareRequest, by, note: str = "") -> CareRequest:
    """Withdraw the request; invited therapists who are still waiting hear it politely by e-mail."""
    _transition(care_request, to=RequestStatus.WITHDRAWN, by=by, note=note)
    _withdraw_pending_candidacies(care_request, template="request_withdrawn")
    return care_request


@transaction.atomic
def care_request_expire(*, care_request: CareRequest, note: str = "") -> CareRequest:
    """Open too long without a match: expire, tell the organisation and anyone still invited."""
    _transition(care_request, to=RequestStatus.EXPIRED, by=None, note=note)
    _withdraw_pending_candidacies(care_request, template="request_withdrawn")
    email_queue_template(
        to=organisation_recipients(care_request),
        template_prefix="matching/email/request_expired",
        context={"care_request": care_request},
    )
    return care_request


def criteria_for_request(care_request: CareRequest):
    """The ranking criteria of a request (see matching.ranking.Criteria)."""

    def ids(relation) -> tuple[int, ...]:
        # .all() so that a prefetched request (the reverse-matching list) costs no extra queries
        return tuple(sorted(obj.pk for obj in relation.all()))

    structural = care_request.kind == RequestKind.STRUCTURAL
    return Criteria(
        age_bands=() if structural or not care_request.age_band else (care_request.age_band,),
        target_group_ids=ids(care_request.target_groups),
        setting=care_request.setting,
        language_ids=ids(care_request.languages),
        funding_ids=ids(care_request.funding_routes),
        method_ids=ids(care_request.methods),
        expertise_ids=ids(care_request.problems),
        latitude=care_request.latitude,
        longitude=care_request.longitude,
        max_distance_km=float(care_request.max_distance_km) if care_request.max_distance_km else None,
        urgency=care_request.urgency,
        exclude_therapist_ids=tuple(sorted({inv.therapist_id for inv in care_request.candidacies.all()})),
    )


@transaction.atomic
def care_request_keep_open(*, care_request: CareRequest, by) -> CareRequest:
    """The organisation answers the expiry question: keep the request open for another period."""
    if care_request.status != RequestStatus.OPEN:
        raise ValidationError(_("Only an open request can be kept open."))
    care_request.kept_open_at = timezone.now()
    care_request.expiry_warned_at = None
    care_request.save(update_fields=["kept_open_at", "expiry_warned_at", "updated_at"])
    StatusChange.objects.create(
        care_request=care_request,
        from_status=RequestStatus.OPEN,
        to_status=RequestStatus.OPEN,
        changed_by=by,
        note=_("Kept open"),
    )
    return care_request
