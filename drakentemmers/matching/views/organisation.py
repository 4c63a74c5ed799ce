"""Organisation staff: their requests, writing and publishing them, candidates, candidacies, confirming."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.ratelimits import rate_limit_consume
from drakentemmers.core.services import access_log_record, access_log_record_list
from drakentemmers.directory.models import TherapistProfile
from drakentemmers.directory.permissions import get_therapist_for_user

from .. import selectors, services
from ..forms import CareRequestForm, InviteForm, InviteFromSearchForm, StructuralRequestForm
from ..models import RequestKind, RequestStatus
from ..permissions import get_candidacy_for_staff, get_care_request_for_user, handover_side, staff_organisations
from ..ranking import rank_candidates
from ..ranking_cache import cached_rank_candidates
from .common import flash_validation_error

CANDIDATE_LIMIT = 20
REQUESTS_PER_PAGE = 25
STATUS_ACTIONS = {
    "start-treatment": (services.care_request_start_treatment, gettext_lazy("Treatment marked as started.")),
    "close": (services.care_request_close, gettext_lazy("The request is closed.")),
    "withdraw": (
        services.care_request_withdraw,
        gettext_lazy("The request is withdrawn; invited therapists were told."),
    ),
}


def _organisations_or_404(request: HttpRequest) -> list:
    organisations = staff_organisations(request.user)
    if not organisations:
        raise Http404
    return organisations


@mfa_required
def request_list(request: HttpRequest) -> HttpResponse:
    organisations = _organisations_or_404(request)
    status = request.GET.get("status", "")
    status = status if status in RequestStatus.values else ""
    page_obj = Paginator(selectors.care_request_list(organisations=organisations, status=status), REQUESTS_PER_PAGE)
    page_obj = page_obj.get_page(request.GET.get("page"))
    care_requests = list(page_obj)
    access_log_record_list(request=request, objects=care_requests)  # the requests shown, not the whole list
    return render(
        request,
        "matching/request_list.html",
        {"care_requests": care_requests, "page_obj": page_obj, "statuses": RequestStatus.choices, "status": status},
    )


def _form_class(kind: str):
    return StructuralRequestForm if kind == RequestKind.STRUCTURAL else CareRequestForm


@mfa_required
def request_create(request: HttpRequest, structural: bool = False) -> HttpResponse:
    organisation = _organisations_or_404(request)[0]
    kind = RequestKind.STRUCTURAL if structural else RequestKind.CLIENT
    form = _form_class(kind)(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            care_request = services.care_request_create(
                organisation=organisation,
                created_by=request.user,
                kind=kind,
                data=form.service_data(),
                privacy_confirmed=form.cleaned_data.get("privacy_confirm", False),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The request is saved as a draft. Check it and publish it."))
            return redirect("matching:request_detail", pk=care_request.pk)
    return render(request, "matching/request_form.html", {"form": form, "kind": kind, "organisation": organisation})


@mfa_required
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    care_request = get_care_request_for_user(request.user, pk, write=True)
    access_log_record(request=request, obj=care_request, action="edit")
    form = _form_class(care_request.kind)(request.POST if request.method == "POST" else None, instance=care_request)
    if request.method == "POST" and form.is_valid():
        try:
            services.care_request_update(
                care_request=care_request,
                by=request.user,
                data=form.service_data(),
                privacy_confirmed=form.cleaned_data.get("privacy_confirm", False),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("matching:request_detail", pk=care_request.pk)
    return render(
        request, "matching/request_form.html", {"form": form, "kind": care_request.kind, "care_request": care_request}
    )


@require_POST
@mfa_required
def request_publish(request: HttpRequest, pk: int) -> HttpResponse:
    care_request = get_care_request_for_user(request.user, pk, write=True)
    try:
        rate_limit_consume(request, "request_publish")
        services.care_request_publish(care_request=care_request, by=request.user)
    except ValidationError as error:
        flash_validation_error(request, error)
        return redirect("matching:request_detail", pk=pk)
    messages.success(request, _("The request is open. Choose therapists to invite."))
    return redirect("matching:candidates", pk=pk)


@require_POST
@mfa_required
def request_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    care_request = get_care_request_for_user(request.user, pk, write=True)
    if action == "keep-open":
        service, done = services.care_request_keep_open, _("The request stays open.")
    elif action in STATUS_ACTIONS:
        service, done = STATUS_ACTIONS[action]
    else:
        raise Http404
    try:
        service(care_request=care_request, by=request.user)
    except ValidationError as error:
        flash_validation_error(request, error)
    else:
        messages.success(request, done)
    return redirect("matching:request_detail", pk=pk)


@mfa_required
def candidates(request: HttpRequest, pk: int) -> HttpResponse:
    care_request = get_care_request_for_user(request.user, pk, write=True)
    access_log_record(request=request, obj=care_request, action="candidates")
    ranked = []
    if care_request.status == RequestStatus.OPEN:
        ranked = cached_rank_candidates(services.criteria_for_request(care_request), limit=CANDIDATE_LIMIT)
    form = InviteForm(request.POST if request.method == "POST" else None, candidates=ranked)
    if request.method == "POST" and form.is_valid():
        scores = {c.therapist_id: c.score for c in ranked}
        try:
            invited = services.candidacies_create(
                care_request=care_request, therapist_ids=form.cleaned_data["therapists"], by=request.user, scores=scores
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s therapist invited by e-mail.", "%(count)s therapists invited by e-mail.", len(invited)
                )
                % {"count": len(invited)},
            )
            return redirect("matching:request_detail", pk=pk)
    profiles = TherapistProfile.objects.select_related("user", "profession").in_bulk([c.therapist_id for c in ranked])
    rows = [{"candidate": c, "therapist": profiles[c.therapist_id]} for c in ranked if c.therapist_id in profiles]
    chosen = {str(v) for v in form["therapists"].value() or []}
    return render(
        request,
        "matching/candidates.html",
        {
            "care_request": care_request,
            "rows": rows,
            "form": form,
            "chosen": chosen,
            "has_handover": handover_side(request.user, care_request) is not None,
        },
    )


@mfa_required
@require_GET
def candidate_profile(request: HttpRequest, pk: int, therapist_pk: int) -> HttpResponse:
    """A candidate's profile in the context of the request: why they fit, and invite from here."""
    care_request = get_care_request_for_user(request.user, pk, write=True)
    get_therapist_for_user(request.user, therapist_pk)  # the directory's own visibility rule
    candidacy = care_request.candidacies.filter(therapist_id=therapist_pk).first()
    candidate = None
    if candidacy is None:
        if care_request.status != RequestStatus.OPEN:
            raise Http404
        ranked = rank_candidates(services.criteria_for_request(care_request), limit=1, therapist_id=therapist_pk)
        if not ranked:  # fails a hard filter of this request (or no longer does fit)
            raise Http404
        candidate = ranked[0]
    access_log_record(request=request, obj=care_request, action="candidate_profile")
    profile = selectors.candidate_profile(therapist_id=therapist_pk)
    return render(
        request,
        "matching/candidate_profile.html",
        {
            "care_request": care_request,
            "profile": profile,
            "locations": profile.locations.all(),
            "candidate": candidate,
            "candidacy": candidacy,
        },
    )


@require_POST
@mfa_required
def candidacy_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    candidacy = get_candidacy_for_staff(request.user, pk)
    try:
        services.match_confirm(candidacy=candidacy, by=request.user)
    except ValidationError as error:
        flash_validation_error(request, error)
    else:
        messages.success(request, _("Match confirmed. The other invited therapists were told politely."))
    return redirect("matching:request_detail", pk=candidacy.care_request_id)


@require_POST
@mfa_required
def offer_decline(request: HttpRequest, pk: int) -> HttpResponse:
    candidacy = get_candidacy_for_staff(request.user, pk)
    try:
        services.offer_decline(candidacy=candidacy, by=request.user)
    except ValidationError as error:
        flash_validation_error(request, error)
    else:
        messages.success(request, _("The offer is declined; the therapist was told."))
    return redirect("matching:request_detail", pk=candidacy.care_request_id)


@require_GET
@mfa_required
def invite_from_search(request: HttpRequest) -> HttpResponse:
    """From a search result to that therapist's profile in the context of one of the organisation's open requests,
    where the invitation is sent; or back to the search, saying why the therapist does not fit the request."""
    organisations = staff_organisations(request.user)
    if not organisations:
        raise Http404
    back = request.GET.get("zoekopdracht", "")
    search_url = reverse("directory:search") + (f"?{back}" if back else "")
    form = InviteFromSearchForm(request.GET, care_requests=selectors.open_requests_of(organisations))
    if not form.is_valid():
        messages.error(request, _("Choose one of your open care requests to invite this therapist for."))
        return redirect(search_url)
    care_request = form.cleaned_data["care_request"]
    therapist = get_therapist_for_user(request.user, form.cleaned_data["therapist"])
    already = care_request.candidacies.filter(therapist=therapist).exists()
    if not already and not rank_candidates(
        services.criteria_for_request(care_request), limit=1, therapist_id=therapist.pk
    ):
        messages.warning(
            request,
            _(
                "%(name)s does not meet what care request “%(title)s” asks for (target group, setting, "
                "age, language, funding or distance), so you cannot invite them for it."
            )
            % {"name": therapist.display_name, "title": care_request.title},
        )
        return redirect(search_url)
    return redirect("matching:candidate_profile", pk=care_request.pk, therapist_pk=therapist.pk)
