"""The logged-in therapist's own profile, read once per request and shared by every part of the page.

The menu's predicates read `user.therapist_profile` (Django keeps it on the user object for the request); the
onboarding checklist needs its lists (work areas, target groups, methods, languages) and the training suggestions
its methods and target groups. `own_therapist_profile(user, "methods", ...)` hands out that same object with the
named lists prefetched once, instead of each part querying the profile and its lists again.
"""

from django.db.models import prefetch_related_objects

from .models import TherapistProfile

PROFILE_LISTS = ("locations", "target_groups", "methods", "languages")


def own_therapist_profile(user, *lists: str) -> TherapistProfile | None:
    """The user's therapist profile or None, with `lists` prefetched (an already prefetched list is not read again)."""
    if not user.is_authenticated:
        return None
    profile = getattr(user, "therapist_profile", None)
    if profile is not None and lists:
        prefetch_related_objects([profile], *lists)
    return profile
