"""Contact a therapist; the messages themselves live in the shared inbox ("Berichten", /berichten/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from drakentemmers.conversations.forms import ThreadStartForm
from drakentemmers.conversations.permissions import can_view_thread
from drakentemmers.conversations.selectors import thread_by_key
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.ratelimits import rate_limit_consume, rate_limit_status

from .. import services
from ..permissions import can_contact_therapist, get_therapist_for_user, verified_memberships
from ..services.messages import LEGACY_CONVERSATION_KEY


def contact_submit(request: HttpRequest, pk: int) -> HttpResponse:
    therapist = get_therapist_for_user(request.user, pk)
    if not can_contact_therapist(request.user, therapist) or therapist.user_id == request.user.pk:
        raise Http404
    form = ThreadStartForm(request.POST)
    if form.is_valid():
        memberships = verified_memberships(request.user)
        try:
            rate_limit_consume(request, "contact")
            thread = services.conversation_start(
                therapist=therapist,
                sender=request.user,
                organisation=memberships[0].organisation if memberships else None,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                privacy_confirmed=form.privacy_confirmed,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your message has been sent. You will find the reply in your messages."))
            return redirect("conversations:thread", pk=thread.pk)
    from .therapists import _profile_context

    context = _profile_context(therapist, completeness=False, can_contact=True, contact_form=form)
    return render(request, "directory/therapist_detail.html", context, status=rate_limit_status(form, 400))


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The old address of the inbox (bookmarks)."""
    return redirect("conversations:inbox", permanent=True)


@login_required
@require_GET
def conversation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Old e-mail links point here: send participants on to the moved thread, anyone else gets 404."""
    thread = thread_by_key(LEGACY_CONVERSATION_KEY.format(pk=pk))
    if thread is None or not can_view_thread(request.user, thread):
        raise Http404
    return redirect("conversations:thread", pk=thread.pk)
