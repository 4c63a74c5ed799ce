"""Key figures of the quality mark for the dashboard (core.kpis)."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.kpis import Kpi, KpiGroup, KpiMeasurement, KpiPeriod, KpiValue

from .selectors import marks_valid_on

MEMBERS_WITH_MARK = Kpi(
    key="quality.members_with_mark",
    label=_("Members holding a valid quality mark"),
    counts=_(
        "Members whose quality mark was valid on the last day of the period (today for a period still running); "
        "per region by the municipalities they work in, so a member working in two regions counts in both."
    ),
    group=KpiGroup.MEMBERS,
    measure="drakentemmers.quality.kpis.members_with_mark",
    cumulative=True,
    order=40,
)


def members_with_mark(period: KpiPeriod) -> KpiMeasurement:
    """Two queries: the national count and the count per region of the reporting division."""
    from drakentemmers.directory.models import WorkLocation

    day = min(period.end - timedelta(days=1), timezone.localdate())
    holders = marks_valid_on(day).values("user_id")
    national = holders.values("user_id").distinct().count()
    rows = (
        WorkLocation.objects.filter(therapist__user_id__in=holders, municipality__regions__kind=period.region_kind)
        .values("municipality__regions__code")
        .annotate(members=Count("therapist__user_id", distinct=True))
    )
    by_region = {row["municipality__regions__code"]: KpiValue(row["members"]) for row in rows}
    return KpiMeasurement(national=KpiValue(national), by_region=by_region)
