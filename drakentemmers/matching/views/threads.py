"""The message thread between an organisation and one candidate therapist, around the shared component.

The platform team reads it read-only (``get_candidacy_for_thread``); only the two sides post.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.conversations.forms import MessageForm
from drakentemmers.conversations.views import thread_context
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.ratelimits import rate_limit_consume, rate_limit_status
from drakentemmers.core.services import access_log_record

from .. import services
from ..permissions import THREAD_ORGANISATION, THREAD_READ_ONLY, get_candidacy_for_thread
from ..services.messages import candidacy_thread, thread_is_open


@never_cache
@mfa_required
@require_http_methods(["GET", "POST"])
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
                privacy_confirmed=form.privacy_confirmed,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Message sent."))
            return redirect("matching:thread", pk=pk)
    conversation = candidacy_thread(candidacy)
    context = (
        thread_context(request, conversation, form=form, mark_read=role != THREAD_READ_ONLY)
        if conversation
        else {"thread_messages": [], "form": form}
    )
    context.update(candidacy=candidacy, care_request=care_request, is_organisation=role == THREAD_ORGANISATION)
    return render(request, "matching/thread.html", context, status=rate_limit_status(form))
