"""The dashboard as CSV and XLSX (the same cells, suppression and scope as the page) and the annual report PDF."""

import csv
import io
from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .models import NATIONAL
from .selectors import Dashboard


def export_rows(dashboard: Dashboard, *, areas: list[tuple[str, str]]) -> Iterable[list]:
    """Header, then one row per figure and area: the 12 months, the year and the target.

    Suppressed cells hold "<5"; cells without a figure are empty. Targets come from the dashboard's year.
    """
    from .selectors import targets_for

    targets = targets_for(dashboard.year)
    yield [
        _("key figure"),
        _("key"),
        _("area code"),
        _("area"),
        *[month.strftime("%Y-%m") for month in dashboard.months],
        _("year"),
        _("target"),
    ]
    for figure in dashboard.figures:
        for code, name in areas:
            cells = [figure.cell(i, code).export_value for i in range(12)]
            target = targets.get((figure.kpi.key, code))
            yield [
                str(figure.kpi.label),
                figure.kpi.key,
                code or "NL",
                name,
                *cells,
                figure.cell(None, code).export_value,
                None if target is None else float(target),
            ]


def export_areas(dashboard: Dashboard, *, national: bool) -> list[tuple[str, str]]:
    """National plus the regions the viewer may see (a coordinator: their own)."""
    areas = [(NATIONAL, _("Netherlands"))]
    regions = dashboard.regions if national and dashboard.region is None else [dashboard.region]
    return areas + [(region.code, region.name) for region in regions if region is not None]


def as_csv(rows: Iterable[list]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # byte-order mark: Excel then reads the file as UTF-8
    csv.writer(buffer).writerows(["" if cell is None else cell for cell in row] for row in rows)
    return buffer.getvalue()


def as_xlsx(rows: Iterable[list], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for index, row in enumerate(rows):
        sheet.append(row)
        if index == 0:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "E2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The annual report loads no resources ({url})")


def annual_report_pdf(dashboard: Dashboard, *, request, printed_at) -> bytes:
    from weasyprint import HTML  # imported here: loading pango is slow, only this export needs it

    html = render_to_string(
        "dashboard/annual_report_pdf.html", {"dashboard": dashboard, "printed_at": printed_at}, request=request
    )
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
