"""Check the women's-shelter and GHNT region files in drakentemmers/regions/data/ against the 2025 municipalities.

Usage: python3 scripts/check_region_files.py

Checks, for each file that exists:
- vrouwenopvangregios_2025.csv: exact header; every GM code of the 2025 list occurs
  exactly once; no unknown GM codes; region codes VO01..VO35 (35 regions); one
  centrumgemeente per region, which is itself a member of that region.
- ghnt_regios_2025.csv: exact header; every VO region occurs exactly once; GH codes
  GH01..GH28 (28 regions).
A file that does not exist is reported as MISSING (exit code 1), never as valid.
"""

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "drakentemmers" / "regions" / "data"
GEMEENTEN = HERE / "gemeenten_2025.csv"
VO_FILE = HERE / "vrouwenopvangregios_2025.csv"
GH_FILE = HERE / "ghnt_regios_2025.csv"
VO_HEADER = ["region_code", "region_name", "centrumgemeente_code", "gemeente_code", "gemeente_naam"]
GH_HEADER = ["region_code", "region_name", "vo_region_code"]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


def main():
    errors = []
    _, gemeenten = read(GEMEENTEN)
    known = {g["gemeente_code"] for g in gemeenten}
    print(f"{len(known)} municipalities in {GEMEENTEN}")

    vo_codes = set()
    if not VO_FILE.exists():
        errors.append(f"MISSING {VO_FILE.name}")
    else:
        header, rows = read(VO_FILE)
        if header != VO_HEADER:
            errors.append(f"{VO_FILE.name}: header {header} != {VO_HEADER}")
        seen = {}
        for r in rows:
            seen[r["gemeente_code"]] = seen.get(r["gemeente_code"], 0) + 1
        errors += [f"{VO_FILE.name}: {c} occurs {n} times" for c, n in seen.items() if n != 1]
        errors += [f"{VO_FILE.name}: unknown code {c}" for c in seen if c not in known]
        errors += [f"{VO_FILE.name}: {c} missing" for c in sorted(known - set(seen))]
        vo_codes = {r["region_code"] for r in rows}
        expected = {f"VO{i:02d}" for i in range(1, 36)}
        if vo_codes != expected:
            errors.append(f"{VO_FILE.name}: region codes differ from VO01..VO35: {sorted(vo_codes ^ expected)}")
        for code in sorted(vo_codes):
            members = [r for r in rows if r["region_code"] == code]
            centra = {r["centrumgemeente_code"] for r in members}
            names = {r["region_name"] for r in members}
            if len(centra) != 1 or len(names) != 1:
                errors.append(f"{VO_FILE.name}: {code} has {len(centra)} centrumgemeenten / {len(names)} names")
            elif next(iter(centra)) not in {r["gemeente_code"] for r in members}:
                errors.append(f"{VO_FILE.name}: {code} centrumgemeente is not a member of its own region")
        print(f"{VO_FILE.name}: {len(rows)} rows, {len(vo_codes)} regions")

    if not GH_FILE.exists():
        errors.append(f"MISSING {GH_FILE.name}")
    else:
        header, rows = read(GH_FILE)
        if header != GH_HEADER:
            errors.append(f"{GH_FILE.name}: header {header} != {GH_HEADER}")
        vo_seen = [r["vo_region_code"] for r in rows]
        if sorted(vo_seen) != sorted(set(vo_seen)) or (vo_codes and set(vo_seen) != vo_codes):
            errors.append(f"{GH_FILE.name}: VO regions not each mapped exactly once")
        gh = {r["region_code"] for r in rows}
        if gh != {f"GH{i:02d}" for i in range(1, 29)}:
            errors.append(f"{GH_FILE.name}: region codes differ from GH01..GH28")
        print(f"{GH_FILE.name}: {len(rows)} rows, {len(gh)} regions")

    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
