"""The inbox "Berichten" with every thread the user takes part in, and the shared thread page.

The thread page's post-a-message flow is shared with the apps that show a thread on their own page (the
group space, the candidacy thread) and with the consultation replies: `thread_page` for the whole page,
or its two steps `message_submit` and `thread_render` where an app needs something in between.
"""

from collections.abc import Callable
from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
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

MESSAGE_RATE_LIMIT = "message_reply"


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
    return thread_page(
        request,
        thread,
        post=partial(services.message_post, thread=thread),
        sent_message=_("Your message has been sent."),
        success_url=reverse("conversations:thread", args=[thread.pk]),
        template="conversations/thread.html",
    )


def thread_page(
    request: HttpRequest,
    thread,
    *,
    post: Callable[..., object],
    sent_message: str,
    success_url: str,
    template: str,
    context: dict | None = None,
    form_class: type[forms.Form] = MessageForm,
    error_status: int = 200,
) -> HttpResponse:
    """A page around one thread: the message form for who may post, the messages, the access log row.

    `post(author=, body=, privacy_confirmed=)` writes the message (a service); on success the user sees
    `sent_message` and goes to `success_url`. Otherwise the page renders
    `template` with `context` and the thread (`thread_render`).
    """
    form = form_class(request.POST if request.method == "POST" else None) if can_post(request.user, thread) else None
    if message_submit(request, form, post):
        messages.success(request, sent_message)
        return redirect(success_url)
    return thread_render(request, thread, template, form=form, context=context, error_status=error_status)


def message_submit(
    request: HttpRequest, form: forms.Form | None, post: Callable[..., object], *, rate_limit: str = MESSAGE_RATE_LIMIT
) -> bool:
    """Post the message of a bound, valid form (with the privacy guard: `form.privacy_confirmed`).

    Counts one attempt of `rate_limit` first (core.ratelimits) and calls `post(author=, body=,
    privacy_confirmed=)`. True when the message was posted; False on GET, without a form (the user may
    not write), when the form is invalid, or when the limit or the service refused (the error is then on
    the form, which keeps the text: render it with `rate_limit_status`).
    """
    if request.method != "POST" or form is None or not form.is_valid():
        return False
    try:
        rate_limit_consume(request, rate_limit)
        post(author=request.user, body=form.cleaned_data["body"], privacy_confirmed=form.privacy_confirmed)
    except ValidationError as error:
        apply_service_errors(form, error)
        return False
    return True


def thread_render(
    request: HttpRequest,
    thread,
    template: str,
    *,
    form: forms.Form | None,
    context: dict | None = None,
    error_status: int = 200,
    mark_read: bool = True,
    log_access: bool = True,
) -> HttpResponse:
    """Render `template` with `context` and the thread (`thread_context`; none yet: no messages).

    Records the access ("messages") unless `log_access=False` (the caller logs another object). The
    status is 429 after a rate limit, `error_status` when the form has errors, else 200.
    """
    if log_access:
        access_log_record(request=request, obj=thread, action="messages")
    page = (
        thread_context(request, thread, form=form, mark_read=mark_read)
        if thread is not None
        else {"thread_messages": [], "form": form}
    )
    status = rate_limit_status(form, default=error_status if form is not None and form.errors else 200)
    return render(request, template, {**(context or {}), **page}, status=status)


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
