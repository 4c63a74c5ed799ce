"""Reporting (public), the member list and detail with endorsements and comments, moderation, policy report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.public_cache import cache_public_page
from drakentemmers.core.ratelimits import rate_limit_consume, rate_limit_status
from drakentemmers.regions.selectors import reporting_regions

from . import exports, selectors, services
from .forms import HONEYPOT_FIELD, CommentForm, ReportSubmitForm
from .models import ReportKind, ReportStatus, SubmitterRole, Theme
from .permissions import (
    can_comment,
    can_endorse,
    can_moderate,
    get_report_for_member,
    require_policy_report,
    require_view_signals,
)
from .roles import submitter_role_for


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """Anyone may report, with or without an account; nothing identifying is stored with the report."""
    role = submitter_role_for(request.user)
    data = request.POST if request.method == "POST" else None
    form = ReportSubmitForm(data, regions=reporting_regions(), logged_in_role=role)
    if request.method == "POST":
        valid = form.is_valid()
        if form.is_spam:  # the honeypot was filled: answer as if all went well, store nothing
            return redirect("insights:thanks")
        if valid:
            try:
                rate_limit_consume(request, "signal_submit")
                services.report_submit(
                    data=form.cleaned_data,
                    submitter_role=role or form.cleaned_data["submitter_role"],
                    submitter_region=selectors.member_region(request.user) if role else None,
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                return redirect("insights:thanks")
    status = rate_limit_status(form, default=400 if form.errors else 200)
    context = {"form": form, "logged_in_role": SubmitterRole(role).label if role else None, "honeypot": HONEYPOT_FIELD}
    return render(request, "insights/submit.html", context, status=status)


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "insights/thanks.html")


@require_GET
@cache_public_page
def public_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.report_list(public_only=True)
    return render(request, "insights/public_list.html", {"reports": reports})


@mfa_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    require_view_signals(request.user)
    regions = list(reporting_regions())
    kind = request.GET.get("kind") if request.GET.get("kind") in ReportKind.values else ""
    theme = request.GET.get("theme") if request.GET.get("theme") in Theme.values else ""
    region = next((r for r in regions if str(r.pk) == request.GET.get("region")), None)
    context = {
        "reports": selectors.report_list(kind=kind, theme=theme, region=region),
        "kinds": ReportKind.choices,
        "themes": Theme.choices,
        "regions": regions,
        "chosen": {"kind": kind, "theme": theme, "region": region.pk if region else None},
        "can_moderate": can_moderate(request.user),
        "signals": selectors.matching_signals_recent(regions=[region] if region else None),
    }
    return render(request, "insights/list.html", context)


@mfa_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_member(request.user, pk)
    if report.status == ReportStatus.MERGED and report.merged_into_id:
        return redirect("insights:detail", pk=report.merged_into_id)
    may_comment = can_comment(request.user)
    form = CommentForm(request.POST if request.method == "POST" else None) if may_comment else None
    if request.method == "POST":
        if form is None:
            return HttpResponse(status=403)
        if form.is_valid():
            try:
                rate_limit_consume(request, "signal_comment")
                services.comment_add(report=report, author=request.user, body=form.cleaned_data["body"])
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Your comment has been placed."))
                return redirect("insights:detail", pk=report.pk)
    context = {
        "report": report,
        "regions": list(report.regions.all()),
        "summary": selectors.endorsement_summary(report),
        "endorsed": selectors.has_endorsed(report, request.user),
        "can_endorse": can_endorse(request.user),
        "comments": selectors.report_comments(report),
        "form": form,
        "signals": selectors.matching_signals_for_report(report),
        "can_moderate": can_moderate(request.user),
    }
    status = rate_limit_status(form, default=400 if form is not None and form.errors else 200)
    return render(request, "insights/detail.html", context, status=status)


@require_POST
@mfa_required
def endorse(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_member(request.user, pk)
    if not can_endorse(request.user):
        return HttpResponse(status=403)
    try:
        endorsed = services.endorsement_set(
            report=report, user=request.user, endorsed=request.POST.get("endorse") != "0"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Thank you: you recognise this.") if endorsed else _("Your endorsement was removed.")
        )
    return redirect("insights:detail", pk=report.pk)


# --- Policy report (the platform team) -------------------------------------------------------------------
@mfa_required
@require_GET
def policy_report(request: HttpRequest) -> HttpResponse:
    require_policy_report(request.user)
    form, data = _policy_report_form(request)
    return render(
        request, "insights/policy_report.html", {"form": form, "data": data, "query": request.GET.urlencode()}
    )


@mfa_required
@require_GET
def policy_report_pdf(request: HttpRequest) -> HttpResponse:
    require_policy_report(request.user)
    form, data = _policy_report_form(request)
    if data is None:
        return render(request, "insights/policy_report.html", {"form": form, "data": None}, status=400)
    response = HttpResponse(exports.policy_report_pdf(data, request=request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="signalen-{data.start:%Y%m%d}-{data.end:%Y%m%d}.pdf"'
    return response


@mfa_required
@require_GET
def policy_report_xlsx(request: HttpRequest) -> HttpResponse:
    require_policy_report(request.user)
    form, data = _policy_report_form(request)
    if data is None:
        return render(request, "insights/policy_report.html", {"form": form, "data": None}, status=400)
    response = HttpResponse(exports.policy_report_xlsx(data), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="signalen-{data.start:%Y%m%d}-{data.end:%Y%m%d}.xlsx"'
    return response


def _policy_report_form(request: HttpRequest):
    from datetime import timedelta

    from .forms import PolicyReportForm

    today = timezone.localdate()
    regions = reporting_regions()
    if request.GET.get("start") or request.GET.get("end"):
        form = PolicyReportForm(request.GET, regions=regions)
    else:
        initial = {"start": (today - timedelta(days=365)).isoformat(), "end": today.isoformat()}
        form = PolicyReportForm(initial, regions=regions)
    if not form.is_valid():
        return form, None
    data = selectors.policy_report_data(
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
        themes=list(form.cleaned_data["themes"]),
        regions=list(form.cleaned_data["regions"]),
    )
    return form, data
