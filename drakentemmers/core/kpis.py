"""The registry of key figures (KPIs) that the dashboard shows against the plan's targets.

Each domain app registers the figures it owns in its AppConfig.ready(); the dashboard only reads this
registry, so core and the dashboard never import a domain app's models. A figure that no app registered
shows as "nog geen gegevens" (no data yet), honestly, instead of a zero.

A measure answers for one period at once, nationally and for every region of the reporting division,
in a fixed number of queries (never one query per region or per month):

    def people_trained(period: KpiPeriod) -> KpiMeasurement:
        ...
        return KpiMeasurement(national=KpiValue(312), by_region={"VR01": KpiValue(12), ...})

    kpi_register(Kpi(key="learning.people_trained", label=_("People trained"), counts=_("..."),
                     group=KpiGroup.LEARNING, measure="drakentemmers.learning.kpis.people_trained"))

Helpers: `period_moments(period)` gives the period as aware datetimes (Dutch calendar months);
`counts_by_area(rows, ...)` counts distinct subjects nationally, per region and per municipality;
`KpiMeasurement.by_municipality` is the optional drill-down (CBS codes) the dashboard shows where privacy
allows; figures that share rows compute them once inside `measuring()` via `kpi_memo(key, compute)`.
"""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

# Cells that concern clients and count fewer than this are suppressed (shown as "< 5", never exported).
SMALL_NUMBER_THRESHOLD = 5


class KpiGroup(models.TextChoices):
    MEMBERS = "members", _("Members and coverage")
    MATCHING = "matching", _("Matching")
    LEARNING = "learning", _("Learning")
    VOICE = "voice", _("Voice")


class KpiUnit(models.TextChoices):
    COUNT = "count", _("number")
    PERCENT = "percent", _("percentage")
    DAYS = "days", _("days")


@dataclass(frozen=True)
class KpiPeriod:
    """A half-open period [start, end) and the region division to break it down by."""

    start: date
    end: date
    region_kind: str  # regions.Region.kind of the reporting division (regions.selectors.reporting_region_kind())


@dataclass(frozen=True)
class KpiValue:
    """One figure. For a percentage or median, numerator/denominator say what it is of ("3 of 8")."""

    value: float | None  # None: no data for this cell
    numerator: int | None = None
    denominator: int | None = None


@dataclass(frozen=True)
class KpiMeasurement:
    national: KpiValue
    by_region: dict[str, KpiValue] = field(default_factory=dict)  # keyed by regions.Region.code
    # Optional drill-down, keyed by regions.Municipality.code (GM0014); shown where privacy allows.
    by_municipality: dict[str, KpiValue] = field(default_factory=dict)


@dataclass(frozen=True)
class Kpi:
    key: str  # "<app>.<figure>", stable: snapshots and targets refer to it
    label: str | Promise
    counts: str | Promise  # what exactly is counted, with numerator and denominator for shares
    group: str  # KpiGroup
    measure: str  # dotted path of a function (KpiPeriod) -> KpiMeasurement
    unit: str = KpiUnit.COUNT
    about_clients: bool = False  # True: cells under SMALL_NUMBER_THRESHOLD are suppressed
    cumulative: bool = False  # True: a stock at the period's end (members), False: a flow within it
    order: int = 100

    def measure_function(self) -> Callable[[KpiPeriod], KpiMeasurement]:
        return import_string(self.measure)


_KPIS: dict[str, Kpi] = {}


def kpi_register(kpi: Kpi) -> None:
    _KPIS[kpi.key] = kpi


def kpis() -> list[Kpi]:
    return sorted(_KPIS.values(), key=lambda kpi: (list(KpiGroup.values).index(kpi.group), kpi.order, kpi.key))


def kpi_get(key: str) -> Kpi | None:
    return _KPIS.get(key)


def suppressed(kpi: Kpi, value: KpiValue) -> bool:
    """Whether a cell must not be shown: it concerns clients and counts fewer than the threshold."""
    counted = value.denominator if value.denominator is not None else value.value
    return kpi.about_clients and counted is not None and 0 < counted < SMALL_NUMBER_THRESHOLD


# The "regions with at least N members" figure reads N from the platform team's setting (the dashboard app
# registers the provider); without one the default below holds.
COVERAGE_MIN_MEMBERS_DEFAULT = 3
_SETTINGS: dict[str, Callable[[], int]] = {}


def kpi_setting_register(name: str, provider: Callable[[], int]) -> None:
    _SETTINGS[name] = provider


def coverage_min_members() -> int:
    provider = _SETTINGS.get("coverage_min_members")
    return provider() if provider is not None else COVERAGE_MIN_MEMBERS_DEFAULT


def counts_by_area(
    rows, *, region_of: dict[int, str], municipality_code_of: dict[int, str]
) -> tuple[int, dict[str, int], dict[str, int]]:
    """Distinct subjects nationally, per region and per municipality from (subject id, municipality id) rows.

    A subject with places in two regions counts once in each and once nationally.
    """
    national: set = set()
    regions: dict[str, set] = {}
    municipalities: dict[str, set] = {}
    for subject, municipality_id in rows:
        national.add(subject)
        if municipality_id is None:
            continue
        if (code := region_of.get(municipality_id)) is not None:
            regions.setdefault(code, set()).add(subject)
        if (code := municipality_code_of.get(municipality_id)) is not None:
            municipalities.setdefault(code, set()).add(subject)
    return (
        len(national),
        {code: len(ids) for code, ids in regions.items()},
        {code: len(ids) for code, ids in municipalities.items()},
    )


_MEMO: ContextVar[dict | None] = ContextVar("kpi_memo", default=None)


@contextmanager
def measuring() -> Iterator[None]:
    """Within this block, measures that share work (several figures from one set of rows) compute it once."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def kpi_memo(key: Hashable, compute: Callable[[], Any]) -> Any:
    """`compute()` once per key inside `measuring()`; outside it, every call computes (never stale)."""
    memo = _MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


KPI_TIMEZONE = ZoneInfo("Europe/Amsterdam")


def period_moments(period: KpiPeriod) -> tuple[datetime, datetime]:
    """The period as aware datetimes [start, end): calendar months and years are Dutch ones."""
    return (
        datetime.combine(period.start, time(), tzinfo=KPI_TIMEZONE),
        datetime.combine(period.end, time(), tzinfo=KPI_TIMEZONE),
    )
