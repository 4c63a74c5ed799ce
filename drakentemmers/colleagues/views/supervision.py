"""Supervision: the list of supervisors, one's own offer, asking for supervision and answering."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drakentemmers.conversations.views import message_submit
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.ratelimits import rate_limit_status

from .. import selectors, services
from ..forms import MessageForm, SupervisionOfferForm, SupervisorFilterForm
from ..models import SupervisionOffer
from ..permissions import get_supervision_request_for_supervisor, is_member
from . import member_page


def _require_member(request: HttpRequest) -> None:
    if not is_member(request.user):
        raise Http404


@member_page
@require_GET
def supervisor_list(request: HttpRequest) -> HttpResponse:
    _require_member(request)
    form = SupervisorFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    offers = selectors.supervisor_list(viewer=request.user, region=filters.get("region"), method=filters.get("method"))
    return render(request, "colleagues/supervisor_list.html", {"form": form, "offers": offers})


@member_page
@require_http_methods(["GET", "POST"])
def supervision_offer(request: HttpRequest) -> HttpResponse:
    _require_member(request)
    offer = SupervisionOffer.objects.filter(user=request.user).first()
    initial = {"is_active": offer.is_active, "description": offer.description} if offer else {"is_active": True}
    form = SupervisionOfferForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_offer_save(
                user=request.user,
                is_active=form.cleaned_data["is_active"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your supervision offer has been saved."))
            return redirect("colleagues:supervision_requests")
    return render(request, "colleagues/supervision_offer.html", {"form": form}, status=400 if form.errors else 200)


@member_page
@require_http_methods(["GET", "POST"])
def supervision_ask(request: HttpRequest, user_pk: int) -> HttpResponse:
    _require_member(request)
    offer = SupervisionOffer.objects.select_related("user").filter(user_id=user_pk, is_active=True).first()
    if offer is None or offer.user_id == request.user.pk or not is_member(offer.user):
        raise Http404
    form = MessageForm(request.POST if request.method == "POST" else None)
    if message_submit(request, form, partial(_supervision_ask, supervisor=offer.user)):
        messages.success(request, _("Your request has been sent. You find the conversation under Messages."))
        return redirect("colleagues:supervision_requests")
    status = rate_limit_status(form, default=400 if form.errors else 200)
    return render(request, "colleagues/supervision_ask.html", {"form": form, "offer": offer}, status=status)


def _supervision_ask(*, supervisor, author, body: str, privacy_confirmed: bool):
    """`message_submit` posts as the author; in a supervision request the author is the trainee."""
    return services.supervision_request_create(
        trainee=author, supervisor=supervisor, body=body, privacy_confirmed=privacy_confirmed
    )


@member_page
@require_GET
def supervision_requests(request: HttpRequest) -> HttpResponse:
    _require_member(request)
    context = selectors.supervision_requests_for(request.user)
    context["offer"] = SupervisionOffer.objects.filter(user=request.user).first()
    return render(request, "colleagues/supervision_requests.html", context)


@require_POST
@member_page
def supervision_decide(request: HttpRequest, pk: int) -> HttpResponse:
    supervision = get_supervision_request_for_supervisor(request.user, pk)
    try:
        services.supervision_request_decide(
            supervision=supervision, by=request.user, accept=request.POST.get("action") == "accept"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your answer has been saved."))
    return redirect("colleagues:supervision_requests")
