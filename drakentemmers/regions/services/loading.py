"""Loading the open regional data files into the database (idempotent).

A division the platform team has imported (an applied RegionImport of that kind) is theirs: loading leaves
it alone, so running `load_regions` again never undoes their work.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from drakentemmers.core import public_cache

from ..models import Municipality, PostcodeArea, Province, Region, RegionImport, RegionImportStatus, RegionKind

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_YEAR = 2025
CENTRAL_MUNICIPALITIES_FILE = "centrumgemeenten_vrouwenopvang_2022.csv"
# The source's spelling where it differs from CBS's official municipality name.
SOURCE_NAME_ALIASES = {"Den Haag": "'s-Gravenhage", "’s-Hertogenbosch": "'s-Hertogenbosch"}


@dataclass
class LoadReport:
    provinces: int = 0
    municipalities: int = 0
    postcode_areas: int = 0
    regions: dict | None = None
    missing_files: list | None = None
    maintained: list | None = None  # kinds left alone because the platform team imported them


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _upsert(model, rows: list, unique_field: str, update_fields: list[str]) -> None:
    model.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=[unique_field], update_fields=update_fields, batch_size=500
    )


def _load_region_kind(
    *, kind: str, year: int, members: dict[str, set[str]], names: dict[str, str], centrals: dict[str, str] | None = None
) -> int:
    municipality_ids = dict(Municipality.objects.values_list("code", "id"))
    for code, name in names.items():
        central_id = municipality_ids.get((centrals or {}).get(code, ""))
        region, _created = Region.objects.update_or_create(
            kind=kind, code=code, defaults={"name": name, "year": year, "central_municipality_id": central_id}
        )
        region.municipalities.set([municipality_ids[gm] for gm in members[code]])
    Region.objects.filter(kind=kind).exclude(code__in=names).delete()
    return len(names)


@transaction.atomic
def regions_load(*, year: int = DEFAULT_YEAR, data_dir: Path = DATA_DIR) -> LoadReport:
    """Create or update provinces, municipalities, postcode areas and regions from the data files.

    Running it twice changes nothing. Municipalities that are no longer in the year's file are marked
    inactive rather than deleted, because profiles and requests may still point at them.
    """
    report = LoadReport(regions={}, missing_files=[], maintained=[])
    municipalities = _read_csv(data_dir / f"gemeenten_{year}.csv")

    provinces = {row["provincie_code"]: row["provincie_naam"] for row in municipalities}
    _upsert(Province, [Province(code=c, name=n) for c, n in provinces.items()], "code", ["name"])
    province_ids = dict(Province.objects.values_list("code", "id"))
    report.provinces = len(provinces)

    _upsert(
        Municipality,
        [
            Municipality(
                code=row["gemeente_code"],
                name=row["gemeente_naam"],
                province_id=province_ids[row["provincie_code"]],
                latitude=float(row["lat_pop_weighted"] or row["lat"]),
                longitude=float(row["lon_pop_weighted"] or row["lon"]),
                population=int(row["inwoners_2021_pc4_sum"] or 0),
                year=year,
                is_active=True,
            )
            for row in municipalities
        ],
        "code",
        ["name", "province_id", "latitude", "longitude", "population", "year", "is_active"],
    )
    current_codes = {row["gemeente_code"] for row in municipalities}
    Municipality.objects.exclude(code__in=current_codes).update(is_active=False)
    report.municipalities = len(current_codes)
    municipality_ids = dict(Municipality.objects.values_list("code", "id"))

    postcodes = _read_csv(data_dir / "pc4_centroids.csv")
    _upsert(
        PostcodeArea,
        [
            PostcodeArea(
                code=row["pc4"].zfill(4),
                municipality_id=municipality_ids[row["gemeente_code"]],
                place_name=row["plaats"] or row["gemeente_naam"],
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
                population=int(float(row["inwoners_2021"] or 0)),
            )
            for row in postcodes
        ],
        "code",
        ["municipality_id", "place_name", "latitude", "longitude", "population"],
    )
    report.postcode_areas = len(postcodes)

    _load_cbs_regions(year=year, data_dir=data_dir, report=report)
    _load_shelter_regions(year=year, data_dir=data_dir, report=report)
    public_cache.bump_version()  # bulk writes send no signals
    return report


def _maintained_kinds() -> set[str]:
    return set(RegionImport.objects.filter(status=RegionImportStatus.APPLIED).values_list("kind", flat=True))


def _load_cbs_regions(*, year: int, data_dir: Path, report: LoadReport) -> None:
    rows = _read_csv(data_dir / f"gemeente_regios_{year}.csv")
    maintained = _maintained_kinds()
    for kind, prefix in (
        (RegionKind.VEILIG_THUIS, "veiligthuisregio"),
        (RegionKind.GGD, "ggdregio"),
        (RegionKind.YOUTH_CARE, "jeugdregio"),
    ):
        if kind in maintained:
            report.maintained.append(kind)
            continue
        members: dict[str, set[str]] = defaultdict(set)
        names: dict[str, str] = {}
        for row in rows:
            members[row[f"{prefix}_code"]].add(row["gemeente_code"])
            names[row[f"{prefix}_code"]] = row[f"{prefix}_naam"]
        report.regions[kind] = _load_region_kind(kind=kind, year=year, members=members, names=names)


def _load_shelter_regions(*, year: int, data_dir: Path, report: LoadReport) -> None:
    """Central-municipality regions for women's shelter (35) and the GHNT regions (28) built from them."""
    if RegionKind.WOMENS_SHELTER in _maintained_kinds():
        report.maintained.append(RegionKind.WOMENS_SHELTER)
        return
    vo_path = data_dir / f"vrouwenopvangregios_{year}.csv"
    if not vo_path.exists():
        # No sourced member lists: start the division with its central municipalities. GHNT regions are
        # built from full women's-shelter regions, so they wait for the member lists too.
        report.regions[RegionKind.WOMENS_SHELTER] = _seed_central_municipalities(year=year, data_dir=data_dir)
        report.missing_files.append(f"ghnt_regios_{year}.csv")
        return
    members: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    centrals: dict[str, str] = {}
    for row in _read_csv(vo_path):
        members[row["region_code"]].add(row["gemeente_code"])
        names[row["region_code"]] = row["region_name"]
        centrals[row["region_code"]] = row["centrumgemeente_code"]
    report.regions[RegionKind.WOMENS_SHELTER] = _load_region_kind(
        kind=RegionKind.WOMENS_SHELTER, year=year, members=members, names=names, centrals=centrals
    )

    if RegionKind.GHNT in _maintained_kinds():
        report.maintained.append(RegionKind.GHNT)
        return
    ghnt_path = data_dir / f"ghnt_regios_{year}.csv"
    if not ghnt_path.exists():
        report.missing_files.append(ghnt_path.name)
        return
    ghnt_members: dict[str, set[str]] = defaultdict(set)
    ghnt_names: dict[str, str] = {}
    for row in _read_csv(ghnt_path):
        ghnt_members[row["region_code"]] |= members[row["vo_region_code"]]
        ghnt_names[row["region_code"]] = row["region_name"]
    report.regions[RegionKind.GHNT] = _load_region_kind(
        kind=RegionKind.GHNT, year=year, members=ghnt_members, names=ghnt_names
    )


def _name_key(name: str) -> str:
    return name.replace("’", "'").strip().lower()


def _seed_central_municipalities(*, year: int, data_dir: Path) -> int:
    """The 35 women's-shelter regions, each with only its central municipality as member (no sourced member
    lists exist here; the platform team imports them). Codes VO01..VO35 follow the source's order.

    Idempotent and additive: an existing region keeps its name and any members added since; only a missing
    central municipality is filled in. A source name that matches no municipality of `year` stops the load
    (a merger must be resolved in the data, not skipped).
    """
    by_name = {_name_key(m.name): m for m in Municipality.objects.filter(year=year, is_active=True)}
    names = [row["centrumgemeente"] for row in _read_csv(data_dir / CENTRAL_MUNICIPALITIES_FILE)]
    for number, source_name in enumerate(names, start=1):
        municipality = by_name.get(_name_key(SOURCE_NAME_ALIASES.get(source_name, source_name)))
        if municipality is None:
            raise ValueError(f"Central municipality {source_name!r} is not a municipality of {year}.")
        region, created = Region.objects.get_or_create(
            kind=RegionKind.WOMENS_SHELTER,
            code=f"VO{number:02d}",
            defaults={"name": f"Vrouwenopvangregio {source_name}", "year": year, "central_municipality": municipality},
        )
        if not created and region.central_municipality_id is None:
            region.central_municipality = municipality
            region.save(update_fields=["central_municipality"])
        region.municipalities.add(region.central_municipality_id)
    return len(names)
