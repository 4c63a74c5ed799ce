"""Access rules for core's URLs (see docs/access.md)."""

from .access_matrix import LOGGED_IN, PUBLIC

RULES = {
    "core:home": PUBLIC,
    "core:about": PUBLIC,
    "core:for_therapists": PUBLIC,
    "core:for_organisations": PUBLIC,
    "core:contact": PUBLIC,
    "core:privacy": PUBLIC,
    "core:accessibility": PUBLIC,
    "core:colophon": PUBLIC,
    "core:my_home": LOGGED_IN.because("the landing page after login; shows only the user's own roles"),
    "core:health": PUBLIC.because("status for monitoring; details are for the platform team (issue 15, finding 14)"),
}
