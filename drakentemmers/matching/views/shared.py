"""The request detail page, shown to the organisation, invited therapists and the platform team."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.services import access_log_record

from .. import selectors
from ..models import CandidacyStatus, RequestStatus
from ..permissions import candidacy_of, get_care_request_for_user, handover_side, is_request_staff, sees_full_request


@mfa_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    care_request = get_care_request_for_user(request.user, pk)
    is_staff = is_request_staff(request.user, care_request)
    my_candidacy = None if is_staff else candidacy_of(request.user, care_request)
    if not sees_full_request(my_candidacy):
        # An offer not (or no longer) taken up: only what the fitting list showed, no organisation, no context.
        access_log_record(request=request, obj=care_request, action="summary")
        return render(request, "matching/request_offer.html", {"care_request": care_request, "candidacy": my_candidacy})
    access_log_record(request=request, obj=care_request)
    # A therapist sees only their own invitation, never who else was asked.
    candidacies = [] if my_candidacy else selectors.request_candidacies(care_request=care_request)
    return render(
        request,
        "matching/request_detail.html",
        {
            "care_request": care_request,
            "is_staff": is_staff,
            "my_candidacy": my_candidacy,
            "candidacies": candidacies,
            "status_changes": care_request.status_changes.select_related("changed_by"),
            "can_edit": is_staff and care_request.status in (RequestStatus.DRAFT, RequestStatus.OPEN),
            "is_open": care_request.status == RequestStatus.OPEN,
            "has_handover": handover_side(request.user, care_request) is not None,
            "Status": RequestStatus,
            "CandidacyStatus": CandidacyStatus,
        },
    )
