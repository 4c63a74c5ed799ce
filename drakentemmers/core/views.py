from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import navigation, registries
from .health import health_details_allowed, health_status
from .onboarding import checklist_for
from .public_cache import cache_public_page
from .registries import my_home_panels
from .selectors import platform_public_numbers
from .waiting import waiting_for


@require_GET
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"numbers": platform_public_numbers()})


def static_page(template_name: str):
    """A public, content-only page (about, contact, privacy...): GET only, no data.

    The editors' version (core.registries.content_page_for, written in the knowledge base's admin) wins over
    the template, which stays the text shown until an editor publishes one.
    """
    key = template_name.rsplit("/", 1)[-1].removesuffix(".html")

    @require_GET
    @cache_public_page
    def view(request: HttpRequest) -> HttpResponse:
        content = registries.content_page_for(key, get_language() or settings.LANGUAGE_CODE)
        if content:
            return render(request, "core/content_page.html", {"content": content})
        return render(request, template_name)

    view.__name__ = key
    return view


@login_required
@require_GET
def my_home(request: HttpRequest) -> HttpResponse:
    # Computed here once and handed to the template, so the menu's counts are not queried a second time.
    nav_entries = navigation.entries_for(request)
    context = {
        "roles": request.user.role_labels,
        "nav_entries": nav_entries,
        "nav_items": [entry for entry in nav_entries if entry["in_menu"]],
        "waiting": waiting_for(request.user, nav_entries=nav_entries),
        "checklist": checklist_for(request.user),
        "panels": my_home_panels(request.user),
    }
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
