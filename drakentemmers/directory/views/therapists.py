"""The therapist's own profile: the sign-up wizard, 'my profile', availability, and profile pages for others."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.conversations.forms import ThreadStartForm
from drakentemmers.core.disk_full import disk_full_as_validation_error

from .. import services
from ..forms import AreaStepForm, AvailabilityForm, OfferStepForm, PresentationStepForm, ProfessionStepForm
from ..models import TherapistProfile, VerificationStatus, WorkLocation
from ..permissions import can_contact_therapist, can_edit_therapist, get_therapist_for_user

STEPS = [
    ("profession", gettext_lazy("Profession and registration")),
    ("area", gettext_lazy("Work area")),
    ("offer", gettext_lazy("What you offer")),
    ("availability", gettext_lazy("Availability")),
    ("presentation", gettext_lazy("About you")),
]
STEP_SLUGS = [slug for slug, _label in STEPS]


def _own_profile(request: HttpRequest) -> TherapistProfile:
    return services.therapist_profile_get_or_create(user=request.user)


def _next_url(step: str) -> str:
    index = STEP_SLUGS.index(step)
    if index + 1 < len(STEP_SLUGS):
        return redirect("directory:therapist_step", step=STEP_SLUGS[index + 1]).url
    return redirect("directory:therapist_review").url


@login_required
def therapist_start(request: HttpRequest) -> HttpResponse:
    """Entry point after sign-up: create the draft profile and continue where the therapist left off."""
    profile = _own_profile(request)
    if profile.status != VerificationStatus.DRAFT:
        return redirect("directory:my_profile")
    missing_steps = [step for step, _text in services.therapist_profile_missing(profile)]
    return redirect("directory:therapist_step", step=missing_steps[0] if missing_steps else STEP_SLUGS[0])


def _profession_form(request, profile, data):
    initial = {
        "first_name": profile.user.first_name,
        "last_name": profile.user.last_name,
        "profession": profile.profession_id,
        "registration_kind": profile.registration_kind,
        "big_number": profile.big_number,
        "registration_number": profile.registration_number,
        "supervisor_name": profile.supervisor_name,
        "practice_name": profile.practice_name,
    }
    return ProfessionStepForm(data, initial=initial)


def _profession_save(request, profile, form) -> None:
    data = dict(form.cleaned_data)
    user_fields = {"first_name": data.pop("first_name"), "last_name": data.pop("last_name")}
    data["profession_id"] = data.pop("profession").pk
    was_verified = profile.is_verified
    profile = services.therapist_profile_update(profile=profile, fields=data, user_fields=user_fields)
    if was_verified and not profile.is_verified:
        messages.info(
            request, _("You changed your name or registration details; the platform team will check them again.")
        )


def _area_form(request, profile, data):
    adding = data is not None and "add_location" in data
    return AreaStepForm(data, initial={"travel_radius_km": profile.travel_radius_km}, adding=adding)


def _area_save(request, profile, form) -> None:
    if form.cleaned_data["place"]:
        services.therapist_location_add(
            profile=profile, place=form.cleaned_data["place"], travel_radius_km=form.cleaned_data["place_radius_km"]
        )
    services.therapist_profile_update(
        profile=profile, fields={"travel_radius_km": form.cleaned_data["travel_radius_km"]}
    )


def _offer_form(request, profile, data):
    return OfferStepForm(data, instance=profile)


def _offer_save(request, profile, form) -> None:
    services.therapist_profile_update(profile=profile, fields=form.profile_fields(), m2m=form.m2m())


def _availability_form(request, profile, data):
    return AvailabilityForm(data, instance=profile)


def _availability_save(request, profile, form) -> None:
    fields = {name: form.cleaned_data[name] for name in AvailabilityForm.Meta.fields}
    services.availability_update(profile=profile, fields=fields)


def _presentation_form(request, profile, data):
    return PresentationStepForm(data, request.FILES if data is not None else None, instance=profile)


def _presentation_save(request, profile, form) -> None:
    fields = {name: form.cleaned_data[name] for name in PresentationStepForm.Meta.fields}
    services.therapist_profile_update(profile=profile, fields=fields)
    if form.cleaned_data["photo_upload"]:
        services.therapist_photo_set(profile=profile, content=form.cleaned_data["photo_upload"])
    elif form.cleaned_data.get("remove_photo"):
        services.therapist_photo_remove(profile=profile)


STEP_HANDLERS = {
    "profession": (_profession_form, _profession_save),
    "area": (_area_form, _area_save),
    "offer": (_offer_form, _offer_save),
    "availability": (_availability_form, _availability_save),
    "presentation": (_presentation_form, _presentation_save),
}


@login_required
@require_http_methods(["GET", "POST"])
def therapist_step(request: HttpRequest, step: str) -> HttpResponse:
    """One wizard step, a plain form POST each: works without JavaScript and keeps what was typed."""
    if step not in STEP_HANDLERS:
        raise Http404
    profile = _own_profile(request)
    make_form, save = STEP_HANDLERS[step]
    if request.method == "POST" and "remove_location" in request.POST:
        services.therapist_location_remove(profile=profile, location_id=int(request.POST["remove_location"] or 0))
        return redirect("directory:therapist_step", step=step)
    form = make_form(request, profile, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            # One transaction per step (the presentation step writes the text, then the photo); a full disk
            # rolls it all back and the form comes back with what was typed.
            with disk_full_as_validation_error(), transaction.atomic():
                save(request, profile, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if "add_location" in request.POST:
                return redirect("directory:therapist_step", step=step)
            return redirect(_next_url(step))
    return render(request, "directory/therapist_step.html", _step_context(profile, step, form))


def _step_context(profile: TherapistProfile, step: str, form) -> dict:
    index = STEP_SLUGS.index(step)
    return {
        "profile": profile,
        "form": form,
        "step": step,
        "step_label": dict(STEPS)[step],
        "step_number": index + 1,
        "steps": STEPS,
        "step_count": len(STEPS) + 1,
        "previous_step": STEP_SLUGS[index - 1] if index else None,
        "locations": profile.locations.select_related("municipality", "postcode_area") if step == "area" else [],
        "completeness": services.therapist_profile_completeness(profile),
    }


@login_required
@require_http_methods(["GET", "POST"])
def therapist_review(request: HttpRequest) -> HttpResponse:
    profile = _own_profile(request)
    if request.method == "POST":
        try:
            services.therapist_profile_submit(profile=profile)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you. Your profile has been submitted; the platform team will check it."))
            return redirect("directory:my_profile")
    return render(request, "directory/therapist_review.html", _profile_context(profile, step_count=len(STEPS) + 1))


def _profile_context(profile: TherapistProfile, *, completeness: bool = True, **extra) -> dict:
    """Everything a profile page shows, in a fixed number of queries (vocabularies and areas prefetched)."""
    profile = (
        TherapistProfile.objects.select_related("user", "profession")
        .prefetch_related(
            "target_groups",
            "expertise",
            "methods",
            "languages",
            "funding_routes",
            Prefetch("locations", queryset=WorkLocation.objects.select_related("municipality", "postcode_area")),
        )
        .get(pk=profile.pk)
    )
    context = {"profile": profile, "locations": profile.locations.all(), "steps": STEPS, **extra}
    if completeness:
        context["missing"] = services.therapist_profile_missing(profile)
        context["completeness"] = services.therapist_profile_completeness(profile, missing=context["missing"])
    return context


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    profile = TherapistProfile.objects.filter(user=request.user).first()
    if profile is None:
        return redirect("directory:therapist_start")
    return render(request, "directory/my_profile.html", _profile_context(profile))


@login_required
@require_http_methods(["GET", "POST"])
def availability(request: HttpRequest) -> HttpResponse:
    """Quick update of availability; 'still up to date' confirms it with one click."""
    profile = get_object_or_404(TherapistProfile, user=request.user)
    if request.method == "POST" and "confirm" in request.POST:
        services.availability_confirm(profile=profile)
        messages.success(request, _("Thank you: your availability is confirmed as up to date."))
        return redirect("directory:my_profile")
    form = AvailabilityForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        _availability_save(request, profile, form)
        messages.success(request, _("Your availability has been saved."))
        return redirect("directory:my_profile")
    return render(request, "directory/availability.html", {"profile": profile, "form": form})


@mfa_required
def therapist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    therapist = get_therapist_for_user(request.user, pk)
    context = _profile_context(therapist, completeness=False)
    context.update(
        can_edit=can_edit_therapist(request.user, therapist),
        can_contact=can_contact_therapist(request.user, therapist),
        contact_form=ThreadStartForm(),
    )
    return render(request, "directory/therapist_detail.html", context)


@mfa_required
@require_GET
def therapist_photo(request: HttpRequest, pk: int) -> FileResponse:
    """Photos are served through this permission check, never as public media files."""
    therapist = get_therapist_for_user(request.user, pk)
    if not therapist.photo:
        raise Http404
    content_type = mimetypes.guess_type(therapist.photo.name)[0] or "application/octet-stream"
    response = FileResponse(therapist.photo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=300"
    return response


def therapist_public(request: HttpRequest, pk: int) -> HttpResponse:
    """The public mini-profile: only when the therapist chose it, and never availability."""
    therapist = get_object_or_404(
        TherapistProfile.objects.select_related("user", "profession").prefetch_related("methods"),
        pk=pk,
        status=VerificationStatus.VERIFIED,
        public_profile=True,
    )
    regions = sorted({location.municipality.name for location in therapist.locations.select_related("municipality")})
    return render(request, "directory/therapist_public.html", {"profile": therapist, "regions": regions})


@require_POST
@mfa_required
def therapist_contact(request: HttpRequest, pk: int) -> HttpResponse:
    from .messages import contact_submit

    return contact_submit(request, pk)
