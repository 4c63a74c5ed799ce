"""Writes of the dashboard: targets, settings and the daily snapshots."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.core import public_cache
from drakentemmers.core.kpis import KpiPeriod, KpiUnit, kpi_get, kpis, measuring
from drakentemmers.regions.models import Region
from drakentemmers.regions.selectors import reporting_region_kind

from .models import NATIONAL, AreaLevel, DashboardSettings, KpiSnapshot, KpiTarget, Span
from .selectors import figures_changed, local_today, month_period, month_start, next_month


@transaction.atomic
def kpi_target_set(*, kpi_key: str, year: int, region_code: str, value: Decimal | None, by) -> KpiTarget | None:
    """Set (or with value None, remove) the target of one figure in one year, nationally or for a region."""
    if kpi_get(kpi_key) is None:
        raise ValidationError({"kpi_key": _("This key figure does not exist.")})
    if region_code and not Region.objects.filter(kind=reporting_region_kind(), code=region_code).exists():
        raise ValidationError({"region_code": _("This region is not part of the reporting division.")})
    if value is None:
        KpiTarget.objects.filter(kpi_key=kpi_key, year=year, region_code=region_code).delete()
        return None
    target = KpiTarget.objects.filter(kpi_key=kpi_key, year=year, region_code=region_code).first() or KpiTarget(
        kpi_key=kpi_key, year=year, region_code=region_code
    )
    target.value = value
    target.updated_by = by
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def dashboard_settings_update(*, coverage_min_members: int, by) -> DashboardSettings:
    settings = DashboardSettings.objects.filter(pk=DashboardSettings.SINGLETON_PK).first() or DashboardSettings(
        pk=DashboardSettings.SINGLETON_PK
    )
    settings.coverage_min_members = coverage_min_members
    settings.updated_by = by
    settings.full_clean()
    settings.save()
    return settings


def kpi_snapshots_take(*, today: date | None = None) -> int:
    """Store every figure of the current and the previous month, nationally, per region and per municipality.

    Idempotent: a second run on a day overwrites that day's rows (one row per figure, month and area), so
    the last run of a month is what history keeps. Older months (back to January of last year) that have no
    snapshot of a figure yet, as after the first installation, are filled in once and then left alone.
    Returns the number of rows written.
    """
    today = today or local_today()
    current = month_start(today)
    previous = month_start(date.fromordinal(current.toordinal() - 1))
    region_kind = reporting_region_kind()
    taken_at = timezone.now()
    older = []
    month = date(current.year - 1, 1, 1)
    while month < previous:
        older.append(month)
        month = next_month(month)
    stored = set(
        KpiSnapshot.objects.filter(
            region_kind=region_kind, span=Span.MONTH, month__in=older, level=AreaLevel.NATIONAL
        ).values_list("kpi_key", "month")
    )
    years = sorted({previous.year, current.year})
    rows: list[KpiSnapshot] = []
    with measuring():
        for kpi in kpis():
            backfill = [month for month in older if (kpi.key, month) not in stored]
            for month in (*backfill, previous, current):
                measurement = kpi.measure_function()(month_period(month, region_kind))
                rows += _rows(kpi.key, Span.MONTH, month, region_kind, measurement, taken_at)
            if kpi.unit == KpiUnit.DAYS and not kpi.cumulative:
                for year in years:
                    period = KpiPeriod(
                        start=date(year, 1, 1),
                        end=min(date(year + 1, 1, 1), next_month(current)),
                        region_kind=region_kind,
                    )
                    measurement = kpi.measure_function()(period)
                    rows += _rows(kpi.key, Span.YEAR, date(year, 1, 1), region_kind, measurement, taken_at)
    with transaction.atomic():
        # Areas that dropped out of a measurement (a therapist left a region) must not keep an old value.
        KpiSnapshot.objects.filter(region_kind=region_kind, span=Span.MONTH, month__in=(previous, current)).delete()
        KpiSnapshot.objects.filter(
            region_kind=region_kind, span=Span.YEAR, month__in=[date(year, 1, 1) for year in years]
        ).delete()
        KpiSnapshot.objects.bulk_create(rows, batch_size=2000)
    public_cache.bump_version()  # the home page's headline figures come from these rows
    figures_changed()
    return len(rows)


def _rows(key: str, span: str, month: date, region_kind: str, measurement, taken_at) -> list[KpiSnapshot]:
    areas = [(AreaLevel.NATIONAL, NATIONAL, measurement.national)]
    areas += [(AreaLevel.REGION, code, v) for code, v in measurement.by_region.items()]
    areas += [(AreaLevel.MUNICIPALITY, code, v) for code, v in measurement.by_municipality.items()]
    return [
        KpiSnapshot(
            kpi_key=key,
            span=span,
            month=month,
            level=level,
            region_kind=region_kind,
            area_code=code,
            value=value.value,
            numerator=value.numerator,
            denominator=value.denominator,
            taken_at=taken_at,
        )
        for level, code, value in areas
    ]
