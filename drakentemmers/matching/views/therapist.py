"""Therapists: the candidacy inbox, answering, open requests that fit them, offering themselves."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.services import access_log_record, access_log_record_list
from drakentemmers.directory.views.not_verified import not_yet_verified_page

from .. import selectors, services
from ..forms import DeclineForm
from ..models import CareRequest, RequestStatus
from ..permissions import get_candidacy_for_therapist, therapist_profile_of
from .common import flash_validation_error


def _therapist_or_404(request: HttpRequest):
    therapist = therapist_profile_of(request.user)
    if therapist is None:
        raise Http404
    return therapist


def _not_yet_verified(request: HttpRequest) -> HttpResponse | None:
    """A therapist whose profile is not verified yet sees where it stands and what comes next, not a 404."""
    return not_yet_verified_page(
        request,
        what_next=_(
            "You receive an e-mail as soon as your profile is verified. From then on organisations can invite you "
            "for care requests, and care requests that fit you appear here."
        ),
    )


@mfa_required
def inbox(request: HttpRequest) -> HttpResponse:
    if waiting := _not_yet_verified(request):
        return waiting
    therapist = _therapist_or_404(request)
    candidacies = selectors.candidacy_inbox(therapist=therapist)
    return render(request, "matching/inbox.html", {"candidacies": candidacies})


@require_POST
@mfa_required
def candidacy_accept(request: HttpRequest, pk: int) -> HttpResponse:
    candidacy = get_candidacy_for_therapist(request.user, pk)
    try:
        services.candidacy_accept(candidacy=candidacy)
    except ValidationError as error:
        flash_validation_error(request, error)
    else:
        messages.success(request, _("Thank you. The organisation has been told and will confirm the match."))
    return redirect("matching:request_detail", pk=candidacy.care_request_id)


@mfa_required
def candidacy_decline(request: HttpRequest, pk: int) -> HttpResponse:
    candidacy = get_candidacy_for_therapist(request.user, pk)
    access_log_record(request=request, obj=candidacy.care_request)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidacy_decline(
                candidacy=candidacy,
                reason=form.cleaned_data["decline_reason"],
                note=form.cleaned_data["decline_note"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your answer has been sent. Thank you for letting the organisation know."))
            return redirect("matching:inbox")
    return render(request, "matching/decline_form.html", {"form": form, "candidacy": candidacy})


@mfa_required
def fitting_requests(request: HttpRequest) -> HttpResponse:
    if waiting := _not_yet_verified(request):
        return waiting
    therapist = _therapist_or_404(request)
    care_requests = selectors.open_requests_for_therapist(therapist=therapist)
    access_log_record_list(request=request, objects=care_requests)
    return render(request, "matching/fitting_list.html", {"care_requests": care_requests, "therapist": therapist})


@require_POST
@mfa_required
def offer(request: HttpRequest, pk: int) -> HttpResponse:
    therapist = _therapist_or_404(request)
    # Only requests the therapist actually fits can be offered on; anything else is 404 like elsewhere.
    fitting = {cr.pk for cr in selectors.open_requests_for_therapist(therapist=therapist)}
    care_request = CareRequest.objects.filter(pk=pk, status=RequestStatus.OPEN).first()
    if care_request is None or care_request.pk not in fitting:
        raise Http404
    try:
        services.candidacy_offer(care_request=care_request, therapist=therapist)
    except ValidationError as error:
        flash_validation_error(request, error)
        return redirect("matching:fitting")
    messages.success(request, _("Your offer has been sent. The organisation decides and lets you know."))
    return redirect("matching:request_detail", pk=pk)
