"""The platform team's verification queue for therapists and organisations (verifiers with MFA)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.services import access_log_record

from .. import services
from ..forms import OrganisationVerifyForm, RejectForm, VerifyForm
from ..models import Organisation, TherapistProfile, VerificationStatus
from ..permissions import can_verify, get_organisation_for_verifier, get_therapist_for_verifier

QUEUE_LIMIT = 100
# Pre-selects the usual check for the registration the therapist entered; the verifier confirms or changes it.
VERIFY_METHOD_FOR_REGISTRATION = {"big": "BIG-register", "nip": "NIP", "nvo": "NVO", "trainee": "trainee"}


@mfa_required
def verification_queue(request: HttpRequest) -> HttpResponse:
    if not can_verify(request.user):
        raise Http404
    therapists = (
        TherapistProfile.objects.filter(status=VerificationStatus.SUBMITTED)
        .select_related("user", "profession")
        .order_by("submitted_at")[:QUEUE_LIMIT]
    )
    organisations = (
        Organisation.objects.filter(status=VerificationStatus.SUBMITTED)
        .select_related("municipality")
        .order_by("created_at")[:QUEUE_LIMIT]
    )
    return render(
        request, "directory/verification_queue.html", {"therapists": therapists, "organisations": organisations}
    )


def _decide(request: HttpRequest, verify_class, approve, reject) -> tuple:
    """Run the chosen decision; returns the two forms (bound where used) and whether it succeeded."""
    decision = request.POST.get("decision")
    verify_form = verify_class(request.POST if decision == "verify" else None)
    reject_form = RejectForm(request.POST if decision == "reject" else None)
    form = verify_form if decision == "verify" else reject_form if decision == "reject" else None
    if form is None or not form.is_valid():
        return verify_form, reject_form, False
    try:
        approve(form) if decision == "verify" else reject(form)
    except ValidationError as error:
        form.add_error(None, error)
        return verify_form, reject_form, False
    return verify_form, reject_form, True


@mfa_required
@require_http_methods(["GET", "POST"])
def verification_therapist(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_therapist_for_verifier(request.user, pk)
    access_log_record(request=request, obj=profile, action="verify")
    verify_form = VerifyForm(initial={"method": VERIFY_METHOD_FOR_REGISTRATION.get(profile.registration_kind)})
    reject_form = RejectForm()
    if request.method == "POST":
        verify_form, reject_form, done = _decide(
            request,
            VerifyForm,
            lambda f: services.therapist_verify(profile=profile, verifier=request.user, method=f.method_text()),
            lambda f: services.therapist_reject(
                profile=profile, verifier=request.user, reason=f.cleaned_data["reason"]
            ),
        )
        if done:
            messages.success(request, _("Your decision has been saved and the therapist has been informed."))
            return redirect("directory:verification_queue")
    from .therapists import _profile_context

    context = _profile_context(profile, verify_form=verify_form, reject_form=reject_form)
    return render(request, "directory/verification_therapist.html", context)


@mfa_required
@require_http_methods(["GET", "POST"])
def verification_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_verifier(request.user, pk)
    verify_form, reject_form = OrganisationVerifyForm(), RejectForm()
    if request.method == "POST":
        verify_form, reject_form, done = _decide(
            request,
            OrganisationVerifyForm,
            lambda f: services.organisation_verify(organisation=organisation, verifier=request.user),
            lambda f: services.organisation_reject(
                organisation=organisation, verifier=request.user, reason=f.cleaned_data["reason"]
            ),
        )
        if done:
            messages.success(request, _("Your decision has been saved and the organisation has been informed."))
            return redirect("directory:verification_queue")
    admins = organisation.memberships.filter(is_admin=True).select_related("user")
    context = {
        "organisation": organisation,
        "admins": [(m.user, m.user.email.rsplit("@", 1)[-1].lower()) for m in admins],
        "covered": organisation.covered_municipalities.all(),
        "reject_form": reject_form,
        "verify_form": verify_form,
    }
    return render(request, "directory/verification_organisation.html", context)
