"""The message thread between an organisation and one invited therapist."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.ratelimits import rate_limit_consume, rate_limit_status
from drakentemmers.core.services import access_log_record

from .. import services
from ..forms import MessageForm
from ..permissions import THREAD_ORGANISATION, THREAD_READ_ONLY, get_candidacy_for_thread
from ..services.messages import thread_is_open
from .common import apply_service_errors


@mfa_required
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    candidacy, role = get_candidacy_for_thread(request.user, pk)
    care_request = candidacy.care_request
    access_log_record(request=request, obj=care_request, action="messages")
    can_write = role != THREAD_READ_ONLY and thread_is_open(candidacy)
    form = MessageForm(request.POST if request.method == "POST" else None) if can_write else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            rate_limit_consume(request, "thread_message")
            services.message_send(
                candidacy=candidacy,
                author=request.user,
                body=form.cleaned_data["body"],
                from_organisation=role == THREAD_ORGANISATION,
                privacy_confirmed=form.cleaned_data.get("privacy_confirm", False),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Message sent."))
            return redirect("matching:thread", pk=pk)
    return render(
        request,
        "matching/thread.html",
        {
            "candidacy": candidacy,
            "care_request": care_request,
            "thread_messages": candidacy.messages.select_related("author"),
            "form": form,
            "is_organisation": role == THREAD_ORGANISATION,
        },
        status=rate_limit_status(form),
    )
