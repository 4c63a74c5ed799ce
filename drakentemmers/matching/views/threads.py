"""The message thread between an organisation and one candidate therapist, around the shared component.

The platform team reads it read-only (``get_candidacy_for_thread``); only the two sides post.
"""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.conversations.forms import MessageForm
from drakentemmers.conversations.views import message_submit, thread_render
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
    post = partial(services.message_send, candidacy=candidacy)
    if message_submit(request, form, post, rate_limit="thread_message"):
        messages.success(request, _("Message sent."))
        return redirect("matching:thread", pk=pk)
    context = {"candidacy": candidacy, "care_request": care_request, "is_organisation": role == THREAD_ORGANISATION}
    # The first message creates the thread: look it up after posting. Logged above, on the care request.
    return thread_render(
        request,
        candidacy_thread(candidacy),
        "matching/thread.html",
        form=form,
        context=context,
        mark_read=role != THREAD_READ_ONLY,
        log_access=False,
    )
