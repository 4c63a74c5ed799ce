"""Messages inside the platform: contact a therapist, the inbox, a conversation with replies."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.ratelimits import rate_limit_consume, rate_limit_status
from drakentemmers.core.services import access_log_record

from .. import services
from ..forms import ContactForm, ReplyForm
from ..permissions import (
    can_contact_therapist,
    conversations_for_user,
    get_conversation_for_user,
    get_therapist_for_user,
    verified_memberships,
)

INBOX_PAGE_SIZE = 50


def contact_submit(request: HttpRequest, pk: int) -> HttpResponse:
    therapist = get_therapist_for_user(request.user, pk)
    if not can_contact_therapist(request.user, therapist) or therapist.user_id == request.user.pk:
        raise Http404
    form = ContactForm(request.POST)
    if form.is_valid():
        memberships = verified_memberships(request.user)
        try:
            rate_limit_consume(request, "contact")
            conversation = services.conversation_start(
                therapist=therapist,
                sender=request.user,
                organisation=memberships[0].organisation if memberships else None,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message has been sent. You will find the reply in your messages."))
            return redirect("directory:conversation_detail", pk=conversation.pk)
    from .therapists import _profile_context

    context = _profile_context(therapist, completeness=False, can_contact=True, contact_form=form)
    return render(request, "directory/therapist_detail.html", context, status=rate_limit_status(form, 400))


@mfa_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    conversations = (
        conversations_for_user(user)
        .select_related("therapist__user", "started_by", "organisation")
        .annotate(
            message_count=Count("messages"),
            unread_count=Count(
                "messages",
                filter=~Q(messages__sender=user)
                & (
                    Q(therapist__user=user, therapist_read_at__isnull=True)
                    | Q(therapist__user=user, messages__created_at__gt=F("therapist_read_at"))
                    | Q(started_by=user, starter_read_at__isnull=True)
                    | Q(started_by=user, messages__created_at__gt=F("starter_read_at"))
                ),
            ),
        )
        .order_by("-last_message_at")[:INBOX_PAGE_SIZE]
    )
    return render(request, "directory/inbox.html", {"conversations": conversations})


@mfa_required
@require_http_methods(["GET", "POST"])
def conversation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = get_conversation_for_user(request.user, pk)
    access_log_record(request=request, obj=conversation)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit_consume(request, "message_reply")
            services.message_send(conversation=conversation, sender=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your reply has been sent."))
            return redirect("directory:conversation_detail", pk=conversation.pk)
    services.conversation_mark_read(conversation=conversation, user=request.user)
    context = {
        "conversation": conversation,
        "thread": conversation.messages.select_related("sender"),
        "form": form,
        "is_therapist": conversation.therapist is not None and conversation.therapist.user_id == request.user.pk,
        "is_open": services.conversation_is_open(conversation),
    }
    return render(request, "directory/conversation.html", context, status=rate_limit_status(form))
