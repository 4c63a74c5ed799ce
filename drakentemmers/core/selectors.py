import datetime

from django.db.models import Q, QuerySet

from . import registries
from .models import AccessLogEntry


def platform_public_numbers() -> dict[str, int]:
    """Figures for the public home page, as the apps registered them (core.registries.home_figures_register).

    A fixed number of queries per app, independent of the amount of data.
    """
    return registries.home_figures()


def access_log_query(
    *,
    user: str = "",
    object_type: str = "",
    object_id: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AccessLogEntry]:
    """Access-log rows for a NEN 7513 question, newest first: by user (id, or part of the label at the
    time), by object (type and id) and by period (inclusive dates). Filters on indexed columns only,
    except the label search."""
    qs = AccessLogEntry.objects.all()
    if user:
        qs = qs.filter(Q(user_id=int(user)) if user.isdigit() else Q(user_label__icontains=user))
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if since:
        qs = qs.filter(created_at__date__gte=since)
    if until:
        qs = qs.filter(created_at__date__lte=until)
    return qs.order_by("-created_at", "-pk")
