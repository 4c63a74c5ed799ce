"""The matching figures page for the platform team (all regions) and coordinators (their own region)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from drakentemmers.accounts.decorators import mfa_required

from ..selectors_metrics import DEFAULT_PERIOD, PERIOD_CHOICES, matching_metrics, metrics_scope_for_user, period_since


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
