"""Organisation sign-up, the organisation page with its members, and inviting colleagues."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.disk_full import disk_full_as_validation_error
from drakentemmers.core.permissions import InvitationUnavailable
from drakentemmers.core.views import invitation_unavailable

from .. import services
from ..forms import OrganisationForm, OrganisationInviteForm
from ..models import OrganisationMembership
from ..permissions import can_manage_organisation, get_organisation_for_user, get_organisation_invitation


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    # The person signing up is usually the contact person: start from their own name and address.
    initial = {"contact_name": request.user.get_full_name(), "contact_email": request.user.email}
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in OrganisationForm.Meta.fields}
        try:
            organisation = services.organisation_create(
                creator=request.user,
                fields=fields,
                place=form.cleaned_data["place"],
                covered=form.cleaned_data["covered"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your organisation has been registered. The platform team verifies it; you will receive an e-mail."),
            )
            return redirect("directory:organisation_detail", pk=organisation.pk)
    return render(request, "directory/organisation_form.html", {"form": form})


@mfa_required
def organisation_mine(request: HttpRequest) -> HttpResponse:
    membership = OrganisationMembership.objects.filter(user=request.user).order_by("-is_admin", "pk").first()
    if membership is None:
        return redirect("directory:organisation_create")
    return redirect("directory:organisation_detail", pk=membership.organisation_id)


@mfa_required
@require_http_methods(["GET", "POST"])
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk)
    can_manage = can_manage_organisation(request.user, organisation)
    form = OrganisationInviteForm(request.POST if request.method == "POST" and can_manage else None)
    if request.method == "POST" and can_manage and form.is_valid():
        try:
            # The invitation and its e-mail in the outbox are one transaction: a full disk saves neither.
            with disk_full_as_validation_error():
                services.organisation_invitation_create(
                    organisation=organisation, email=form.cleaned_data["email"], invited_by=request.user
                )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("The invitation has been sent."))
            return redirect("directory:organisation_detail", pk=organisation.pk)
    context = {
        "organisation": organisation,
        "members": organisation.memberships.select_related("user").order_by("-is_admin", "user__last_name"),
        "invitations": organisation.invitations.filter(accepted_at__isnull=True) if can_manage else [],
        "covered": organisation.covered_municipalities.all(),
        "can_manage": can_manage,
        "form": form,
    }
    return render(request, "directory/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = get_organisation_invitation(token, user=request.user)
    except InvitationUnavailable:
        return invitation_unavailable(request)
    if invitation.accepted_at is not None:  # accepted by this user: a reload or double click
        return redirect("directory:organisation_detail", pk=invitation.organisation_id)
    if request.method == "POST":
        try:
            services.organisation_invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Welcome! You are now a member of %(name)s.") % {"name": invitation.organisation}
            )
            return redirect("directory:organisation_detail", pk=invitation.organisation_id)
    return render(request, "directory/organisation_invitation.html", {"invitation": invitation})
