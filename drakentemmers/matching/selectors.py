"""Reads for the matching pages: lists with bounded queries, the reverse-matching list, the timeline."""

import hashlib

from django.db.models import Count, Exists, Prefetch, Q, QuerySet
from django.utils import timezone

from drakentemmers.core import public_cache
from drakentemmers.directory.models import AGE_BAND_FIELDS, SETTING_FIELDS, TherapistProfile, WorkLocation

from .models import Candidacy, CandidacyStatus, CareRequest, RequestStatus
from .ranking import _fetch as fetch_without_jit
from .ranking import largest_travel_radius_km, ranked_queryset

# The reverse-matching list checks at most this many of the newest open requests, in one query.
REVERSE_MATCH_SCAN_LIMIT = 100


def care_request_list(*, organisations, status: str = "") -> QuerySet[CareRequest]:
    qs = CareRequest.objects.filter(organisation__in=organisations).select_related("organisation", "municipality")
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(
        candidacy_count=Count("candidacies", distinct=True),
        accepted_count=Count("candidacies", filter=Q(candidacies__status=CandidacyStatus.ACCEPTED), distinct=True),
        offered_count=Count("candidacies", filter=Q(candidacies__status=CandidacyStatus.OFFERED), distinct=True),
    ).order_by("-created_at", "-pk")


def open_requests_of(organisations) -> QuerySet[CareRequest]:
    """The organisations' open care requests, newest first (for "invite for a request" in the search)."""
    return CareRequest.objects.filter(organisation__in=organisations, status=RequestStatus.OPEN).order_by(
        "-published_at", "-pk"
    )


def candidacy_inbox(*, therapist: TherapistProfile) -> QuerySet[Candidacy]:
    return (
        Candidacy.objects.filter(therapist=therapist)
        .exclude(care_request__status=RequestStatus.DRAFT)
        .select_related("care_request__organisation", "care_request__municipality")
        .order_by("-created_at", "-pk")
    )


def request_candidacies(*, care_request: CareRequest) -> list[Candidacy]:
    return list(care_request.candidacies.select_related("therapist__user", "therapist__profession"))


def _prefetched(qs: QuerySet[CareRequest]) -> QuerySet[CareRequest]:
    return qs.prefetch_related(
        "target_groups",
        "languages",
        "funding_routes",
        "methods",
        "problems",
        Prefetch("candidacies", queryset=Candidacy.objects.only("id", "therapist_id", "care_request_id")),
    )


def open_requests_for_therapist(*, therapist: TherapistProfile) -> list[CareRequest]:
    """Open requests whose hard filters this therapist passes (the ranking's own filters, reused).

    Cheap column filters (setting, age band) run first in one query; the remaining requests are then checked
    in one more query, one EXISTS through ranking.ranked_queryset per request (so the reverse list can never
    disagree with ranking), instead of one query per request: the count stays the same as requests grow.
    """
    from .services import criteria_for_request

    settings_offered = [setting for setting, column in SETTING_FIELDS.items() if getattr(therapist, column)]
    ages_treated = [band for band, column in AGE_BAND_FIELDS.items() if getattr(therapist, column)]
    qs = (
        CareRequest.objects.filter(status=RequestStatus.OPEN, setting__in=settings_offered)
        .filter(Q(age_band="") | Q(age_band__in=ages_treated) | Q(kind="structural_cooperation"))
        .exclude(candidacies__therapist=therapist)
        .select_related("organisation", "municipality", "postcode_area")
        .order_by("-published_at", "-pk")[:REVERSE_MATCH_SCAN_LIMIT]
    )
    candidates = list(_prefetched(qs))
    if not candidates:
        return []
    criteria = {care_request.pk: criteria_for_request(care_request) for care_request in candidates}
    # Which of these requests fit depends only on their criteria (all in the key) and on the therapist's profile
    # and work locations (the public data version, which any change to them bumps); not on the time. Building the
    # one EXISTS per request costs more CPU than the query itself, so the answer is kept: this therapist's own.
    key = hashlib.sha256(repr(sorted(criteria.items())).encode()).hexdigest()[:24]
    fitting = public_cache.cached_data(
        f"fitting-requests:{therapist.pk}:{key}", lambda: _fitting_request_ids(therapist, criteria)
    )
    return [care_request for care_request in candidates if care_request.pk in fitting]


def _fitting_request_ids(therapist: TherapistProfile, criteria: dict) -> list[int]:
    now = timezone.now()
    radius = largest_travel_radius_km()
    checks = {
        f"fits_{pk}": Exists(
            ranked_queryset(request_criteria, now=now, largest_radius_km=radius).filter(pk=therapist.pk)
        )
        for pk, request_criteria in criteria.items()
    }
    # Like the ranking query itself, with PostgreSQL's JIT off: the estimate of many EXISTS would trigger it.
    (row,) = fetch_without_jit(TherapistProfile.objects.filter(pk=therapist.pk).values("pk").annotate(**checks))
    return [pk for pk in criteria if row[f"fits_{pk}"]]


def handover_request(*, care_request: CareRequest) -> CareRequest:
    """The request with the categorical profile prefetched, for the handover page and its PDF."""
    return (
        CareRequest.objects.select_related(
            "organisation",
            "municipality",
            "postcode_area",
            "matched_therapist__user",
            "matched_therapist__profession",
        )
        .prefetch_related("target_groups", "problems", "methods", "languages", "funding_routes")
        .get(pk=care_request.pk)
    )


def candidate_profile(*, therapist_id: int) -> TherapistProfile:
    """A therapist with everything the profile partials show, in a fixed number of queries."""
    return (
        TherapistProfile.objects.select_related("user", "profession")
        .prefetch_related(
            "target_groups",
            "expertise",
            "methods",
            "languages",
            "funding_routes",
            Prefetch("locations", queryset=WorkLocation.objects.select_related("municipality", "postcode_area")),
        )
        .get(pk=therapist_id)
    )
