"""Moderation by moderators and administrators (after MFA): the queue and one report's page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.regions.selectors import reporting_regions

from . import selectors, services
from .forms import ReportMergeForm, ReportModerateForm, ReportRejectForm
from .models import ReportStatus
from .permissions import get_report_for_moderator, require_moderator

ACTIONS = ("save", "accept", "reject", "merge", "publish", "unpublish")


@mfa_required
@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    require_moderator(request.user)
    context = {"pending": selectors.moderation_queue(), "recent": selectors.moderation_recent()}
    return render(request, "insights/moderation_queue.html", context)


def _edit_form(report, data=None) -> ReportModerateForm:
    initial = {name: getattr(report, name) for name in services.EDITABLE_FIELDS}
    initial["regions"] = list(report.regions.all())
    return ReportModerateForm(data, initial=initial, regions=reporting_regions(), prefix="edit")


@mfa_required
@require_http_methods(["GET", "POST"])
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit for anonymity and accept, reject with a reason, merge into a duplicate, or show publicly."""
    report = get_report_for_moderator(request.user, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    edit_form = _edit_form(report, request.POST if action in ("save", "accept") else None)
    reject_form = ReportRejectForm(request.POST if action == "reject" else None, prefix="reject")
    merge_form = ReportMergeForm(request.POST if action == "merge" else None, report=report, prefix="merge")
    if request.method == "POST":
        done = _moderate_action(request, report, action, edit_form, reject_form, merge_form)
        if done:
            messages.success(request, done)
            return redirect("insights_beheer:queue" if action in ("accept", "reject", "merge") else request.path)
    context = {
        "report": report,
        "edit_form": edit_form,
        "reject_form": reject_form,
        "merge_form": merge_form,
        "log": report.moderation_log.select_related("moderator", "other_report"),
        "summary": selectors.endorsement_summary(report),
        "is_merged": report.status == ReportStatus.MERGED,
    }
    # A POST that comes back here did not go through (form errors, an unknown action): 400.
    return render(request, "insights/moderate.html", context, status=400 if request.method == "POST" else 200)


def _moderate_action(request, report, action, edit_form, reject_form, merge_form) -> str | None:
    """Run one action; return the success message, or None when a form shows errors."""
    by = request.user
    form = {"save": edit_form, "accept": edit_form, "reject": reject_form, "merge": merge_form}.get(action)
    if action not in ACTIONS:
        messages.error(request, _("Choose what to do with this report."))
        return None
    if form is not None and not form.is_valid():
        return None
    try:
        if action in ("save", "accept"):
            services.report_edit(report=report, data=edit_form.cleaned_data, by=by)
            if action == "accept":
                services.report_accept(report=report, by=by, public=request.POST.get("public") == "1")
                return _("The report has been accepted and is visible to members.")
            return _("Your changes have been saved.")
        if action == "reject":
            services.report_reject(report=report, by=by, reason=reject_form.cleaned_data["reason"])
            return _("The report has been rejected.")
        if action == "merge":
            services.report_merge(source=report, target=merge_form.cleaned_data["target"], by=by)
            return _("The report has been merged; its endorsements and comments moved along.")
        services.report_set_public(report=report, by=by, public=action == "publish")
        return _("The report is now shown publicly.") if action == "publish" else _("The report is no longer public.")
    except ValidationError as error:
        if form is not None:
            apply_service_errors(form, error)
        else:
            messages.error(request, " ".join(error.messages))
        return None
