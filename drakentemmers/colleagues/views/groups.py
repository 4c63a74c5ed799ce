"""Intervision groups: list, start, page, join/leave, requests, the group space, meetings, attendance, iCal."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drakentemmers.conversations.views import thread_page
from drakentemmers.core.decorators import response_mark_private
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.services import access_log_record_list

from .. import selectors, services
from ..forms import AttendanceForm, GroupForm, MeetingForm, MessageForm, RegionFilterForm
from ..models import GroupMembership, MembershipStatus
from ..permissions import (
    calendar_token_make,
    get_group_for_calendar_token,
    get_group_for_user,
    get_meeting_for_facilitator,
    is_facilitator,
    is_group_member,
    is_member,
)
from . import member_page

OVERVIEW_CONSULTATIONS = 5


def _errors(error: Exception) -> str:
    return " ".join(getattr(error, "messages", [str(error)]))


@member_page
@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    if not is_member(request.user):
        raise Http404
    form = RegionFilterForm(request.GET or None)
    region = form.cleaned_data["region"] if form.is_valid() else None
    groups = selectors.group_list(viewer=request.user, region=region)
    return render(request, "colleagues/group_list.html", {"form": form, "groups": groups})


@member_page
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    if not is_member(request.user):
        raise Http404
    form = GroupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(
                facilitator=request.user,
                **{k: form.cleaned_data[k] for k in ("name", "theme", "region", "description")},
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your group has been created. You are its facilitator."))
            return redirect("colleagues:group_detail", pk=group.pk)
    return render(request, "colleagues/group_form.html", {"form": form}, status=400 if form.errors else 200)


@member_page
@require_GET
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk)
    member = is_group_member(request.user, group)
    context = {
        "group": group,
        "is_group_member": member,
        "is_facilitator": is_facilitator(request.user, group),
        "membership": selectors.membership_of(group, request.user),
        "members": selectors.group_members(group) if member else [],
        "requests": selectors.group_requests(group) if is_facilitator(request.user, group) else [],
        "meetings": selectors.group_meetings(group) if member else [],
        "now": timezone.now(),
        "calendar_feed": request.build_absolute_uri(
            reverse("colleagues:group_calendar_feed", args=[group.pk, calendar_token_make(request.user, group)])
        )
        if member
        else "",
    }
    return render(request, "colleagues/group_detail.html", context)


@require_POST
@member_page
def group_join(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk)
    try:
        services.membership_request(group=group, user=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("You asked to join. The facilitator will answer."))
    return redirect("colleagues:group_detail", pk=group.pk)


@require_POST
@member_page
def group_leave(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk, space=True)
    try:
        services.membership_leave(group=group, user=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("colleagues:group_detail", pk=group.pk)
    messages.success(request, _("You have left the group."))
    return redirect("colleagues:group_list")


@require_POST
@member_page
def membership_decide(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk, manage=True)
    membership = get_object_or_404(
        GroupMembership.objects.select_related("user", "group"), pk=membership_pk, group=group
    )
    try:
        services.membership_decide(
            membership=membership, by=request.user, accept=request.POST.get("action") == "accept"
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _errors(error))
    else:
        accepted = membership.status == MembershipStatus.ACCEPTED
        messages.success(
            request, _("The request has been accepted.") if accepted else _("The request has been declined.")
        )
    return redirect("colleagues:group_detail", pk=group.pk)


@member_page
@require_http_methods(["GET", "POST"])
def group_space(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's private space: the shared conversation component, one thread per group."""
    group = get_group_for_user(request.user, pk, space=True)
    return thread_page(
        request,
        services.group_thread(group),
        post=partial(services.group_message_post, group=group),
        sent_message=_("Your message has been posted in the group."),
        success_url=reverse("colleagues:group_space", args=[group.pk]),
        template="colleagues/group_space.html",
        context={"group": group},
        form_class=MessageForm,
        error_status=400,
    )


@member_page
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk, manage=True)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_create(
                group=group,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                location=data["location"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The meeting has been planned."))
            return redirect("colleagues:group_detail", pk=group.pk)
    return render(
        request, "colleagues/meeting_form.html", {"form": form, "group": group}, status=400 if form.errors else 200
    )


@member_page
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk, manage=True)
    meeting = get_meeting_for_facilitator(request.user, group, meeting_pk)
    members = selectors.group_members(group)
    recorded = selectors.meeting_attendance(meeting)
    initial = {"present": [str(pk) for pk, present in recorded.items() if present]}
    form = AttendanceForm(request.POST if request.method == "POST" else None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.attendance_record(
                meeting=meeting, by=request.user, present_ids={int(pk) for pk in form.cleaned_data["present"]}
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Attendance recorded: %(count)s present.") % {"count": count})
            return redirect("colleagues:group_detail", pk=group.pk)
    context = {"form": form, "group": group, "meeting": meeting}
    return render(request, "colleagues/attendance_form.html", context, status=400 if form.errors else 200)


@member_page
@require_GET
def group_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk, space=True)
    return _calendar_response(group)


@require_GET
def group_calendar_feed(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The subscription link calendar apps poll: no login, the member's signed token instead."""
    return response_mark_private(_calendar_response(get_group_for_calendar_token(pk, token)))


def _calendar_response(group) -> HttpResponse:
    response = HttpResponse(selectors.group_calendar(group), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="intervisie-{group.pk}.ics"'
    return response


@member_page
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The colleague network's start page: my groups, recent consultations, supervision."""
    if not is_member(request.user):
        raise Http404
    consultations = selectors.consultation_list(viewer=request.user, limit=OVERVIEW_CONSULTATIONS)
    access_log_record_list(request=request, objects=consultations)
    context = {"groups": selectors.my_groups(request.user), "consultations": consultations}
    return render(request, "colleagues/overview.html", context)
