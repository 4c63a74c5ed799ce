"""The handover after a confirmed match: both parties' contacts, agreed next steps, a printable summary."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.services import access_log_record

from .. import selectors, services
from ..forms import NextStepsForm
from ..permissions import HANDOVER_ORGANISATION, get_care_request_for_handover
from ..services.handover import NEXT_STEPS_EDITABLE_STATUSES

# The handover names both parties' contacts: never kept by a browser or proxy cache.
NO_STORE = "private, no-store"


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = NO_STORE
    return response


@mfa_required
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    care_request, side = get_care_request_for_handover(request.user, pk)
    access_log_record(request=request, obj=care_request, action="handover")
    can_edit = side == HANDOVER_ORGANISATION and care_request.status in NEXT_STEPS_EDITABLE_STATUSES
    form = None
    if can_edit:
        data = request.POST if request.method == "POST" else None
        form = NextStepsForm(data, initial={"next_steps": care_request.next_steps})
        if data is not None and form.is_valid():
            try:
                services.handover_next_steps_set(
                    care_request=care_request, next_steps=form.cleaned_data["next_steps"], by=request.user
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("The next steps are saved. The therapist sees them on this page."))
                return redirect("matching:handover", pk=pk)
    elif request.method == "POST":
        return _no_store(HttpResponse(status=405))
    context = {
        "care_request": selectors.handover_request(care_request=care_request),
        "side": side,
        "is_organisation": side == HANDOVER_ORGANISATION,
        "form": form,
    }
    return _no_store(render(request, "matching/handover.html", context))


def _refuse_fetch(url: str, *args, **kwargs):
    # The PDF template is self-contained (inline CSS, no images); nothing is ever fetched while printing.
    raise ValueError(f"The handover PDF loads no resources ({url})")


@mfa_required
@require_http_methods(["GET"])
def handover_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The handover as a PDF: only categorical data, places, professional contacts, next steps and dates."""
    from weasyprint import HTML  # imported here: loading pango costs ~0.3 s, only this view needs it

    care_request, _side = get_care_request_for_handover(request.user, pk)
    access_log_record(request=request, obj=care_request, action="handover_pdf")
    html = render_to_string(
        "matching/handover_pdf.html",
        {"care_request": selectors.handover_request(care_request=care_request), "printed_at": timezone.now()},
        request=request,
    )
    pdf = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="overdracht-hulpvraag-{care_request.pk}.pdf"'
    return _no_store(response)
