from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import health_details_allowed, health_status
from .onboarding import checklist_for
from .public_cache import cache_public_page
from .selectors import platform_public_numbers


@require_GET
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"numbers": platform_public_numbers()})


def static_page(template_name: str):
    """A public, content-only page (about, contact, privacy...): GET only, no data."""

    @require_GET
    @cache_public_page
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template_name)

    view.__name__ = template_name.rsplit("/", 1)[-1].removesuffix(".html")
    return view


@login_required
@require_GET
def my_home(request: HttpRequest) -> HttpResponse:
    context = {"roles": request.user.role_labels, "checklist": checklist_for(request.user)}
    return render(request, "core/my_home.html", context)


def invitation_unavailable(request: HttpRequest) -> HttpResponse:
    """The one page for an unknown, expired or used invitation token: a 404 that explains, same for all."""
    return render(request, "core/invitation_unavailable.html", status=404)


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    ok, checks = health_status()
    body = {"status": "ok" if ok else "error"}
    if health_details_allowed(request):
        body["checks"] = checks
    return JsonResponse(body, status=200 if ok else 503)
