"""A supervisor says so on their profile: a badge on the directory's profile page and result cards, for members.

A directory.result_decorations provider. Only members of the colleague network see it (supervision is between
colleagues, not something a client or a referrer asks for); one query for all the profiles on a page.
"""

from django.template.loader import render_to_string

from drakentemmers.directory import result_decorations

from .models import SupervisionOffer
from .permissions import is_member


def supervision_audience(viewer) -> str:
    """Members see the badge, no one else: the search page's shared cards are kept per answer."""
    return "member" if viewer is not None and is_member(viewer) else "-"


def supervision_badges(viewer, profiles, purpose: str) -> dict[int, result_decorations.Decoration]:
    if purpose not in (result_decorations.PROFILE, result_decorations.CARD) or not is_member(viewer):
        return {}
    offering = set(
        SupervisionOffer.objects.filter(
            is_active=True, user__is_active=True, user_id__in=[profile.user_id for profile in profiles]
        ).values_list("user_id", flat=True)
    )
    return {
        profile.pk: result_decorations.Decoration(
            badges=[
                render_to_string(
                    "colleagues/includes/supervision_badge.html",
                    {"supervisor_id": profile.user_id, "ask": purpose == result_decorations.PROFILE},
                )
            ]
        )
        for profile in profiles
        if profile.user_id in offering and profile.user_id != viewer.pk
    }
