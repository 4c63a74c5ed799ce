"""Reads for the platform team's region-division pages: coverage, what an import would change, history.

A division is described as plain data, a list of `{"code", "name", "central", "members": [GM codes]}`, so the
same coverage and change reports serve an uploaded file, the division in the database and a stored snapshot.
"""

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db import models
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .division_csv import Successor
from .models import Municipality, Region, RegionImport, RegionImportStatus, RegionKind
from .selectors import reporting_region_kind

DATA_DIR = Path(__file__).resolve().parent / "data"
SUCCESSORS_FILE = DATA_DIR / "gemeente_opvolgers_2025.csv"
FALLBACK_YEAR = 2025
HISTORY_LIMIT = 50
# Lists need only the header of an import, not its parsed rows and snapshot (kilobytes each).
LARGE_FIELDS = ("rows", "previous_snapshot")
LAST_IMPORT_SCAN = 500  # imports are rare; the latest of each kind is among these
# How many uncovered or overlapping municipalities a refusal message names before "and N more".
NAMES_IN_MESSAGE = 5


def current_division_year() -> int:
    """The year of the municipal division the platform uses (the active municipalities)."""
    year = Municipality.objects.filter(is_active=True).aggregate(year=Max("year"))["year"]
    return year or FALLBACK_YEAR


@dataclass(frozen=True)
class MunicipalityFacts:
    name: str
    population: int


def municipalities_of_year(year: int) -> dict[str, MunicipalityFacts]:
    rows = Municipality.objects.filter(year=year, is_active=True).values_list("code", "name", "population")
    return {code: MunicipalityFacts(name, population) for code, name, population in rows}


@cache
def municipality_successors() -> dict[str, Successor]:
    """Municipalities merged away since 2021 and the one they merged into (data/gemeente_opvolgers_2025.csv)."""
    with SUCCESSORS_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["gemeente_code"]: Successor(
                row["gemeente_code"], row["gemeente_naam"], row["opvolger_code"], row["opvolger_naam"]
            )
            for row in csv.DictReader(handle)
        }


def division_snapshot(kind: str) -> list[dict]:
    """The division of `kind` as stored now, as plain data (two queries)."""
    members: dict[int, list[str]] = defaultdict(list)
    through = Region.municipalities.through.objects.filter(region__kind=kind)
    for region_id, code in through.values_list("region_id", "municipality__code").order_by("municipality__code"):
        members[region_id].append(code)
    regions = Region.objects.filter(kind=kind).values_list("pk", "code", "name", "year", "central_municipality__code")
    return [
        {"code": code, "name": name, "year": year, "central": central or "", "members": members[pk]}
        for pk, code, name, year, central in sorted(regions, key=lambda r: r[1])
    ]


@dataclass
class Coverage:
    total_municipalities: int
    total_population: int
    covered_municipalities: int = 0
    covered_population: int = 0
    uncovered: list[tuple[str, str]] = field(default_factory=list)  # (code, name), by name
    overlaps: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (code, name, region names)

    @property
    def is_complete(self) -> bool:
        return not self.uncovered

    @property
    def population_share(self) -> float:
        return self.covered_population / self.total_population if self.total_population else 0.0

    @property
    def population_percent(self) -> float:
        return 100 * self.population_share


def division_coverage(regions: list[dict], municipalities: dict[str, MunicipalityFacts]) -> Coverage:
    """Which municipalities of the year the division covers, misses, or puts in more than one region."""
    regions_of: dict[str, list[str]] = defaultdict(list)
    for region in regions:
        for code in region["members"]:
            regions_of[code].append(region["name"])
    coverage = Coverage(len(municipalities), sum(m.population for m in municipalities.values()))
    for code, facts in sorted(municipalities.items(), key=lambda item: item[1].name):
        names = regions_of.get(code, [])
        if not names:
            coverage.uncovered.append((code, facts.name))
            continue
        coverage.covered_municipalities += 1
        coverage.covered_population += facts.population
        if len(names) > 1:
            coverage.overlaps.append((code, facts.name, names))
    return coverage


@dataclass
class RegionLine:
    """One region of a division as it is (or will be), and how it differs from before."""

    code: str
    name: str
    central: str  # municipality name, or ""
    member_count: int
    population: int
    status: str  # "added", "changed", "unchanged" or "removed"
    old_name: str = ""
    added: list[str] = field(default_factory=list)  # municipality names
    removed: list[str] = field(default_factory=list)


def division_changes(before: list[dict], after: list[dict], names: dict[str, MunicipalityFacts]) -> list[RegionLine]:
    """Per region: added, removed, renamed or with other members; by region code."""

    def facts(code: str) -> MunicipalityFacts:
        return names.get(code) or MunicipalityFacts(code, 0)

    previous = {region["code"]: region for region in before}
    lines = []
    for region in after:
        old = previous.pop(region["code"], None)
        old_members = set(old["members"]) if old else set()
        line = RegionLine(
            code=region["code"],
            name=region["name"],
            central=facts(region["central"]).name if region.get("central") else "",
            member_count=len(region["members"]),
            population=sum(facts(code).population for code in region["members"]),
            status="added" if old is None else "unchanged",
            added=sorted(facts(c).name for c in region["members"] if old is not None and c not in old_members),
            removed=sorted(facts(c).name for c in old_members - set(region["members"])),
        )
        if old is not None:
            line.old_name = old["name"] if old["name"] != region["name"] else ""
            if line.old_name or line.added or line.removed or old.get("central", "") != region.get("central", ""):
                line.status = "changed"
        lines.append(line)
    for old in previous.values():
        lines.append(
            RegionLine(
                code=old["code"],
                name=old["name"],
                central="",
                member_count=len(old["members"]),
                population=sum(facts(code).population for code in old["members"]),
                status="removed",
            )
        )
    return sorted(lines, key=lambda line: line.code)


def _protected_references(codes: list[str], kind: str) -> dict[str, Counter]:
    """Region code → what still points at it and blocks deleting it (e.g. coordinators' role grants)."""
    found: dict[str, Counter] = defaultdict(Counter)
    if not codes:
        return found
    # include_hidden: role grants and invitations point here with related_name="+".
    for relation in Region._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
            continue
        if relation.on_delete not in (models.PROTECT, models.RESTRICT):
            continue
        lookup = {f"{relation.field.name}__kind": kind, f"{relation.field.name}__code__in": codes}
        label = str(relation.related_model._meta.verbose_name_plural)
        for code in relation.related_model._default_manager.filter(**lookup).values_list(
            f"{relation.field.name}__code", flat=True
        ):
            found[code][label] += 1
    return found


def _name_list(names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_IN_MESSAGE])
    rest = len(names) - NAMES_IN_MESSAGE
    if rest > 0:
        shown += " " + ngettext("and %(count)s more", "and %(count)s more", rest) % {"count": rest}
    return shown


def incomplete_coverage_message(kind: str, coverage: Coverage) -> str:
    return ngettext(
        "%(kind)s cannot be the reporting unit yet: %(count)s municipality is in no region (%(names)s). "
        "Coordinators and figures would miss it. Import a complete division first.",
        "%(kind)s cannot be the reporting unit yet: %(count)s municipalities are in no region (%(names)s). "
        "Coordinators and figures would miss them. Import a complete division first.",
        len(coverage.uncovered),
    ) % {
        "kind": RegionKind(kind).label,
        "count": len(coverage.uncovered),
        "names": _name_list([name for _code, name in coverage.uncovered]),
    }


@dataclass
class ImportPreview:
    region_import: RegionImport
    coverage: Coverage
    lines: list[RegionLine]
    blockers: list[str]
    is_reporting_unit: bool
    previously_applied: RegionImport | None

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(line.status for line in self.lines)
        return {status: counted.get(status, 0) for status in ("added", "changed", "removed", "unchanged")}

    @property
    def has_changes(self) -> bool:
        return any(line.status != "unchanged" for line in self.lines)


def import_preview(region_import: RegionImport) -> ImportPreview:
    """What applying the import would do to today's data, and what stops it (checked again on apply)."""
    year = current_division_year()
    municipalities = municipalities_of_year(year)
    rows = region_import.rows
    blockers = []
    if region_import.year != year:
        blockers.append(
            _("This file was checked against the municipal division of %(old)s; the platform now uses %(year)s.")
            % {"old": region_import.year, "year": year}
        )
    stale = sorted({code for row in rows for code in row["members"] if code not in municipalities})
    if stale:
        blockers.append(
            _("These municipality codes no longer exist: %(codes)s. Upload a corrected file.")
            % {"codes": ", ".join(stale)}
        )
    lines = division_changes(division_snapshot(region_import.kind), rows, municipalities)
    removed = [line for line in lines if line.status == "removed"]
    references = _protected_references([line.code for line in removed], region_import.kind)
    for line in removed:
        if references.get(line.code):
            held = ", ".join(f"{label}: {count}" for label, count in sorted(references[line.code].items()))
            blockers.append(
                _(
                    "%(name)s (%(code)s) is not in the file but cannot be removed, because it is still in use "
                    "(%(held)s). Keep the region in the file, or move those to another region first."
                )
                % {"name": line.name, "code": line.code, "held": held}
            )
    coverage = division_coverage(rows, municipalities)
    is_reporting_unit = reporting_region_kind() == region_import.kind
    if is_reporting_unit and not coverage.is_complete:
        blockers.append(
            ngettext(
                "This division is the reporting unit, so it must stay complete, but %(count)s municipality "
                "would be in no region. Complete the file, or choose another reporting unit first.",
                "This division is the reporting unit, so it must stay complete, but %(count)s municipalities "
                "would be in no region. Complete the file, or choose another reporting unit first.",
                len(coverage.uncovered),
            )
            % {"count": len(coverage.uncovered)}
        )
    previously_applied = (
        RegionImport.objects.filter(
            kind=region_import.kind, status=RegionImportStatus.APPLIED, checksum=region_import.checksum
        )
        .exclude(pk=region_import.pk)
        .defer(*LARGE_FIELDS)
        .select_related("applied_by")
        .order_by("-applied_at")
        .first()
    )
    return ImportPreview(region_import, coverage, lines, blockers, is_reporting_unit, previously_applied)


def import_history_changes(region_import: RegionImport) -> list[RegionLine]:
    """For an applied import: the change from the stored snapshot to what was applied."""
    names = {
        code: MunicipalityFacts(name, population)
        for code, name, population in Municipality.objects.values_list("code", "name", "population")
    }
    return division_changes(region_import.previous_snapshot or [], region_import.rows, names)


@dataclass
class DivisionSummary:
    kind: str
    label: str
    region_count: int
    covered: int
    overlapping: int
    total: int
    is_reporting_unit: bool
    last_import: RegionImport | None

    @property
    def is_complete(self) -> bool:
        return self.region_count > 0 and self.covered == self.total


def division_overview(*, year: int, reporting_kind: str) -> list[DivisionSummary]:
    """Every division: regions, coverage of `year`'s municipalities, overlaps, the last applied import."""
    total = Municipality.objects.filter(year=year, is_active=True).count()
    region_counts = dict(Region.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    through = Region.municipalities.through.objects.filter(municipality__is_active=True, municipality__year=year)
    covered = dict(
        through.values("region__kind").annotate(n=Count("municipality", distinct=True)).values_list("region__kind", "n")
    )
    overlapping = Counter(
        kind
        for kind, _code in through.values("region__kind", "municipality")
        .annotate(n=Count("region"))
        .filter(n__gt=1)
        .values_list("region__kind", "municipality")
    )
    last_imports: dict[str, RegionImport] = {}
    for region_import in (
        RegionImport.objects.filter(status=RegionImportStatus.APPLIED)
        .defer(*LARGE_FIELDS)
        .select_related("applied_by")
        .order_by("-applied_at")[:LAST_IMPORT_SCAN]
    ):
        last_imports.setdefault(region_import.kind, region_import)
        if len(last_imports) == len(RegionKind):
            break
    return [
        DivisionSummary(
            kind=kind.value,
            label=kind.label,
            region_count=region_counts.get(kind.value, 0),
            covered=covered.get(kind.value, 0),
            overlapping=overlapping.get(kind.value, 0),
            total=total,
            is_reporting_unit=kind.value == reporting_kind,
            last_import=last_imports.get(kind.value),
        )
        for kind in RegionKind
    ]


def import_history(*, limit: int = HISTORY_LIMIT) -> list[RegionImport]:
    return list(
        RegionImport.objects.filter(status=RegionImportStatus.APPLIED)
        .defer(*LARGE_FIELDS)
        .select_related("applied_by")
        .order_by("-applied_at")[:limit]
    )


def pending_imports() -> list[RegionImport]:
    return list(
        RegionImport.objects.filter(status=RegionImportStatus.PENDING)
        .defer(*LARGE_FIELDS)
        .select_related("uploaded_by")[:HISTORY_LIMIT]
    )
