"""The inbox "Berichten" with every thread the user takes part in, and the shared thread page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.ratelimits import rate_limit_consume, rate_limit_status
from drakentemmers.core.services import access_log_record

from . import selectors, services
from .decorators import conversation_page
from .forms import MessageForm
from .permissions import can_post, get_thread_for_user, is_one_sided
from .registry import thread_kind


@conversation_page
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "conversations/inbox.html", {"threads": selectors.inbox_threads(request.user)})


@conversation_page
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    thread = get_thread_for_user(request.user, pk)
    if thread_kind(thread.kind).url:
        return redirect(services.thread_url(thread))
    writable = can_post(request.user, thread)
    form = MessageForm(request.POST if request.method == "POST" else None) if writable else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            rate_limit_consume(request, "message_reply")
            services.message_post(
                thread=thread,
                author=request.user,
                body=form.cleaned_data["body"],
                privacy_confirmed=form.privacy_confirmed,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect("conversations:thread", pk=thread.pk)
    access_log_record(request=request, obj=thread, action="messages")
    context = thread_context(request, thread, form=form)
    return render(request, "conversations/thread.html", context, status=rate_limit_status(form))


def thread_context(request: HttpRequest, thread, *, form, mark_read: bool = True) -> dict:
    """What the shared thread includes need. Marks the thread read, after noting which messages were new.

    ``mark_read=False`` for read-only observers (e.g. the platform team on request threads): they are
    not participants and get no read marker.
    """
    user = request.user
    marker = thread.read_markers.filter(user=user).values_list("last_read_at", flat=True).first()
    thread_messages = list(selectors.thread_messages(thread))
    for message in thread_messages:
        message.is_new = mark_read and message.author_id != user.pk and (marker is None or message.created_at > marker)
    if mark_read:
        services.thread_mark_read(thread=thread, user=user)
    return {
        "thread": thread,
        "thread_messages": thread_messages,
        "form": form,
        "others": selectors.with_other_labels([thread], user)[0].others,
        "one_sided": is_one_sided(thread),
    }
