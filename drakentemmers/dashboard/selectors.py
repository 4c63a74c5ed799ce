"""Reads for the dashboard: every key figure of a year per month, nationally and per region, against targets.

Only the registry in core.kpis is read; no domain model is imported here. Months before the current one come
from the daily snapshots (KpiSnapshot), so later edits do not rewrite history; the current month is measured
live, and so is the previous month until its snapshot exists. An older month without a snapshot (before the
job first ran; the job then fills it in) shows no figure. The number of queries depends on the number of
figures, never on the data.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drakentemmers.core import public_cache
from drakentemmers.core.kpis import (
    SMALL_NUMBER_THRESHOLD,
    Kpi,
    KpiGroup,
    KpiMeasurement,
    KpiPeriod,
    KpiUnit,
    KpiValue,
    kpis,
    measuring,
    suppressed,
)
from drakentemmers.regions.models import Municipality, Region
from drakentemmers.regions.selectors import reporting_region_kind, reporting_region_kind_expression

from .models import NATIONAL, AreaLevel, DashboardSettings, KpiSnapshot, KpiTarget, Span
from .suppression import Relation, hidden_cells, table_relations

HOURS_BELOW_DAYS = 2  # medians under two days are shown in hours


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def local_today() -> date:
    return timezone.localdate()


def month_period(month: date, region_kind: str) -> KpiPeriod:
    return KpiPeriod(start=month, end=next_month(month), region_kind=region_kind)


@dataclass(frozen=True)
class Cell:
    kpi: Kpi
    value: KpiValue | None  # None: not measured (a month still to come, or no figure registered)
    live: bool = False
    # Hidden although not small itself: showing it would let a small one be worked out from the total.
    complementary: bool = False

    @property
    def suppressed(self) -> bool:
        return self.complementary or (self.value is not None and suppressed(self.kpi, self.value))

    @property
    def has_value(self) -> bool:
        return self.value is not None and self.value.value is not None

    @property
    def export_value(self) -> str | float | None:
        """What an export holds: the number, "<5" when suppressed, None when there is none."""
        if self.complementary:
            return "x"
        if self.suppressed:
            return f"<{SMALL_NUMBER_THRESHOLD}"
        return self.value.value if self.has_value else None

    @property
    def short_display(self) -> str:
        """For the printed report's narrow month columns: "<5" instead of "fewer than 5", "x" for "not shown"."""
        if self.complementary:
            return "x"
        if self.suppressed:
            return f"<{SMALL_NUMBER_THRESHOLD}"
        return self.display

    @property
    def display(self) -> str:
        if self.complementary:
            return complementary_label()
        return format_value(self.kpi, self.value)


def complementary_label() -> str:
    return _("not shown")


def _clients_counted(value: KpiValue) -> float | None:
    return value.denominator if value.denominator is not None else value.value


def complementary_suppressed(
    kpi: Kpi, parts: dict[str, KpiValue | None], total: KpiValue | None, *, total_hidden: bool = False
) -> set[str]:
    """The parts to hide as well, so that no small hidden part can be worked out as the total minus the rest.

    For figures about clients that add up over areas (counts, and a share's "of" count), by the one rule in
    `suppression.hidden_cells` (the total itself is decided elsewhere: `total_hidden` says whether it is
    hidden there). Medians do not add up and show no count, so nothing is worked out from them.
    """
    if not kpi.about_clients or kpi.unit == KpiUnit.DAYS or total is None:
        return set()
    counts = {("part", code): (None if v is None else _clients_counted(v)) for code, v in parts.items()}
    counts[("total",)] = _clients_counted(total)
    relation = Relation(("total",), tuple(("part", code) for code in parts))
    already = {("total",)} if total_hidden or suppressed(kpi, total) else set()
    hidden = hidden_cells(counts, [relation], hidden=already, keep={("total",)})
    return {key[1] for key in hidden if key[0] == "part" and not suppressed(kpi, parts[key[1]])}


def _number(value: float, decimals: int = 0) -> str:
    return formats.number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_value(kpi: Kpi, value: KpiValue | None) -> str:
    if value is None or value.value is None:
        return "–"
    if suppressed(kpi, value):
        return _("fewer than %(n)s") % {"n": SMALL_NUMBER_THRESHOLD}
    if kpi.unit == KpiUnit.DAYS:
        if value.value < HOURS_BELOW_DAYS:
            hours = round(value.value * 24)
            return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
        return _("%(n)s days") % {"n": _number(value.value, 1)}
    if kpi.unit == KpiUnit.PERCENT:
        return _("%(percent)s%% (%(numerator)s of %(denominator)s)") % {
            "percent": _number(value.value),
            "numerator": value.numerator,
            "denominator": value.denominator,
        }
    if value.denominator is not None:
        return _("%(value)s of %(denominator)s") % {"value": _number(value.value), "denominator": value.denominator}
    return _number(value.value)


@dataclass
class FigureYear:
    """One figure through one year: a measurement per month (None for months to come) and for the year."""

    kpi: Kpi
    months: list[KpiMeasurement | None]
    year: KpiMeasurement | None
    live_months: set[int] = field(default_factory=set)  # indexes measured live instead of read from snapshots
    missing_months: set[int] = field(default_factory=set)  # closed months without a snapshot: no figure

    _hidden: set | None = field(default=None, init=False, repr=False, compare=False)

    def cell(self, month_index: int | None, area: str) -> Cell:
        measurement = self.year if month_index is None else self.months[month_index]
        live = month_index in self.live_months if month_index is not None else bool(self.live_months)
        value = area_value(self.kpi, measurement, area)
        cell = Cell(kpi=self.kpi, value=value, live=live)
        if not cell.suppressed and (area, month_index) in self.hidden():
            cell = replace(cell, complementary=True)
        return cell

    def hidden(self) -> set[tuple[str, int | None]]:
        """The (area, month index or None for the year) cells hidden, decided once on the whole table.

        The whole table is national plus every region of the division, by month and for the year, whoever
        looks: each page, export and report shows part of it, and hiding in the whole is hiding in each part.
        """
        if self._hidden is None:
            self._hidden = figure_hidden(self)
        return self._hidden

    def region_codes(self) -> list[str]:
        measurements = [m for m in [*self.months, self.year] if m is not None]
        return sorted({code for m in measurements for code in m.by_region})


def figure_hidden(figure: FigureYear) -> set[tuple[str, int | None]]:
    kpi = figure.kpi
    if not kpi.about_clients:
        return set()
    regions = figure.region_codes()
    columns: list[int | None] = [*range(12), None]
    counts = {}
    for area in [NATIONAL, *regions]:
        for index in columns:
            measurement = figure.year if index is None else figure.months[index]
            value = area_value(kpi, measurement, area)
            counts[(area, index)] = None if value is None else _clients_counted(value)
    if kpi.unit == KpiUnit.DAYS:
        relations = []  # medians do not add up, and show no count: only the small ones go
    else:
        relations = table_relations(regions, range(12), row_total=None, column_total=NATIONAL)
        if kpi.cumulative:  # a stock: the year is the last month, not the sum of the months
            relations = [r for r in relations if all(part[1] == r.total[1] for part in r.parts)]  # columns only
    return hidden_cells(counts, relations)


def area_value(kpi: Kpi, measurement: KpiMeasurement | None, area: str) -> KpiValue | None:
    """area: NATIONAL, a region code or "GM…" (a municipality code).

    An area a measurement leaves out has nothing counted: 0 for a count, no value for a median or share.
    A figure without a municipal breakdown has no value per municipality.
    """
    if measurement is None:
        return None
    if area == NATIONAL:
        return measurement.national
    table = measurement.by_municipality if area.startswith("GM") else measurement.by_region
    if area.startswith("GM") and not table:
        return None
    empty = KpiValue(0) if kpi.unit == KpiUnit.COUNT else KpiValue(None)
    return table.get(area, empty)


def year_figures(*, year: int, region_kind: str, today: date | None = None) -> list[FigureYear]:
    """Every registered figure for `year`: closed months from snapshots, the current month live.

    The previous month is measured live until its snapshot exists; an older month without one (before the
    job first ran, which then fills it in) shows no figure rather than costing a live measurement per month.
    """
    today = today or local_today()
    current = month_start(today)
    previous = month_start(current - timedelta(days=1))
    months = [date(year, m, 1) for m in range(1, 13)]
    stored = _snapshots(months=[m for m in months if m < current], region_kind=region_kind)
    result = []
    with measuring():
        for kpi in kpis():
            per_month: list[KpiMeasurement | None] = []
            live: set[int] = set()
            missing: set[int] = set()
            for index, month in enumerate(months):
                if month > current:
                    per_month.append(None)
                elif month < current and (kpi.key, month) in stored:
                    per_month.append(stored[(kpi.key, month)])
                elif month < previous:
                    per_month.append(None)
                    missing.add(index)
                else:
                    per_month.append(kpi.measure_function()(month_period(month, region_kind)))
                    live.add(index)
            figure = FigureYear(kpi=kpi, months=per_month, year=None, live_months=live, missing_months=missing)
            stored_year = stored.get((f"{kpi.key}{YEAR_SUFFIX}", date(year, 1, 1)))
            figure.year = _year_measurement(
                kpi, per_month, year=year, region_kind=region_kind, today=today, stored=stored_year
            )
            result.append(figure)
    return result


YEAR_SUFFIX = "@year"
FIGURES_VERSION_KEY = "dashboard:figures-version"


def figures_changed() -> None:
    """Drop the recently measured figures (after a snapshot run): the next page measures again."""
    try:
        cache.incr(FIGURES_VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(FIGURES_VERSION_KEY, timezone.now().timestamp(), None)


def _registry_digest(registered: dict) -> str:
    # Not hash(): it differs per process, and every web process must find the same entry.
    return hashlib.sha256("|".join(registered).encode()).hexdigest()[:12]


def figures_cache_seconds() -> int:
    """How long the live figures (and what is rendered from them) are shared; 0: measured on every view."""
    return int(getattr(settings, "DASHBOARD_FIGURES_CACHE_SECONDS", 60))


def _figures_key(*, year: int, region_kind: str, today: date, registered: dict) -> str:
    version = cache.get_or_set(FIGURES_VERSION_KEY, timezone.now().timestamp(), None)
    return f"dashboard:figures:{version}:{year}:{region_kind}:{today.isoformat()}:{_registry_digest(registered)}"


def year_figures_recent(*, year: int, region_kind: str, today: date | None = None) -> list[FigureYear]:
    """`year_figures`, measured at most `DASHBOARD_FIGURES_CACHE_SECONDS` ago (shared by every viewer).

    The live months cost a measurement of every figure (about fifty queries); a dashboard open in many
    browsers on a busy morning must not repeat that for each of them. The figures are the same for every
    viewer (scope and suppression are applied later, per page), so one shared copy serves all. Only the
    measurements are stored, never the registry's callables; a figure that is no longer registered is left out.
    """
    return year_figures_recent_stamped(year=year, region_kind=region_kind, today=today)[1]


def year_figures_recent_stamped(
    *, year: int, region_kind: str, today: date | None = None
) -> tuple[str | None, list[FigureYear]]:
    """`year_figures_recent` and the stamp of the measurement it returns (None when nothing is cached).

    Every measurement stored gets a new stamp, kept in its entry and, as a small entry of its own with the same
    lifetime, under `figures_stamp`: what is derived from these figures (the rendered tables) is cached under the
    stamp, so it goes exactly when this entry goes (expired, evicted, or dropped by `figures_changed`).
    """
    seconds = figures_cache_seconds()
    today = today or local_today()
    if seconds <= 0:
        return None, year_figures(year=year, region_kind=region_kind, today=today)
    registered = {kpi.key: kpi for kpi in kpis()}
    key = _figures_key(year=year, region_kind=region_kind, today=today, registered=registered)
    entry = cache.get(key)
    if entry is None:
        stored = [
            (f.kpi.key, f.months, f.year, f.live_months, f.missing_months)
            for f in year_figures(year=year, region_kind=region_kind, today=today)
        ]
        entry = (f"{time.time_ns()}-{secrets.token_hex(6)}", stored)
        cache.set(key, entry, seconds)
        cache.set(f"{key}:stamp", entry[0], seconds)  # after the figures: a stamp never names unstored figures
    stamp, stored = entry
    figures = [
        FigureYear(kpi=registered[k], months=months, year=year_value, live_months=live, missing_months=missing)
        for k, months, year_value, live, missing in stored
        if k in registered
    ]
    return stamp, figures


def figures_stamp(*, year: int, region_kind: str, today: date | None = None) -> str | None:
    """The stamp of the cached figures `year_figures_recent` would return now, without reading them (they are
    large); None when there are none (not measured yet, expired, dropped, or the cache is switched off)."""
    if figures_cache_seconds() <= 0:
        return None
    registered = {kpi.key: kpi for kpi in kpis()}
    key = _figures_key(year=year, region_kind=region_kind, today=today or local_today(), registered=registered)
    return cache.get(f"{key}:stamp")


def _snapshots(*, months: list[date], region_kind: str) -> dict[tuple[str, date], KpiMeasurement]:
    """Stored measurements by (key, month), and year-to-date ones by (key + YEAR_SUFFIX, 1 January). 1 query."""
    if not months:
        return {}
    rows = KpiSnapshot.objects.filter(
        Q(span=Span.MONTH, month__in=months) | Q(span=Span.YEAR, month=date(months[0].year, 1, 1)),
        region_kind=region_kind,
    ).values_list("kpi_key", "span", "month", "level", "area_code", "value", "numerator", "denominator")
    grouped: dict[tuple[str, date], dict] = defaultdict(lambda: {"national": None, "region": {}, "municipality": {}})
    for key, span, month, level, code, value, numerator, denominator in rows:
        if span == Span.YEAR:
            key = f"{key}{YEAR_SUFFIX}"
        cell = KpiValue(value, numerator, denominator)
        if level == AreaLevel.NATIONAL:
            grouped[(key, month)]["national"] = cell
        else:
            grouped[(key, month)][level][code] = cell
    return {
        key: KpiMeasurement(national=g["national"], by_region=g["region"], by_municipality=g["municipality"])
        for key, g in grouped.items()
        if g["national"] is not None
    }


def _year_measurement(
    kpi: Kpi, months: list[KpiMeasurement | None], *, year: int, region_kind: str, today: date, stored=None
):
    known = [m for m in months if m is not None]
    if not known:
        return None
    if kpi.cumulative:
        return known[-1]  # a stock: the state at the end of the last month so far
    if kpi.unit == KpiUnit.DAYS:
        # A median of medians is not a median: the year so far as one period, as last night's job measured
        # it (a year of rows costs seconds), or measured now when there is no such snapshot yet.
        if stored is not None:
            return stored
        end = min(date(year + 1, 1, 1), next_month(today))
        return kpi.measure_function()(KpiPeriod(start=date(year, 1, 1), end=end, region_kind=region_kind))
    return KpiMeasurement(
        national=_sum([m.national for m in known], kpi),
        by_region=_sum_areas([m.by_region for m in known], kpi),
        by_municipality=_sum_areas([m.by_municipality for m in known], kpi),
    )


def _sum(values: list[KpiValue], kpi: Kpi) -> KpiValue:
    if kpi.unit == KpiUnit.PERCENT:
        numerator = sum(v.numerator or 0 for v in values)
        denominator = sum(v.denominator or 0 for v in values)
        share = round(numerator / denominator * 100, 1) if denominator else None
        return KpiValue(share, numerator=numerator, denominator=denominator)
    present = [v.value for v in values if v.value is not None]
    return KpiValue(sum(present) if present else None)


def _sum_areas(tables: list[dict[str, KpiValue]], kpi: Kpi) -> dict[str, KpiValue]:
    codes = {code for table in tables for code in table}
    return {code: _sum([table[code] for table in tables if code in table], kpi) for code in codes}


# ---- targets -----------------------------------------------------------------------------------------


def targets_for(year: int) -> dict[tuple[str, str], Decimal]:
    """(kpi key, region code or NATIONAL) -> target. One query."""
    rows = KpiTarget.objects.filter(year=year).values_list("kpi_key", "region_code", "value")
    return {(key, code): value for key, code, value in rows}


def progress_percent(kpi: Kpi, cell: Cell, target: Decimal | None) -> int | None:
    """How far the figure is toward its target, for counts and shares (not for times, where lower is better)."""
    if target is None or not target or not cell.has_value or cell.suppressed or kpi.unit == KpiUnit.DAYS:
        return None
    return round(float(cell.value.value) / float(target) * 100)


def coverage_min_members() -> int:
    stored = DashboardSettings.objects.filter(pk=DashboardSettings.SINGLETON_PK).values_list(
        "coverage_min_members", flat=True
    )
    return next(iter(stored), None) or DashboardSettings._meta.get_field("coverage_min_members").default


# ---- the page ----------------------------------------------------------------------------------------


@dataclass
class Row:
    kpi: Kpi
    months: list[Cell]
    year: Cell
    target: Decimal | None
    progress: int | None
    national_year: Cell | None = None  # beside a region's figure: the national one
    national_target: Decimal | None = None


@dataclass
class Group:
    key: str
    label: str
    rows: list[Row]


@dataclass
class Dashboard:
    year: int
    months: list[date]
    region: Region | None
    region_kind: str
    groups: list[Group]
    figures: list[FigureYear]
    regions: list[Region]
    any_missing_month: bool
    figures_stamp: str | None = None  # of the cached figures these come from (see year_figures_recent_stamped)

    @property
    def area(self) -> str:
        return self.region.code if self.region else NATIONAL

    @property
    def query(self) -> str:
        return dashboard_query(self.year, self.region)


@dataclass(frozen=True)
class DashboardChoice:
    """What the viewer chose (year and region), for the parts of the page around the figures."""

    year: int
    region: Region | None

    @property
    def query(self) -> str:
        return dashboard_query(self.year, self.region)


def dashboard_query(year: int, region: Region | None) -> str:
    """The query string of the page, its exports and its report for this year and region."""
    return f"?year={year}&region={region.code if region else NATIONAL}"


def dashboard_build(
    *,
    year: int,
    region: Region | None,
    regions: list[Region],
    today: date | None = None,
    region_kind: str | None = None,
    targets: dict[tuple[str, str], Decimal] | None = None,
) -> Dashboard:
    """The page's figures for one year, for one region (beside the national ones) or nationally.

    `region_kind` and `targets` may be passed when the caller has read them already (else 1 query each)."""
    today = today or local_today()
    region_kind = region_kind or reporting_region_kind()
    stamp, figures = year_figures_recent_stamped(year=year, region_kind=region_kind, today=today)
    targets = targets_for(year) if targets is None else targets
    area = region.code if region else NATIONAL
    by_group: dict[str, list[Row]] = defaultdict(list)
    for figure in figures:
        year_cell = figure.cell(None, area)
        target = targets.get((figure.kpi.key, area))
        row = Row(
            kpi=figure.kpi,
            months=[figure.cell(i, area) for i in range(12)],
            year=year_cell,
            target=target,
            progress=progress_percent(figure.kpi, year_cell, target),
        )
        if region is not None:
            row.national_year = figure.cell(None, NATIONAL)
            row.national_target = targets.get((figure.kpi.key, NATIONAL))
        by_group[figure.kpi.group].append(row)
    groups = [Group(key=key, label=str(label), rows=by_group.get(key, [])) for key, label in KpiGroup.choices]
    return Dashboard(
        year=year,
        months=[date(year, m, 1) for m in range(1, 13)],
        region=region,
        region_kind=region_kind,
        groups=groups,
        figures=figures,
        regions=regions,
        any_missing_month=any(figure.missing_months for figure in figures),
        figures_stamp=stamp,
    )


@dataclass
class AreaRow:
    code: str
    name: str
    cells: list[Cell]


def area_table(dashboard: Dashboard, *, level: str) -> list[AreaRow]:
    """The year's figures per region of the division, or per municipality of the chosen region. At most 1 query."""
    if level == AreaLevel.MUNICIPALITY:
        if dashboard.region is None:
            return []
        areas = region_municipalities(dashboard.region)
    else:
        areas = [(region.code, region.name) for region in dashboard.regions]
    columns = []
    for figure in dashboard.figures:
        cells = {code: figure.cell(None, code) for code, _name in areas}
        if level == AreaLevel.MUNICIPALITY:
            # The region's total is on the same page: hide what would give a small municipality away.
            # (Municipal figures are shown nowhere else, so this choice cannot be undone by another page.)
            total = figure.cell(None, dashboard.region.code)
            extra = complementary_suppressed(
                figure.kpi,
                {code: cell.value for code, cell in cells.items()},
                total.value,
                total_hidden=total.suppressed,
            )
            cells = {code: replace(cell, complementary=True) if code in extra else cell for code, cell in cells.items()}
        columns.append(cells)
    return [AreaRow(code=code, name=name, cells=[column[code] for column in columns]) for code, name in areas]


def region_municipalities(region: Region) -> list[tuple[str, str]]:
    """(code, name) of the region's municipalities by name. Regions and municipalities are watched by the public
    cache, so this follows every change to them (the public data version); a query only after one."""
    return public_cache.cached_data(
        f"dashboard:region-municipalities:{region.pk}",
        lambda: list(region.municipalities.order_by("name").values_list("code", "name")),
    )


def population_by_area(region_kind: str) -> tuple[dict[str, int], dict[str, int]]:
    """Inhabitants per region code and per municipality code (CBS, the postcode-4 sums of 2021). 2 queries."""
    municipalities = dict(Municipality.objects.filter(is_active=True).values_list("code", "population"))
    regions: dict[str, int] = defaultdict(int)
    through = Region.municipalities.through.objects.filter(region__kind=region_kind)
    for code, population in through.values_list("region__code", "municipality__population"):
        regions[code] += population or 0
    return dict(regions), municipalities


def public_headline_figures() -> dict[str, int]:
    """For the public home page, from last night's snapshots (1 query): regions covered of all regions and
    matches this year. Nothing without snapshots; a yearly match count under the small-number threshold is
    left out (the home page then does not show it)."""
    today = local_today()
    # The reporting unit as a subquery: the home page stays within its query budget.
    rows = (
        KpiSnapshot.objects.alias(reporting_kind=reporting_region_kind_expression())
        .filter(
            region_kind=F("reporting_kind"),
            level=AreaLevel.NATIONAL,
            span=Span.MONTH,
            kpi_key__in=("directory.regions_covered", "matching.matches"),
            month__gte=date(today.year, 1, 1),
            month__lte=month_start(today),
        )
        .values_list("kpi_key", "month", "value", "denominator")
    )
    figures: dict[str, int] = {}
    latest: date | None = None
    matches = 0
    for key, month, value, denominator in rows:
        if key == "matching.matches":
            matches += int(value or 0)
        elif latest is None or month > latest:
            latest = month
            figures["regions_covered"], figures["regions_total"] = int(value or 0), int(denominator or 0)
    if matches >= SMALL_NUMBER_THRESHOLD:
        figures["matches_year"] = matches
    return figures
