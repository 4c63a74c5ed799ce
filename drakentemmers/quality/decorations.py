"""The quality-mark badge on the directory's result cards and profiles (a directory.result_decorations provider)."""

from django.template.loader import render_to_string
from django.utils import timezone

from drakentemmers.directory import result_decorations

from .selectors import marks_for_users


def mark_badges(viewer, profiles, purpose: str) -> dict[int, result_decorations.Decoration]:
    """The valid mark of each shown profile as a badge: one query for the whole page."""
    if purpose == result_decorations.FACTS:
        return {}
    marks = marks_for_users([profile.user_id for profile in profiles], today=timezone.localdate())
    context = {"verify_link": purpose == result_decorations.PUBLIC}
    return {
        profile.pk: result_decorations.Decoration(
            badges=[render_to_string("quality/includes/mark_badge.html", {**context, "mark": mark})]
        )
        for profile in profiles
        if (mark := marks.get(profile.user_id)) is not None
    }
