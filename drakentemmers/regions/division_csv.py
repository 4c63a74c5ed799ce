"""Reading and checking a region-division CSV uploaded by the platform team. Pure: no database access.

One file holds one division (one region kind) for one year: a line per region with its code, name and
member municipalities (CBS codes, e.g. `GM0363;GM0437`), optionally its central municipality. Every problem
is reported with the line it is on, so the platform team can fix the file in one go.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import RegionKind

MAX_UPLOAD_BYTES = 1_000_000  # a full division of 342 municipalities is about 10 kB
MAX_REGIONS = 500
MAX_CODE_LENGTH = 16  # Region.code
MAX_NAME_LENGTH = 100  # Region.name
DELIMITERS = (",", ";", "\t")
# Column names as the platform team may write them, Dutch or English; matched case-insensitively.
COLUMN_ALIASES = {
    "kind": {"kind", "soort", "type", "indeling"},
    "code": {"code", "regiocode", "region_code"},
    "name": {"name", "naam", "regionaam", "region_name"},
    "members": {"members", "municipalities", "gemeenten", "gemeentecodes", "leden"},
    "year": {"year", "jaar"},
    "central": {"central", "central_municipality", "centrumgemeente", "centrumgemeente_code"},
}
REQUIRED_COLUMNS = ("kind", "code", "name", "members", "year")
# Member codes may be separated by semicolons, commas, bars or spaces (a semicolon inside a
# comma-separated file, or a comma inside a semicolon-separated one, needs no quotes).
MEMBER_SEPARATORS = re.compile(r"[;,|\s]+")
MUNICIPALITY_CODE = re.compile(r"^(?:GM)?(\d{1,4})$")
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .ods files are zip archives


@dataclass(frozen=True)
class LineError:
    line: int | None  # None: about the file as a whole
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class ParsedDivision:
    rows: list[dict] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    kind: str = ""
    year: int | None = None

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


@dataclass(frozen=True)
class Successor:
    code: str
    name: str
    successor_code: str
    successor_name: str


def _file_error(message: str) -> ParsedDivision:
    return ParsedDivision(errors=[LineError(None, message)])


def _line_error(line: int, message: str) -> LineError:
    return LineError(line, _("Line %(line)s: %(problem)s") % {"line": line, "problem": message})


def normalise_municipality_code(value: str) -> str:
    """ "GM0363", "gm0363", "0363" and "363" all mean GM0363; anything else is returned as typed (upper case)."""
    value = value.strip().upper()
    match = MUNICIPALITY_CODE.match(value)
    return f"GM{int(match.group(1)):04d}" if match else value


def _decode(data: bytes) -> tuple[str | None, str]:
    if data.startswith(ZIP_MAGIC) or b"\x00" in data[:4096]:
        return None, _(
            "This is not a CSV text file (it looks like a spreadsheet file). "
            "In Excel choose “Save as” and then “CSV UTF-8 (comma delimited)”."
        )
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, _(
            "The file is not UTF-8 encoded (first unreadable character on line %(line)s). "
            "In Excel choose “Save as” and then “CSV UTF-8 (comma delimited)”."
        ) % {"line": line}


def _columns(header: list[str]) -> dict[str, int]:
    found = {}
    for index, raw in enumerate(header):
        name = raw.strip().lower()
        for column, aliases in COLUMN_ALIASES.items():
            if name in aliases and column not in found:
                found[column] = index
    return found


def _records(text: str, delimiter: str) -> list[tuple[int, list[str]]] | LineError:
    """(first line number, fields) per record; a quoted field may span lines, so count with the reader."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records, previous = [], 0
    try:
        for record in reader:
            records.append((previous + 1, record))
            previous = reader.line_num
    except csv.Error as error:
        return _line_error(previous + 1, _("the line cannot be read as CSV (%(error)s).") % {"error": error})
    return records


def _read_table(text: str) -> tuple[list[tuple[int, list[str]]], dict[str, int]] | LineError:
    """Pick the delimiter under which the first line has every required column."""
    first_line = text.splitlines()[0] if text.strip() else ""
    for delimiter in DELIMITERS:
        header = next(csv.reader([first_line], delimiter=delimiter), [])
        columns = _columns(header)
        if all(column in columns for column in REQUIRED_COLUMNS):
            records = _records(text, delimiter)
            return records if isinstance(records, LineError) else (records, columns)
    return _line_error(
        1,
        _(
            "the first line must name the columns kind, code, name, members and year "
            "(or soort, code, naam, gemeenten and jaar), separated by commas or semicolons. "
            "Found: “%(header)s”."
        )
        % {"header": first_line[:120]},
    )


def parse_division_csv(
    data: bytes,
    *,
    municipalities: dict[str, str],
    year: int,
    successors: dict[str, Successor] | None = None,
) -> ParsedDivision:
    """Parse and check an uploaded division against the municipalities (CBS code → name) of `year`.

    Returns every problem found, each with its line number, or the rows ready to be stored.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        return _file_error(
            _("The file is too large (%(size)s kB); at most %(limit)s kB is accepted.")
            % {"size": -(-len(data) // 1000), "limit": MAX_UPLOAD_BYTES // 1000}
        )
    text, problem = _decode(data)
    if text is None:
        return _file_error(problem)
    if not text.strip():
        return _file_error(_("The file is empty."))
    table = _read_table(text)
    if isinstance(table, LineError):
        return ParsedDivision(errors=[table])
    records, columns = table
    result = ParsedDivision()
    seen_codes: dict[str, int] = {}
    count = 0
    for line, record in records[1:]:
        if not any(value.strip() for value in record):
            continue  # blank lines (often at the end of a spreadsheet export) are not regions
        count += 1
        if count > MAX_REGIONS:
            result.errors.append(
                LineError(None, _("The file has more than %(limit)s regions.") % {"limit": MAX_REGIONS})
            )
            break
        row, errors = _parse_line(
            line, record, columns, municipalities=municipalities, year=year, successors=successors or {}
        )
        errors += _check_consistency(line, row, result, seen_codes)
        if errors:
            result.errors.extend(errors)
        else:
            result.rows.append(row)
    if not result.errors and not result.rows:
        result.errors.append(LineError(None, _("The file has a header line but no regions.")))
    return result


def _check_consistency(line: int, row: dict, result: ParsedDivision, seen_codes: dict[str, int]) -> list[LineError]:
    """One kind per file, and every region code once."""
    errors = []
    if row.get("kind"):
        if not result.kind:
            result.kind, result.year = row["kind"], row.get("year")
        elif row["kind"] != result.kind:
            errors.append(
                _line_error(
                    line,
                    _("kind “%(kind)s” differs from “%(first)s” on the first region line; a file holds one division.")
                    % {"kind": row["kind"], "first": result.kind},
                )
            )
    code = row.get("code")
    if code:
        if code in seen_codes:
            errors.append(
                _line_error(
                    line,
                    _("region code %(code)s also appears on line %(other)s.")
                    % {"code": code, "other": seen_codes[code]},
                )
            )
        else:
            seen_codes[code] = line
    return errors


def _cell(record: list[str], columns: dict[str, int], column: str) -> str:
    index = columns.get(column)
    return record[index].strip() if index is not None and index < len(record) else ""


def _parse_line(
    line: int,
    record: list[str],
    columns: dict[str, int],
    *,
    municipalities: dict[str, str],
    year: int,
    successors: dict[str, Successor],
) -> tuple[dict, list[LineError]]:
    errors: list[LineError] = []
    expected = max(columns.values()) + 1
    if len(record) < expected:
        errors.append(
            _line_error(
                line,
                _(
                    "%(found)s fields where %(expected)s were expected. Check the delimiter; put a name that "
                    "contains a comma or semicolon between double quotes."
                )
                % {"found": len(record), "expected": expected},
            )
        )
        return {}, errors
    row: dict = {"line": line}
    kind = _cell(record, columns, "kind").lower()
    if kind in RegionKind.values:
        row["kind"] = kind
    else:
        errors.append(
            _line_error(
                line,
                _("unknown kind “%(kind)s”. Use one of: %(choices)s.")
                % {"kind": kind, "choices": ", ".join(f"{k.value} ({k.label})" for k in RegionKind)},
            )
        )
    row["code"] = _cell(record, columns, "code").upper()
    if not row["code"]:
        errors.append(_line_error(line, _("the region code is empty.")))
    elif len(row["code"]) > MAX_CODE_LENGTH:
        errors.append(
            _line_error(line, _("the region code is longer than %(limit)s characters.") % {"limit": MAX_CODE_LENGTH})
        )
    row["name"] = " ".join(_cell(record, columns, "name").split())
    if not row["name"]:
        errors.append(_line_error(line, _("the name is empty.")))
    elif len(row["name"]) > MAX_NAME_LENGTH:
        errors.append(
            _line_error(line, _("the name is longer than %(limit)s characters.") % {"limit": MAX_NAME_LENGTH})
        )
    errors += _parse_year(line, _cell(record, columns, "year"), year, row)
    errors += _parse_members(line, record, columns, municipalities, successors, row)
    return row, errors


def _parse_year(line: int, value: str, year: int, row: dict) -> list[LineError]:
    if not value.isdigit():
        return [_line_error(line, _("the year “%(value)s” is not a year.") % {"value": value})]
    if int(value) != year:
        return [
            _line_error(
                line,
                _(
                    "year %(value)s does not match the municipal division of %(year)s that the platform uses. "
                    "Use the municipality codes of %(year)s and write %(year)s as the year."
                )
                % {"value": value, "year": year},
            )
        ]
    row["year"] = year
    return []


def _unknown_municipality(line: int, code: str, successors: dict[str, Successor]) -> LineError:
    successor = successors.get(code)
    if successor:
        return _line_error(
            line,
            _(
                "municipality %(code)s (%(name)s) no longer exists: it merged into %(new_name)s "
                "(%(new_code)s). Use %(new_code)s."
            )
            % {
                "code": code,
                "name": successor.name,
                "new_name": successor.successor_name,
                "new_code": successor.successor_code,
            },
        )
    return _line_error(line, _("unknown municipality code “%(code)s”.") % {"code": code})


def _parse_members(
    line: int,
    record: list[str],
    columns: dict[str, int],
    municipalities: dict[str, str],
    successors: dict[str, Successor],
    row: dict,
) -> list[LineError]:
    errors = []
    members: list[str] = []
    for raw in MEMBER_SEPARATORS.split(_cell(record, columns, "members")):
        if not raw:
            continue
        code = normalise_municipality_code(raw)
        if code not in municipalities:
            errors.append(_unknown_municipality(line, code, successors))
        elif code in members:
            errors.append(
                _line_error(
                    line,
                    _("municipality %(code)s (%(name)s) is listed twice.")
                    % {"code": code, "name": municipalities[code]},
                )
            )
        else:
            members.append(code)
    if not members and not errors:
        errors.append(_line_error(line, _("no member municipalities are given.")))
    row["members"] = members
    central = _cell(record, columns, "central")
    row["central"] = ""
    if central:
        code = normalise_municipality_code(central)
        if code not in municipalities:
            errors.append(_unknown_municipality(line, code, successors))
        elif code not in members:
            errors.append(
                _line_error(
                    line,
                    _("the central municipality %(code)s (%(name)s) is not one of the region's municipalities.")
                    % {"code": code, "name": municipalities[code]},
                )
            )
        else:
            row["central"] = code
    return errors
