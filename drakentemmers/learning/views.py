"""Public calendar and training pages, enrolment, a person's own trainings, feeds and certificates."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.public_cache import cache_public_page

from . import ical, selectors, services
from .forms import CalendarFilterForm, EnrolForm, EvaluationForm
from .models import CalendarToken, Enrolment, EnrolmentStatus
from .permissions import can_mark_attendance, get_enrolment_for_user, get_session_for_attendance

NO_STORE = "private, no-store"
CALENDAR_FILTERS = ("region", "audience", "month", "format")


@require_GET
@cache_public_page(params=CALENDAR_FILTERS)
def calendar(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET or None)
    filters = selectors.CalendarFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.CalendarFilters(
            region=data["region"], audience=data["audience"], month=data["month"], format=data["format"]
        )
    trainings = list(selectors.training_calendar(filters=filters))
    return render(request, "learning/calendar.html", {"form": form, "trainings": trainings})


@require_http_methods(["GET", "POST"])
@cache_public_page  # for anonymous visitors only: a logged-in one sees their enrolment and the form
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = selectors.training_public(pk)
    if training is None:
        raise Http404
    enrolment = selectors.enrolment_of(training, request.user)
    active = enrolment is not None and enrolment.status not in (EnrolmentStatus.CANCELLED, EnrolmentStatus.EXPIRED)
    form = None
    closed = training.enrolment_deadline < timezone.now()
    if request.user.is_authenticated and not active and not closed:
        form = EnrolForm(request.POST if request.method == "POST" else None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                enrolment = services.training_enrol(
                    training=training,
                    user=request.user,
                    audience=form.cleaned_data["audience"],
                    organisation_name=form.cleaned_data["organisation_name"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                if enrolment.status == EnrolmentStatus.ENROLLED:
                    messages.success(request, _("You are enrolled. You will get a reminder before the training."))
                else:
                    messages.success(request, _("The training is full: you are on the waiting list."))
                return redirect("learning:training_detail", pk=pk)
    elif request.method == "POST":
        return HttpResponse(status=405 if request.user.is_authenticated else 403)
    context = {
        "training": training,
        "enrolment": enrolment if active else None,
        "position": selectors.waitlist_position(enrolment) if active else None,
        "form": form,
        "closed": closed,
        "can_mark_attendance": can_mark_attendance(request.user, training),
        "can_evaluate": active and services.evaluation_open(enrolment),
    }
    return render(request, "learning/training_detail.html", context)


def _own_action(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, pk)
    try:
        action(enrolment=enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("learning:training_detail", pk=enrolment.training_id)


@require_POST
@mfa_required
def enrolment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _own_action(request, pk, services.enrolment_cancel, _("Your enrolment is cancelled."))


@require_POST
@mfa_required
def offer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _own_action(request, pk, services.offer_accept, _("You accepted the place. You are enrolled."))


@mfa_required
@require_GET
def my_trainings(request: HttpRequest) -> HttpResponse:
    token = services.calendar_token_for(request.user)
    enrolments = list(selectors.my_enrolments(request.user))
    for enrolment in enrolments:
        # The rule of services.certificate_eligible, from the annotations (no query per row).
        enrolment.can_download = (
            enrolment.status == EnrolmentStatus.ENROLLED
            and enrolment.sessions_total > 0
            and enrolment.sessions_present == enrolment.sessions_total
        )
    context = {
        "enrolments": enrolments,
        "given": list(selectors.trainings_given_by(request.user)),
        "feed_url": request.build_absolute_uri(reverse("learning:my_ics", args=[token.token])),
        "suggestions": selectors.training_suggestions(request.user),
    }
    response = render(request, "learning/my_trainings.html", context)
    response["Cache-Control"] = NO_STORE
    return response


@require_POST
@mfa_required
def calendar_token_reset(request: HttpRequest) -> HttpResponse:
    services.calendar_token_reset(user=request.user)
    messages.success(request, _("Your calendar link is renewed. The old link no longer works."))
    return redirect("learning:my_trainings")


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def calendar_ics(request: HttpRequest) -> HttpResponse:
    return _ics(
        ical.sessions_calendar(selectors.sessions_published(), name=_("Drakentemmers trainings")), "scholing.ics"
    )


@require_GET
def my_ics(request: HttpRequest, token: str) -> HttpResponse:
    owner = CalendarToken.objects.filter(token=token).select_related("user").first()
    if owner is None or not owner.user.is_active:
        raise Http404
    response = _ics(
        ical.sessions_calendar(selectors.sessions_for_user(owner.user), name=_("My trainings")), "mijn-scholing.ics"
    )
    response["Cache-Control"] = NO_STORE
    return response


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The certificate PDF loads no resources ({url})")


@mfa_required
@require_GET
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from weasyprint import HTML  # loading pango is slow; only this view needs it

    enrolment = get_enrolment_for_user(request.user, pk)
    try:
        enrolment = services.certificate_issue(enrolment=enrolment)
    except PermissionDenied:
        raise Http404 from None
    context = selectors.certificate_context(enrolment)
    # The site's own address, as in e-mails: the printed link must not depend on the Host of this request.
    context["verify_url"] = settings.SITE_URL + reverse(
        "learning:certificate_verify", args=[enrolment.certificate_code]
    )
    html = render_to_string("learning/certificate_pdf.html", context, request=request)
    response = HttpResponse(HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificaat-{enrolment.training_id}.pdf"'
    response["Cache-Control"] = NO_STORE
    return response


@require_GET
def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    enrolment = Enrolment.objects.filter(certificate_code=code).select_related("user", "training").first()
    if enrolment is None:
        return render(request, "learning/certificate_verify.html", {"found": False, "code": code}, status=404)
    context = {"found": True, **selectors.certificate_context(enrolment)}
    response = render(request, "learning/certificate_verify.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@mfa_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_attendance(request.user, pk)
    if request.method == "POST":
        present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
        try:
            count = services.attendance_mark(session=session, present_ids=present, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Attendance saved: %(count)s present.") % {"count": count})
            return redirect("learning:attendance", pk=pk)
    context = {"session": session, "training": session.training, "rows": selectors.attendance_rows(session)}
    return render(request, "learning/attendance.html", context)


@mfa_required
@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, pk)
    if not services.evaluation_open(enrolment):
        messages.info(request, _("You can evaluate a training once, after attending it."))
        return redirect("learning:training_detail", pk=enrolment.training_id)
    form = EvaluationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(enrolment=enrolment, **{k: form.cleaned_data[k] for k in form.Meta.fields})
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect("learning:training_detail", pk=enrolment.training_id)
    return render(request, "learning/evaluate.html", {"form": form, "training": enrolment.training})
