from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import navigation, public_cache


def platform(request: HttpRequest) -> dict:
    entries = SimpleLazyObject(lambda: navigation.entries_for(request))
    context = {
        "PLATFORM_CONTACT_EMAIL": settings.PLATFORM_CONTACT_EMAIL,
        "nav_entries": entries,
        "nav_items": SimpleLazyObject(lambda: [e for e in entries if e["in_menu"]]),
    }
    if public_cache.is_caching(request):
        # Rendered for every visitor: the token is put in per visitor when the cached page is served.
        context["csrf_token"] = public_cache.CSRF_PLACEHOLDER
    return context
