"""The matching figures page for the platform team (all regions) and coordinators (their own region)."""

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from drakentemmers.accounts.decorators import mfa_required

from ..selectors_metrics import (
    DEFAULT_PERIOD,
    PERIOD_CHOICES,
    matching_metrics,
    metrics_csv_rows,
    metrics_scope_for_user,
    period_since,
)


@require_GET
@mfa_required
def metrics(request: HttpRequest) -> HttpResponse:
    scope = metrics_scope_for_user(request.user)
    now = timezone.now()
    period, since = period_since(request.GET.get("period", DEFAULT_PERIOD), now=now)
    return render(
        request,
        "matching/metrics.html",
        {
            "scope": scope,
            "period": period,
            "periods": PERIOD_CHOICES,
            "kinds": matching_metrics(scope=scope, since=since, now=now),
        },
    )


@require_GET
@mfa_required
def metrics_csv(request: HttpRequest) -> HttpResponse:
    """The same figures (same scope, period and suppression) as CSV for a spreadsheet."""
    scope = metrics_scope_for_user(request.user)
    now = timezone.now()
    period, since = period_since(request.GET.get("period", DEFAULT_PERIOD), now=now)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="matching-cijfers-{period}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # byte-order mark: Excel then reads the file as UTF-8
    csv.writer(response).writerows(metrics_csv_rows(matching_metrics(scope=scope, since=since, now=now)))
    return response
