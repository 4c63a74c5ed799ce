"""Inviting colleagues, the invitation link, reminder unsubscribe, and the recruitment view with its export."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from drakentemmers.accounts.decorators import mfa_required, mfa_step_redirect
from drakentemmers.core.decorators import sensitive_page
from drakentemmers.core.permissions import InvitationUnavailable
from drakentemmers.core.ratelimits import rate_limit_consume, rate_limit_status
from drakentemmers.core.views import invitation_unavailable
from drakentemmers.regions.selectors import reporting_regions

from . import services
from .forms import ColleagueInvitationForm, RecruitmentTargetsForm
from .models import ColleagueInvitation, RecruitmentTarget
from .permissions import (
    can_set_recruitment_targets,
    get_colleague_invitation,
    get_user_for_unsubscribe_token,
    needs_mfa_step,
    recruitment_regions_for_user,
    require_invite_permission,
)
from .selectors import recruitment_overview

SENT_LIST_LENGTH = 20


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    if needs_mfa_step(request.user):
        return mfa_step_redirect(request)
    require_invite_permission(request.user)
    form = ColleagueInvitationForm(request.POST or None, regions=reporting_regions())
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit_consume(request, "colleague_invite")
            invitation = services.colleague_invitation_create(
                invited_by=request.user,
                email=form.cleaned_data["email"],
                note=form.cleaned_data["note"],
                region=form.cleaned_data["region"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your invitation to %(email)s is on its way.") % {"email": invitation.email})
            return redirect("recruitment:invite")
    sent = ColleagueInvitation.objects.filter(invited_by=request.user).select_related("region")[:SENT_LIST_LENGTH]
    status = rate_limit_status(form, default=400 if form.errors else 200)
    return render(request, "recruitment/invite.html", {"form": form, "sent": sent}, status=status)


@sensitive_page
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: accept (sign up or, logged in, accept), decline, or never be invited again."""
    try:
        invitation = get_colleague_invitation(token, user=request.user)
    except InvitationUnavailable:
        return invitation_unavailable(request)
    if invitation.accepted_at is not None:  # accepted by this user: a reload or a double click
        return redirect("directory:therapist_start")
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("decline", "never"):
            try:
                services.colleague_invitation_decline(invitation=invitation, do_not_invite=action == "never")
            except InvitationUnavailable:
                return invitation_unavailable(request)
            return render(request, "recruitment/invitation_declined.html", {"never": action == "never"})
        if action == "accept" and request.user.is_authenticated:
            try:
                services.colleague_invitation_accept(invitation=invitation, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(request.path)
            messages.success(request, _("Welcome! Fill in your profile; the platform team then verifies it."))
            return redirect("directory:therapist_start")
        return redirect(request.path)
    return render(request, "recruitment/invitation.html", {"invitation": invitation, "inviter": _inviter(invitation)})


def _inviter(invitation: ColleagueInvitation) -> str:
    user = invitation.invited_by
    return (user.get_full_name() or _("a member of Drakentemmers")) if user else _("a member of Drakentemmers")


@sensitive_page
@require_GET
def invitation_signup(request: HttpRequest, token: str) -> HttpResponse:
    """Hand the invitation to allauth's own sign-up: the address filled in, the token kept in the session."""
    try:
        invitation = get_colleague_invitation(token)
    except InvitationUnavailable:
        return invitation_unavailable(request)
    if request.user.is_authenticated:
        return redirect("recruitment:invitation", token=token)
    services.colleague_invitation_session_store(request=request, invitation=invitation)
    messages.info(
        request,
        _(
            "You were invited by %(name)s. Create your account with %(email)s; after confirming it you fill in "
            "your therapist profile."
        )
        % {"name": _inviter(invitation), "email": invitation.email},
    )
    query = urlencode({"email": invitation.email, "next": reverse("directory:therapist_start")})
    return redirect(f"{reverse('account_signup')}?{query}")


@sensitive_page
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the signed link says whose reminders stop. GET asks (mail scanners open links), POST stops."""
    user = get_user_for_unsubscribe_token(token)
    if request.method == "POST":
        services.profile_reminders_unsubscribe(user=user)
        return render(request, "recruitment/unsubscribe.html", {"done": True})
    return render(request, "recruitment/unsubscribe.html", {"done": False})


@mfa_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    regions = recruitment_regions_for_user(request.user)
    context = {
        "overview": recruitment_overview(regions=regions),
        "regions": regions,
        "can_set_targets": can_set_recruitment_targets(request.user),
    }
    return render(request, "recruitment/overview.html", context)


CSV_COLUMNS = (
    ("name", "Regio"),
    ("target", "Doel (geverifieerde leden)"),
    ("verified", "Geverifieerde leden"),
    ("verified_fresh", "Met actuele beschikbaarheid"),
    ("drafts", "Profiel begonnen, niet ingediend"),
    ("submitted", "Wacht op verificatie"),
    ("invited", "Uitnodigingen verstuurd"),
    ("accepted", "Uitnodigingen aangenomen"),
    ("declined", "Uitnodigingen afgeslagen"),
)


@mfa_required
@require_GET
def overview_csv(request: HttpRequest) -> HttpResponse:
    regions = recruitment_regions_for_user(request.user)
    data = recruitment_overview(regions=regions)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="werving-{timezone.localdate():%Y-%m-%d}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 (ë, é) correctly only with a byte-order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow([label for _name, label in CSV_COLUMNS])
    for row in data.rows:
        writer.writerow(["" if getattr(row, name) is None else getattr(row, name) for name, _label in CSV_COLUMNS])
    return response


@mfa_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest) -> HttpResponse:
    recruitment_regions_for_user(request.user)  # 404 for strangers before the 403 below
    if not can_set_recruitment_targets(request.user):
        raise PermissionDenied
    regions = list(reporting_regions())
    current = dict(RecruitmentTarget.objects.filter(region__in=regions).values_list("region_id", "target"))
    form = RecruitmentTargetsForm(request.POST or None, regions=regions, targets=current)
    if request.method == "POST" and form.is_valid():
        for region, target in form.targets():
            if current.get(region.pk) != target:
                services.recruitment_target_set(region=region, target=target, changed_by=request.user)
        messages.success(request, _("The targets have been saved."))
        return redirect("recruitment:overview")
    return render(request, "recruitment/targets.html", {"form": form}, status=400 if form.errors else 200)
