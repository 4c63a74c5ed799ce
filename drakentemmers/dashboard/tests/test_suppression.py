"""One suppression decision: no small client cell can be worked out from shown cells and a shown total."""

import csv
import io
import re
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.kpis import SMALL_NUMBER_THRESHOLD
from drakentemmers.dashboard.models import AreaLevel, KpiSnapshot, Span
from drakentemmers.dashboard.suppression import Relation, hidden_cells, protected, table_relations
from drakentemmers.regions.models import Region, RegionKind

T = SMALL_NUMBER_THRESHOLD


def derivable(relation: Relation, counts, hidden, unseen=frozenset()) -> bool:
    """Independently of `protected`: can a viewer learn a hidden cell, or that hidden parts hold under T?

    unseen: cells shown elsewhere that this viewer does not see (unknown to them, but not secret).
    """
    members = [relation.total, *relation.parts]
    unknown = [m for m in members if m in hidden or m in unseen]
    if not any(m in hidden for m in unknown):
        return False
    if len(unknown) == 1:
        return True  # the one unknown is the total minus (or plus) the shown ones
    if relation.total in unknown:
        return False
    left = counts[relation.total] - sum(counts[p] for p in relation.parts if p not in unknown)
    return 0 < left < T  # the hidden (and unseen) parts together: fewer than T


def grid(rows: list[list[int]]):
    """Cells (r, c) with a total column "T" and a total row "N", as the dashboard's regions x months."""
    counts = {}
    for r, values in enumerate(rows):
        for c, n in enumerate(values):
            counts[(r, c)] = n
        counts[(r, "T")] = sum(values)
    columns = range(len(rows[0]))
    for c in [*columns, "T"]:
        counts[("N", c)] = sum(counts[(r, c)] for r in range(len(rows)))
    return counts, table_relations(range(len(rows)), columns, row_total="T", column_total="N")


def test_primary_hides_one_to_four_and_shows_zero():
    counts, relations = grid([[0, 7, 8], [9, 10, 11]])
    assert hidden_cells(counts, relations) == set()
    counts, relations = grid([[0, 3, 8], [9, 10, 11]])
    hidden = hidden_cells(counts, relations)
    assert (0, 1) in hidden and (0, 0) not in hidden


def test_a_month_is_not_the_year_minus_the_other_months():
    # One region: 2, 6, 0 -> year 8. The 6 goes too, else 8 - 6 = 2.
    counts = {"m1": 2, "m2": 6, "m3": 0, "y": 8}
    assert hidden_cells(counts, [Relation("y", ("m1", "m2", "m3"))]) == {"m1", "m2"}


def test_hidden_parts_of_a_shown_total_hold_at_least_five():
    # 1 and 2 hidden: 3 left unexplained would say "these two are small"; the 6 goes as well.
    counts = {"a": 1, "b": 2, "c": 6, "d": 9, "t": 18}
    assert hidden_cells(counts, [Relation("t", ("a", "b", "c", "d"))]) == {"a", "b", "c"}


def test_a_region_is_not_the_national_figure_minus_the_other_regions():
    # March: VT-a 2, VT-b 7, VT-c 9 -> national 18. Year: the same (one month).
    counts, relations = grid([[2], [7], [9]])
    hidden = hidden_cells(counts, relations)
    assert (1, 0) in hidden  # the smallest shown region in the column
    assert not any(derivable(r, counts, hidden) for r in relations)


def test_a_hidden_total_protects_the_relation_and_kept_cells_stay():
    counts = {"a": 3, "b": 6, "t": 9}
    assert hidden_cells(counts, [Relation("t", ("a", "b"))], hidden={"t"}) == {"a", "t"}
    assert hidden_cells(counts, [Relation("t", ("a", "b"))], keep={"b"}) == {"a", "t"}


def test_cells_without_a_figure_are_not_cells():
    counts = {"a": 3, "b": None, "c": 6, "t": 9}
    assert hidden_cells(counts, [Relation("t", ("a", "b", "c"))]) == {"a", "c"}


tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda width: st.lists(
        st.lists(st.one_of(st.just(0), st.integers(1, 4), st.integers(0, 30)), min_size=width, max_size=width),
        min_size=1,
        max_size=5,
    )
)


@hypothesis_settings(max_examples=400, deadline=None)
@given(tables)
def test_no_hidden_cell_can_be_worked_out_along_a_row_or_column(rows):
    counts, relations = grid(rows)
    hidden = hidden_cells(counts, relations)
    # Every small cell is hidden; zero and cells of T or more only as complements.
    assert {k for k, n in counts.items() if 0 < n < T} <= hidden
    for relation in relations:
        assert protected(relation, counts, hidden)
        assert not derivable(relation, counts, hidden), (relation, hidden)
    # A viewer who sees only part of the table (a region page, a coordinator's export) is no better off:
    # dropping cells from view only adds unknowns.
    for relation in relations:
        assert not derivable(relation, counts, hidden, unseen={relation.parts[0]})
        assert not derivable(relation, counts, hidden, unseen={relation.total})


# ---- the concrete attacks on the page, the exports and the PDF ----------------------------------------

KEY = "matching.care_requests"


def _regions():
    return list(Region.objects.filter(kind=RegionKind.VEILIG_THUIS).order_by("code")[:3])


@pytest.fixture
def last_year(db):
    """Care requests of last year from snapshots: March and April, in three regions.

    VT-a: March 2, April 6 (year 8); VT-b: March 5 (year 5); VT-c: March 3 (year 3). National: 10, 6, 16.
    """
    year = timezone.localdate().year - 1
    a, b, c = _regions()
    months = {3: {a.code: 2, b.code: 5, c.code: 3}, 4: {a.code: 6}}
    now = timezone.now()
    rows = []
    for month, by_region in months.items():
        first = date(year, month, 1)
        common = {"kpi_key": KEY, "month": first, "span": Span.MONTH, "region_kind": RegionKind.VEILIG_THUIS}
        rows.append(KpiSnapshot(level=AreaLevel.NATIONAL, value=sum(by_region.values()), taken_at=now, **common))
        for code, n in by_region.items():
            rows.append(KpiSnapshot(level=AreaLevel.REGION, area_code=code, value=n, taken_at=now, **common))
    KpiSnapshot.objects.bulk_create(rows)
    return {"year": year, "regions": (a, b, c)}


def _number(text: str) -> float | None:
    text = re.sub(r"<[^>]+>", "", text).strip()
    return float(text) if re.fullmatch(r"\d+(\.0)?", text) else None


def _leaks(total: str, parts: list[str]) -> bool:
    """The attack: a shown total minus the shown parts leaves 1 to 4, or exactly one part is not a number."""
    total_n = _number(total)
    if total_n is None:
        return False
    shown = [_number(p) for p in parts]
    unknown = [p for p, n in zip(parts, shown, strict=True) if n is None and p.strip()]
    left = total_n - sum(n for n in shown if n is not None)
    return len(unknown) == 1 or (bool(unknown) and 0 < left < T)


@pytest.fixture
def team_client(client_for):
    def make(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


@pytest.mark.django_db
def test_the_region_page_does_not_give_a_month_away_as_the_year_minus_the_others(last_year, team_client):
    a, _b, _c = last_year["regions"]
    client = team_client(make_user(Role.VERIFIER, mfa=True))
    html = client.get(reverse("dashboard:index"), {"year": last_year["year"], "region": a.code}).content.decode()
    row = re.search(r'<th scope="row"><span title="[^"]*">Care requests</span></th>(.*?)</tr>', html, re.DOTALL)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.DOTALL)
    year, months = cells[0], cells[-12:]
    assert _number(year) == 8
    assert "fewer than 5" in months[2] and "not shown" in months[3]  # March 2; April 6 would give it away
    assert not _leaks(year, months)


@pytest.mark.django_db
def test_the_national_page_does_not_give_a_region_away_as_the_nation_minus_the_others(last_year, team_client):
    c = last_year["regions"][2]
    client = team_client(make_user(Role.VERIFIER, mfa=True))
    html = client.get(reverse("dashboard:index"), {"year": last_year["year"]}).content.decode()
    row = re.search(r'<th scope="row"><span title="[^"]*">Care requests</span></th>(.*?)</tr>', html, re.DOTALL)
    national_year = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.DOTALL)[0]
    assert _number(national_year) == 16
    header = re.search(
        r'<table class="dt-table dt-table--figures">\s*<caption id="areas-caption">.*?</thead>', html, re.S
    )
    column = re.findall(r'<th scope="col">(.*?)</th>', header.group(0)).index("Care requests") - 1
    region_years = {}
    for region in Region.objects.filter(kind=RegionKind.VEILIG_THUIS):
        tr = re.search(rf'id="area-{region.code}">.*?</tr>', html, re.DOTALL).group(0)
        region_years[region.code] = re.findall(r"<td>(.*?)</td>", tr)[column]
    assert region_years[c.code] == "fewer than 5"  # 16 - the others would give the 3 without a second hidden one
    region_years = list(region_years.values())
    assert not _leaks(national_year, region_years)


def _plain(value) -> str:
    """An export cell as text: numbers without ".0" (the snapshots hold floats)."""
    if value is None:
        return ""
    if isinstance(value, int | float) or re.fullmatch(r"\d+\.0", str(value)):
        return str(int(float(value)))
    return str(value)


def _table(rows: list[list], month_offset: int = 4):
    """From export rows of the care requests: {area code: (months, year)}."""
    return {
        row[2]: ([_plain(v) for v in row[month_offset : month_offset + 12]], _plain(row[month_offset + 12]))
        for row in rows
        if row[1] == KEY
    }


def _assert_no_differencing(table):
    national_months, national_year = table["NL"]
    regions = [code for code in table if code != "NL"]
    for months, year in table.values():
        assert not _leaks(year, months), (months, year)  # the year minus the shown months
    for index in range(12):
        assert not _leaks(national_months[index], [table[r][0][index] for r in regions]), index
    assert not _leaks(national_year, [table[r][1] for r in regions])


@pytest.mark.django_db
def test_the_csv_and_xlsx_give_no_small_cell_away(last_year, team_client):
    from openpyxl import load_workbook

    a, _b, c = last_year["regions"]
    client = team_client(make_user(Role.VERIFIER, mfa=True))
    response = client.get(reverse("dashboard:export_csv"), {"year": last_year["year"]})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    table = _table(rows)
    assert table[a.code][0][2] == "<5" and table[a.code][0][3] == "x"  # March 2, and April's 6 with it
    assert table["NL"][1] == "16" and table[c.code][1] == "<5"
    _assert_no_differencing(table)
    # Without the complementary cells the attack works: the test would catch a regression.
    naked = {
        code: ([m.replace("x", "6") if code == a.code and i == 3 else m for i, m in enumerate(months)], year)
        for code, (months, year) in table.items()
    }
    assert _leaks(naked[a.code][1], naked[a.code][0])
    response = client.get(reverse("dashboard:export_xlsx"), {"year": last_year["year"]})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()][1:]
    xlsx = _table(
        [["" if v is None else (str(int(v)) if isinstance(v, float | int) else v) for v in r] for r in values]
    )
    assert xlsx == table
    _assert_no_differencing(xlsx)


@pytest.mark.django_db
def test_the_annual_report_gives_no_month_away(last_year, team_client):
    from pypdf import PdfReader

    a, _b, _c = last_year["regions"]
    client = team_client(make_user(Role.VERIFIER, mfa=True))
    response = client.get(reverse("dashboard:annual_report"), {"year": last_year["year"], "region": a.code})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    line = next(line for line in text.splitlines() if line.startswith("Care requests"))
    tokens = line.removeprefix("Care requests").split()
    # The region's months (March "<5", April "x"), its year 8 and the national 16: no 6 to subtract.
    assert tokens[:3] == ["<5", "x", "8"], line
    assert "6" not in tokens


def _figure(key: str, jan: dict, feb: dict, year: dict):
    from drakentemmers.core.kpis import KpiMeasurement, KpiValue, kpi_get
    from drakentemmers.dashboard.selectors import FigureYear

    def measurement(by_region):
        regions = {code: KpiValue(n) for code, n in by_region.items()}
        return KpiMeasurement(national=KpiValue(sum(by_region.values())), by_region=regions, by_municipality={})

    months = [measurement(jan), measurement(feb), *[None] * 10]
    return FigureYear(kpi=kpi_get(key), months=months, year=measurement(year))


def test_the_dashboard_table_hides_by_rows_and_columns_and_a_stock_by_columns_only():
    from drakentemmers.dashboard.selectors import NATIONAL as NL

    # A flow: the year is January plus February, so VT01's February goes with its small January.
    flow = _figure("matching.care_requests", {"VT01": 2, "VT02": 6}, {"VT01": 7, "VT02": 6}, {"VT01": 9, "VT02": 12})
    hidden = flow.hidden()
    assert {("VT01", 0), ("VT02", 0), ("VT01", 1)} <= hidden  # column January, row VT01
    assert flow.cell(1, "VT01").export_value == "x" and flow.cell(0, "VT01").export_value == "<5"
    assert flow.cell(None, NL).export_value == 21  # the national year stays
    # A stock: the year is February's state, not a sum; only the regions-to-national columns hold.
    stock = _figure(
        "matching.unmatched_requests", {"VT01": 2, "VT02": 6}, {"VT01": 7, "VT02": 6}, {"VT01": 7, "VT02": 6}
    )
    assert stock.hidden() == {("VT01", 0), ("VT02", 0)}
    # Not about clients: nothing hidden at all.
    therapists = _figure("directory.verified_therapists", {"VT01": 2, "VT02": 6}, {}, {"VT01": 2, "VT02": 6})
    assert therapists.hidden() == set() and therapists.cell(0, "VT01").export_value == 2
