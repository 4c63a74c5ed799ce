"""Durations on the figures page: hours under two days (a median of "0,0 dagen" says nothing), else days."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

# Below this many days a duration reads better in hours.
HOURS_BELOW_DAYS = 2


@register.filter
def duration(days: float | None) -> str:
    if days is None:
        return "–"
    if days < HOURS_BELOW_DAYS:
        hours = round(days * 24)
        if hours < 1:
            return _("less than an hour")
        return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    return _("%(count)s days") % {"count": number_format(days, 1)}
