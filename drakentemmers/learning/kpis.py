"""Key figures of the learning app for the dashboard (core.kpis), in a fixed number of queries.

A training counts in the region (of the reporting division) of its venue's municipality; online trainings
count nationally only. "People trained" counts different people present at a session in the period.
"""

from datetime import datetime, time

from django.db.models import Min

from drakentemmers.core.kpis import KpiMeasurement, KpiPeriod, KpiValue
from drakentemmers.regions.models import Region

from .models import Attendance, Audience, EnrolmentStatus, Training, TrainingStatus
from .selectors import AMSTERDAM


def _bounds(period: KpiPeriod) -> tuple[datetime, datetime]:
    return (
        datetime.combine(period.start, time(), tzinfo=AMSTERDAM),
        datetime.combine(period.end, time(), tzinfo=AMSTERDAM),
    )


def _region_of(period: KpiPeriod) -> dict[int, list[str]]:
    pairs = Region.municipalities.through.objects.filter(region__kind=period.region_kind).values_list(
        "municipality_id", "region__code"
    )
    regions: dict[int, list[str]] = {}
    for municipality_id, code in pairs:
        regions.setdefault(municipality_id, []).append(code)
    return regions


def _measure(period: KpiPeriod, rows) -> KpiMeasurement:
    """rows: (key identifying what is counted, municipality id of the venue) pairs."""
    regions = _region_of(period)
    national: set = set()
    by_region: dict[str, set] = {}
    for key, municipality_id in rows:
        national.add(key)
        for code in regions.get(municipality_id, []):
            by_region.setdefault(code, set()).add(key)
    return KpiMeasurement(
        national=KpiValue(len(national)), by_region={code: KpiValue(len(keys)) for code, keys in by_region.items()}
    )


def trainings_held(period: KpiPeriod) -> KpiMeasurement:
    start, end = _bounds(period)
    trainings = (
        Training.objects.filter(status=TrainingStatus.PUBLISHED)
        .annotate(first_start=Min("sessions__starts_at"))
        .filter(first_start__gte=start, first_start__lt=end)
        .values_list("pk", "municipality_id")
    )
    return _measure(period, trainings)


def _people(period: KpiPeriod, audience: str) -> KpiMeasurement:
    start, end = _bounds(period)
    rows = Attendance.objects.filter(
        present=True,
        enrolment__status=EnrolmentStatus.ENROLLED,
        enrolment__audience=audience,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    ).values_list("enrolment__user_id", "enrolment__training__municipality_id")
    return _measure(period, rows)


def people_trained_referring(period: KpiPeriod) -> KpiMeasurement:
    return _people(period, Audience.REFERRING)


def people_trained_hbo(period: KpiPeriod) -> KpiMeasurement:
    return _people(period, Audience.HBO)


def people_trained_therapists(period: KpiPeriod) -> KpiMeasurement:
    return _people(period, Audience.THERAPISTS)
