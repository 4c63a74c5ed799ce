"""The dashboard, the coverage map, the exports and the targets page. Thin: scope first, then a selector."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.forms import apply_service_errors

from . import exports, services
from .coverage import DEFAULT_MEASURE, MEASURES, coverage_map
from .forms import SettingsForm, TargetForm
from .fragments import figures_html
from .models import AreaLevel, KpiTarget
from .permissions import DashboardScope, can_manage_targets, dashboard_scope_for_user, require_target_manager
from .selectors import DashboardChoice, coverage_min_members, dashboard_build, local_today


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def _year(request: HttpRequest) -> int:
    today = local_today()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 2020 <= year <= today.year else today.year


def _build(request: HttpRequest) -> tuple[DashboardScope, object]:
    scope = dashboard_scope_for_user(request.user)
    region = scope.region_for(request.GET.get("region") or None)
    return scope, dashboard_build(
        year=_year(request), region=region, regions=list(scope.regions), region_kind=scope.region_kind
    )


@require_GET
@mfa_required
def index(request: HttpRequest) -> HttpResponse:
    scope = dashboard_scope_for_user(request.user)  # the permission check, on every request
    region = scope.region_for(request.GET.get("region") or None)
    year = _year(request)
    level = AreaLevel.MUNICIPALITY if region else AreaLevel.REGION
    context = {
        "scope": scope,
        "page": DashboardChoice(year=year, region=region),
        "years": list(range(local_today().year, 2021, -1)),
        # The tables, the same for everyone with this scope and choice: cached with the figures they show.
        "figures_html": figures_html(scope=scope, year=year, region=region, level=level, region_kind=scope.region_kind),
        "can_manage_targets": can_manage_targets(request.user),
    }
    return _no_store(render(request, "dashboard/index.html", context))


@require_GET
@mfa_required
def coverage(request: HttpRequest) -> HttpResponse:
    scope = dashboard_scope_for_user(request.user)
    measure = request.GET.get("measure")
    measure = measure if measure in MEASURES else DEFAULT_MEASURE
    level = AreaLevel.MUNICIPALITY if request.GET.get("level") == AreaLevel.MUNICIPALITY else AreaLevel.REGION
    the_map = coverage_map(measure=measure, level=level, regions=list(scope.regions), region_kind=scope.region_kind)
    context = {
        "scope": scope,
        "map": the_map,
        "measures": [(name, label) for name, (_key, label, _per) in MEASURES.items()],
        "levels": AreaLevel.choices[1:],
    }
    return _no_store(render(request, "dashboard/coverage.html", context))


@require_GET
@mfa_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The page's figures (same scope, suppression and year) as CSV or XLSX."""
    scope, dashboard = _build(request)
    rows = exports.export_rows(dashboard, areas=exports.export_areas(dashboard, national=scope.national))
    name = f"drakentemmers-kerncijfers-{dashboard.year}" + (f"-{dashboard.region.code}" if dashboard.region else "")
    if fmt == "xlsx":
        response = HttpResponse(
            exports.as_xlsx(rows, title=str(dashboard.year)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(exports.as_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return _no_store(response)


@require_GET
@mfa_required
def annual_report(request: HttpRequest) -> HttpResponse:
    _scope, dashboard = _build(request)
    pdf = exports.annual_report_pdf(dashboard, request=request, printed_at=timezone.now())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="drakentemmers-jaarverslag-{dashboard.year}.pdf"'
    return _no_store(response)


@require_http_methods(["GET", "POST"])
@mfa_required
def targets(request: HttpRequest) -> HttpResponse:
    require_target_manager(request.user)
    scope = dashboard_scope_for_user(request.user)
    target_form = TargetForm(prefix="target", regions=scope.regions, initial={"year": local_today().year})
    settings_form = SettingsForm(prefix="settings", initial={"coverage_min_members": coverage_min_members()})
    if request.method == "POST":
        if "settings-coverage_min_members" in request.POST:
            settings_form = SettingsForm(request.POST, prefix="settings")
            if settings_form.is_valid():
                services.dashboard_settings_update(by=request.user, **settings_form.cleaned_data)
                messages.success(request, _("The setting was saved."))
                return redirect("dashboard:targets")
        else:
            target_form = TargetForm(request.POST, prefix="target", regions=scope.regions)
            if target_form.is_valid():
                try:
                    services.kpi_target_set(by=request.user, **target_form.cleaned_data)
                except ValidationError as error:
                    apply_service_errors(target_form, error)
                else:
                    messages.success(request, _("The target was saved."))
                    return redirect("dashboard:targets")
    context = {
        "target_form": target_form,
        "settings_form": settings_form,
        "targets": _target_rows(target_form, scope),
    }
    return _no_store(render(request, "dashboard/targets.html", context))


def _target_rows(form: TargetForm, scope: DashboardScope) -> list[tuple]:
    labels = dict(form.fields["kpi_key"].choices)
    names = {region.code: region.name for region in scope.regions}
    return [
        (t.year, labels.get(t.kpi_key, t.kpi_key), names.get(t.region_code, t.region_code), t.value)
        for t in KpiTarget.objects.order_by("-year", "kpi_key", "region_code")
    ]
