import datetime

from django.db.models import Q, QuerySet

from . import registries
from .models import AccessLogEntry, NoticePreference


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


def security_failures_repeated(*, hours: int = 24, minimum: int = 3) -> list[dict]:
    """Accounts (or pseudonymised unknown login names) with at least `minimum` failed logins, MFA failures or
    lock-outs in the past `hours`, most failures first: what an administrator looks at for credential stuffing
    or someone trying a colleague's account. One grouped query on the indexed columns."""
    from django.db.models import Count, Max
    from django.utils import timezone

    from .services import SECURITY_EVENT_FAILURES, SECURITY_EVENT_TYPE

    since = timezone.now() - datetime.timedelta(hours=hours)
    rows = (
        AccessLogEntry.objects.filter(
            object_type=SECURITY_EVENT_TYPE, action__in=SECURITY_EVENT_FAILURES, created_at__gte=since
        )
        .values("user_label", "user_id")
        .annotate(failures=Count("pk"), addresses=Count("ip_address", distinct=True), last=Max("created_at"))
        .filter(failures__gte=minimum)
        .order_by("-failures", "-last")
    )
    return list(rows[:50])


def notice_delivery(user) -> str:
    """ "daily" when the person chose the daily digest for e-mail about events, otherwise "now"."""
    return "daily" if NoticePreference.objects.filter(user=user, daily_digest=True).exists() else "now"
