import json

from allauth.account.decorators import reauthentication_required
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drakentemmers.core.decorators import sensitive_page
from drakentemmers.core.permissions import InvitationUnavailable
from drakentemmers.core.selectors import notice_delivery
from drakentemmers.core.services import access_log_record, notice_preference_set
from drakentemmers.core.views import invitation_unavailable

from . import services
from .decorators import mfa_required
from .forms import ErasureRequestForm, InvitationForm, NoticePreferenceForm, PersonalDataForm
from .models import Invitation
from .permissions import get_invitation_for_token, require_invite_permission


@login_required
@require_http_methods(["GET", "POST"])
def overview(request: HttpRequest) -> HttpResponse:
    form = PersonalDataForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        notices = services.user_details_update(user=user, fields=form.cleaned_data)
        messages.success(request, _("Your details have been saved."))
        for notice in notices:
            messages.info(request, notice)
        response = redirect("accounts:overview")
        services.language_cookie_set(response, user.preferred_language)
        return response
    context = {
        "form": form,
        "notice_form": NoticePreferenceForm(initial={"delivery": notice_delivery(request.user)}),
        "mfa_enabled": is_mfa_enabled(request.user),
        "roles": request.user.role_grants.all(),
    }
    return render(request, "accounts/overview.html", context)


@require_POST
@login_required
def notices(request: HttpRequest) -> HttpResponse:
    """How e-mail about events reaches the person: at once, or one daily digest."""
    form = NoticePreferenceForm(request.POST)
    if form.is_valid():
        notice_preference_set(user=request.user, daily_digest=form.cleaned_data["delivery"] == "daily")
        messages.success(request, _("Your e-mail preference has been saved."))
    else:
        messages.error(request, _("Choose how you want to receive e-mail about events."))
    return redirect("accounts:overview")


@login_required
@reauthentication_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    data = services.user_export(user=request.user)
    access_log_record(request=request, obj=request.user, action="export")
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"drakentemmers-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest) -> HttpResponse:
    form = ErasureRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.user_erase(user=user)
        messages.success(request, _("Your account and personal data have been erased."))
        return redirect("core:home")
    return render(request, "accounts/erase.html", {"form": form})


@mfa_required
@require_http_methods(["GET", "POST"])
def invitation_list(request: HttpRequest) -> HttpResponse:
    require_invite_permission(request.user)
    form = InvitationForm(request.POST if request.method == "POST" else None, inviter=request.user)
    if request.method == "POST" and form.is_valid():
        invitation = services.invitation_create(invited_by=request.user, **form.cleaned_data)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        return redirect("accounts:invitations")
    invitations = Invitation.objects.select_related("region", "invited_by")[:100]
    return render(request, "accounts/invitations.html", {"form": form, "invitations": invitations})


@sensitive_page
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = get_invitation_for_token(token, user=request.user)
    except InvitationUnavailable:
        return invitation_unavailable(request)
    if invitation.accepted_at is not None:  # accepted by this user: a reload or double click
        return redirect("core:my_home")
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        messages.success(request, _("Welcome! Your new role is active."))
        return redirect("core:my_home")
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation})
