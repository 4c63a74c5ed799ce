from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import navigation


def platform(request: HttpRequest) -> dict:
    entries = SimpleLazyObject(lambda: navigation.entries_for(request))
    return {
        "PLATFORM_CONTACT_EMAIL": settings.PLATFORM_CONTACT_EMAIL,
        "nav_entries": entries,
        "nav_items": SimpleLazyObject(lambda: [e for e in entries if e["in_menu"]]),
    }
