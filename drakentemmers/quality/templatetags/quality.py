"""The mark badge next to profiles: marks fetched for all shown profiles at once (one query per page)."""

from django import template
from django.utils import timezone

from ..selectors import marks_for_users

register = template.Library()


@register.simple_tag
def quality_marks_for(results) -> dict:
    """{user id: valid mark} for the therapists of a list of search results (or profiles): one query."""
    user_ids = [getattr(getattr(result, "therapist", result), "user_id", None) for result in results or ()]
    return marks_for_users(user_ids, today=timezone.localdate())


@register.simple_tag
def quality_mark_of(user_id):
    return marks_for_users([user_id], today=timezone.localdate()).get(user_id)


@register.filter
def mark_for(marks: dict, user_id):
    return (marks or {}).get(user_id)
