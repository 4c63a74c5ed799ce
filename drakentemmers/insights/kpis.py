"""Key figures for the dashboard (core.kpis, group VOICE): reported, accepted and endorsed signals.

Each measure answers nationally and per region of the reporting division in two queries: a report counts in
every reporting-unit region it names; a report naming no region (national) counts only nationally.
"""

from collections import Counter
from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.kpis import Kpi, KpiGroup, KpiMeasurement, KpiPeriod, KpiValue

from .models import Endorsement, Report, ReportKind, ReportStatus


def _bounds(period: KpiPeriod) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(period.start, time.min), tz),
        timezone.make_aware(datetime.combine(period.end, time.min), tz),
    )


def _measure(reports, period: KpiPeriod) -> KpiMeasurement:
    national = reports.count()
    per_region = Counter(
        reports.filter(regions__kind=period.region_kind).values_list("regions__code", flat=True).order_by()
    )
    return KpiMeasurement(national=KpiValue(national), by_region={code: KpiValue(n) for code, n in per_region.items()})


def bottlenecks_reported(period: KpiPeriod) -> KpiMeasurement:
    since, until = _bounds(period)
    reports = Report.objects.filter(kind=ReportKind.BOTTLENECK, created_at__gte=since, created_at__lt=until).exclude(
        status=ReportStatus.MERGED
    )
    return _measure(reports, period)


def reports_accepted(period: KpiPeriod) -> KpiMeasurement:
    since, until = _bounds(period)
    reports = Report.objects.filter(status=ReportStatus.ACCEPTED, moderated_at__gte=since, moderated_at__lt=until)
    return _measure(reports, period)


def endorsements(period: KpiPeriod) -> KpiMeasurement:
    """Endorsements given in the period, counted in the endorser's own region."""
    since, until = _bounds(period)
    given = Endorsement.objects.filter(created_at__gte=since, created_at__lt=until)
    per_region = Counter(
        given.filter(region__kind=period.region_kind).values_list("region__code", flat=True).order_by()
    )
    return KpiMeasurement(
        national=KpiValue(given.count()), by_region={code: KpiValue(n) for code, n in per_region.items()}
    )


KPIS = (
    Kpi(
        key="insights.bottlenecks_reported",
        label=_("Bottlenecks reported"),
        counts=_("Bottlenecks submitted in the period (duplicates merged away not counted), in the regions they name."),
        group=KpiGroup.VOICE,
        measure="drakentemmers.insights.kpis.bottlenecks_reported",
        order=10,
    ),
    Kpi(
        key="insights.reports_accepted",
        label=_("Bottlenecks and good practices accepted"),
        counts=_("Reports a moderator accepted in the period, in the regions they name."),
        group=KpiGroup.VOICE,
        measure="drakentemmers.insights.kpis.reports_accepted",
        order=20,
    ),
    Kpi(
        key="insights.endorsements",
        label=_("Endorsements ('Dit herken ik')"),
        counts=_("Times a member recognised a bottleneck or good practice in the period, in the region of the member."),
        group=KpiGroup.VOICE,
        measure="drakentemmers.insights.kpis.endorsements",
        order=30,
    ),
)
