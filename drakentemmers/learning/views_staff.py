"""Staff pages of the platform team under /beheer/scholing/: trainings, sessions, points, participants, figures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.forms import apply_service_errors

from . import selectors, services
from .forms import AccreditationForm, SessionForm, TrainingForm
from .models import Audience, Training
from .permissions import can_manage_trainings, get_training_for_staff


def _staff_or_404(request: HttpRequest) -> None:
    if not can_manage_trainings(request.user):
        raise Http404


@mfa_required
@require_GET
def training_list(request: HttpRequest) -> HttpResponse:
    _staff_or_404(request)
    return render(request, "learning/staff/training_list.html", {"trainings": list(selectors.staff_trainings())})


@mfa_required
@require_http_methods(["GET", "POST"])
def training_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    training = get_training_for_staff(request.user, pk) if pk else Training()
    if pk is None:
        _staff_or_404(request)
    form = TrainingForm(request.POST if request.method == "POST" else None, instance=training)
    if request.method == "POST" and form.is_valid():
        try:
            training = services.training_save(form=form, by=request.user)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The training is saved."))
            return redirect("learning_staff:training_parts", pk=training.pk)
    return render(request, "learning/staff/training_form.html", {"form": form, "training": training if pk else None})


@mfa_required
@require_http_methods(["GET", "POST"])
def training_parts(request: HttpRequest, pk: int) -> HttpResponse:
    """Sessions and accreditation points of a training, each added with its own small form."""
    training = get_training_for_staff(request.user, pk)
    action = request.POST.get("action", "")
    session_form = SessionForm(request.POST if action == "session" else None, prefix="session")
    points_form = AccreditationForm(request.POST if action == "points" else None, prefix="points")
    if request.method == "POST":
        try:
            if action == "session" and session_form.is_valid():
                starts_at, ends_at = session_form.moments()
                services.session_add(training=training, starts_at=starts_at, ends_at=ends_at)
                messages.success(request, _("The session is added."))
                return redirect("learning_staff:training_parts", pk=pk)
            if action == "points" and points_form.is_valid():
                services.accreditation_set(training=training, **points_form.cleaned_data)
                messages.success(request, _("The accreditation points are saved."))
                return redirect("learning_staff:training_parts", pk=pk)
            if action == "delete-session":
                session = training.sessions.filter(pk=request.POST.get("session", "")[:12] or 0).first()
                if session is not None:
                    services.session_delete(session=session)
                    messages.success(request, _("The session is removed."))
                return redirect("learning_staff:training_parts", pk=pk)
            if action == "delete-points":
                training.accreditations.filter(pk=request.POST.get("accreditation", "")[:12] or 0).delete()
                return redirect("learning_staff:training_parts", pk=pk)
        except (ValidationError, ValueError) as error:
            if action.startswith("delete-"):
                # No form of its own (the remove buttons): the reason shows as a message above the list.
                if isinstance(error, ValidationError):
                    for message in error.messages:
                        messages.error(request, message)
                return redirect("learning_staff:training_parts", pk=pk)
            form = session_form if action == "session" else points_form
            if isinstance(error, ValidationError):
                apply_service_errors(form, error)
    context = {
        "training": training,
        "sessions": list(training.sessions.all()),
        "accreditations": list(training.accreditations.all()),
        "session_form": session_form,
        "points_form": points_form,
    }
    return render(request, "learning/staff/training_parts.html", context)


@mfa_required
@require_GET
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_training_for_staff(request.user, pk)
    context = {
        "training": training,
        "enrolments": list(selectors.participant_list(training)),
        "sessions": list(training.sessions.all()),
        "session_count": training.sessions.count(),
    }
    return render(request, "learning/staff/participants.html", context)


@mfa_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    _staff_or_404(request)
    context = {
        "audiences": Audience.choices,
        "by_year": selectors.people_trained(by="year"),
        "by_region": selectors.people_trained(by="region"),
        "by_year_caption": _("People trained per year and audience"),
        "by_region_caption": _("People trained per region of the venue and audience, all years"),
        "year_label": _("Year"),
        "region_label": _("Region"),
    }
    return render(request, "learning/staff/figures.html", context)


@mfa_required
@require_GET
def evaluations(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_training_for_staff(request.user, pk)
    context = {"training": training, "results": selectors.evaluation_results(training)}
    return render(request, "learning/staff/evaluations.html", context)
