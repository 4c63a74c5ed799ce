from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors, services
from .forms import DigestForm
from .models import DigestSubscription


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """/kennis/zoeken/: full-text search over what the visitor may read, with filters; without a query, the list."""
    filters = selectors.filters_from(request.GET)
    page = request.GET.get("pagina", 1)
    if filters.query:
        listing = selectors.knowledge_search(viewer=request.user, filters=filters, page=page)
    else:
        listing = selectors.knowledge_list(viewer=request.user, filters=filters, page=page)
    context = {"listing": listing, "filter_choices": selectors.filter_choices(), "index": selectors.knowledge_index()}
    return render(request, "knowledge/search.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def digest_settings(request: HttpRequest) -> HttpResponse:
    """Opt in to or out of the weekly digest of new knowledge items."""
    subscription = DigestSubscription.objects.filter(user=request.user).first()
    form = DigestForm(
        request.POST if request.method == "POST" else None,
        initial={"active": bool(subscription and subscription.active)},
    )
    if request.method == "POST" and form.is_valid():
        active = form.cleaned_data["active"]
        services.digest_subscription_set(user=request.user, active=active)
        messages.success(request, _("You will get the weekly digest.") if active else _("The weekly digest is off."))
        return redirect("knowledge:digest_settings")
    return render(request, "knowledge/digest_settings.html", {"form": form})
