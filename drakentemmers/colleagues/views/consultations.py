"""Case consultation: list, ask, read (access-logged), reply, follow, accept an answer."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drakentemmers.conversations.views import message_submit
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.ratelimits import rate_limit_consume, rate_limit_status
from drakentemmers.core.services import access_log_record, access_log_record_list

from .. import selectors, services
from ..forms import ConsultationForm, ReplyForm
from ..permissions import can_accept_answer, get_consultation_for_user, get_reply_for_acceptance, is_member
from . import member_page


def _require_member(request: HttpRequest) -> None:
    if not is_member(request.user):
        raise Http404


@member_page
@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    _require_member(request)
    show = request.GET.get("toon", "")
    consultations = selectors.consultation_list(viewer=request.user, mine=show == "mijn", open_only=show == "open")
    access_log_record_list(request=request, objects=consultations)
    return render(request, "colleagues/consultation_list.html", {"consultations": consultations, "show": show})


@member_page
@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest) -> HttpResponse:
    _require_member(request)
    form = ConsultationForm(
        request.POST if request.method == "POST" else None, groups=selectors.my_groups(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit_consume(request, "message_reply")
            consultation = services.consultation_create(
                author=request.user,
                title=form.cleaned_data["title"],
                question=form.cleaned_data["question"],
                group=form.cleaned_data["group"],
                privacy_confirmed=form.privacy_confirmed,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your question has been posted."))
            return redirect("colleagues:consultation_detail", pk=consultation.pk)
    status = rate_limit_status(form, default=400 if form.errors else 200)
    return render(request, "colleagues/consultation_form.html", {"form": form}, status=status)


@member_page
@require_http_methods(["GET", "POST"])
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request.user, pk)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if message_submit(request, form, partial(services.consultation_reply, consultation=consultation)):
        messages.success(request, _("Your reply has been posted."))
        return redirect("colleagues:consultation_detail", pk=consultation.pk)
    access_log_record(request=request, obj=consultation)
    context = {
        "consultation": consultation,
        "replies": selectors.consultation_replies(consultation),
        "form": form,
        "following": selectors.is_following(consultation, request.user),
        "can_accept": can_accept_answer(request.user, consultation),
    }
    status = rate_limit_status(form, default=400 if form.errors else 200)
    return render(request, "colleagues/consultation_detail.html", context, status=status)


@require_POST
@member_page
def consultation_follow(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request.user, pk)
    follow = request.POST.get("follow") == "1"
    services.consultation_follow(consultation=consultation, user=request.user, follow=follow)
    messages.success(request, _("You follow this question.") if follow else _("You no longer follow this question."))
    return redirect("colleagues:consultation_detail", pk=consultation.pk)


@require_POST
@member_page
def consultation_accept(request: HttpRequest, pk: int, reply_pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request.user, pk)
    reply = get_reply_for_acceptance(request.user, consultation, reply_pk)
    try:
        services.consultation_accept(consultation=consultation, reply=reply, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("The answer is marked as accepted."))
    return redirect("colleagues:consultation_detail", pk=consultation.pk)
