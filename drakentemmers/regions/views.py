"""The platform team's region-division pages: overview and reporting unit, import upload, preview, apply, history."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drakentemmers.accounts.decorators import mfa_required

from . import services
from .division_csv import MAX_UPLOAD_BYTES
from .forms import DivisionUploadForm, ReportingUnitForm
from .models import RegionImportStatus, RegionKind
from .permissions import get_region_import_for_user, require_region_manager
from .selectors import reporting_region_kind
from .selectors_divisions import (
    current_division_year,
    division_overview,
    division_snapshot,
    import_history,
    import_history_changes,
    import_preview,
    pending_imports,
)
from .services.division_import import DivisionFileInvalid

MAX_SHOWN_ERRORS = 100


@mfa_required
@require_http_methods(["GET", "POST"])
def overview(request: HttpRequest) -> HttpResponse:
    require_region_manager(request.user)
    bound = request.method == "POST"
    reporting_kind = reporting_region_kind()
    form = ReportingUnitForm(request.POST if bound else None, initial={"kind": reporting_kind})
    if request.method == "POST" and form.is_valid():
        try:
            services.reporting_kind_set(kind=form.cleaned_data["kind"], user=request.user)
        except ValidationError as error:
            form.add_error("kind", error)
        else:
            messages.success(request, _("The reporting unit has been changed."))
            return redirect("regions:overview")
    year = current_division_year()
    context = {
        "divisions": division_overview(year=year, reporting_kind=reporting_kind),
        "form": form,
        "history": import_history(),
        "pending": pending_imports(),
        "year": year,
    }
    return render(request, "regions/overview.html", context)


@mfa_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    require_region_manager(request.user)
    bound = request.method == "POST"
    form = DivisionUploadForm(request.POST if bound else None, request.FILES if bound else None)
    line_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # One byte over the limit is enough for the parser to say the file is too large.
            region_import = services.region_import_create(
                data=upload.read(MAX_UPLOAD_BYTES + 1), file_name=upload.name, user=request.user
            )
        except DivisionFileInvalid as error:
            line_errors = error.parsed.errors
            form.add_error("file", _("The file was not read. Correct the problems listed above and upload it again."))
        else:
            return redirect("regions:import_detail", pk=region_import.pk)
    context = {
        "form": form,
        "line_errors": line_errors[:MAX_SHOWN_ERRORS],
        "hidden_error_count": max(0, len(line_errors) - MAX_SHOWN_ERRORS),
        "year": current_division_year(),
        "kinds": RegionKind,
    }
    return render(request, "regions/import_upload.html", context)


@mfa_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    region_import = get_region_import_for_user(request.user, pk)
    return _render_detail(request, region_import)


def _render_detail(request: HttpRequest, region_import, apply_errors: list[str] | None = None) -> HttpResponse:
    context = {"region_import": region_import, "apply_errors": apply_errors or []}
    if region_import.status == RegionImportStatus.PENDING:
        context["preview"] = import_preview(region_import)
    elif region_import.status == RegionImportStatus.APPLIED:
        context["lines"] = import_history_changes(region_import)
    return render(request, "regions/import_detail.html", context)


@require_POST
@mfa_required
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    region_import = get_region_import_for_user(request.user, pk)
    try:
        services.region_import_apply(region_import=region_import, user=request.user)
    except ValidationError as error:
        region_import.refresh_from_db()
        return _render_detail(request, region_import, apply_errors=error.messages)
    messages.success(request, _("The division has been updated. Below you see what changed."))
    return redirect("regions:import_detail", pk=region_import.pk)


@require_POST
@mfa_required
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    region_import = get_region_import_for_user(request.user, pk)
    try:
        services.region_import_discard(region_import=region_import)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The import has been discarded; nothing was changed."))
    return redirect("regions:overview")


@mfa_required
@require_GET
def division_export(request: HttpRequest, kind: str) -> HttpResponse:
    """The division as it is now, in the import format: a starting point for the next import."""
    require_region_manager(request.user)
    if kind not in RegionKind.values:
        raise Http404
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["kind", "code", "name", "members", "year", "central"])
    for region in division_snapshot(kind):
        writer.writerow(
            [kind, region["code"], region["name"], ",".join(region["members"]), region["year"], region["central"]]
        )
    # A byte-order mark makes Excel read the file as UTF-8 (names such as Súdwest-Fryslân).
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="regio-indeling-{kind}.csv"'
    return response
