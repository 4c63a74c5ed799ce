"""The policy report as a PDF (WeasyPrint) and a spreadsheet (openpyxl), from selectors.PolicyReportData."""

from io import BytesIO

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .selectors import PolicyReportData

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FEWER_THAN = "<5"


def _refuse_fetch(url: str, *args, **kwargs):
    # The PDF template is self-contained (inline CSS, no images): nothing is fetched while printing.
    raise ValueError(f"The policy report PDF loads no resources ({url})")


def policy_report_pdf(data: PolicyReportData, *, request: HttpRequest | None = None) -> bytes:
    from weasyprint import HTML  # imported here: loading pango is slow, only this export needs it

    html = render_to_string(
        "insights/policy_report_pdf.html", {"data": data, "printed_at": timezone.now()}, request=request
    )
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def _shown(value: int | None):
    return FEWER_THAN if value is None else value


def _append(ws, row) -> None:
    """Append a row; text is always text. openpyxl stores a string that starts with "=" as a formula, and the
    reports are written by anonymous visitors: "=HYPERLINK(...)" must never run in the platform team's Excel."""
    ws.append(row)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def policy_report_xlsx(data: PolicyReportData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Summary")[:31]
    rows = [
        (_("Period"), f"{data.start:%d-%m-%Y} – {data.end:%d-%m-%Y}"),
        (_("Themes"), ", ".join(data.theme_labels) or _("all themes")),
        (_("Regions"), ", ".join(r.name for r in data.regions) or _("the whole country")),
        (_("Reports submitted"), data.submitted),
        (_("Reports accepted"), data.accepted),
        (_("Endorsements ('Dit herken ik')"), data.endorsements),
    ]
    for row in rows:
        _append(summary, row)
    summary.append(())
    summary.append((_("Theme"), _("Bottlenecks"), _("Good practices")))
    for row in data.counts:
        _append(summary, row)

    def sheet(title: str, header: tuple, body) -> None:
        ws = workbook.create_sheet(title[:31])
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in body:
            _append(ws, row)

    sheet(
        _("Trend"),
        (_("Month"), _("Bottlenecks"), _("Good practices")),
        ((f"{m:%Y-%m}", b, g) for m, b, g in data.trend),
    )
    report_header = (
        _("Report number"),
        _("Theme"),
        _("Target group"),
        _("Regions"),
        _("Endorsements"),
        _("Regions endorsing"),
        _("Description"),
        _("Effect"),
        _("Suggested action"),
        _("Link"),
    )

    def report_rows(reports):
        for r in reports:
            yield (
                r.pk,
                r.get_theme_display(),
                r.get_target_group_display(),
                ", ".join(x.name for x in r.regions.all()),
                r.endorsement_count,
                r.endorsement_region_count,
                r.description,
                r.effect,
                r.suggested_action,
                r.link,
            )

    sheet(_("Top bottlenecks"), report_header, report_rows(data.top_bottlenecks))
    sheet(_("Good practices"), report_header, report_rows(data.good_practices))
    sheet(
        _("Quotes"),
        (_("Report number"), _("Kind"), _("Quote")),
        ((r.pk, r.get_kind_display(), q) for r, q in data.quotes),
    )
    sheet(
        _("Matching signals"),
        (_("Region"), _("Requests expired without a match"), _("Theme of declines"), _("Declines")),
        (
            (s.region, _shown(s.unmatched_shown), theme, _shown(count))
            for s in data.signals
            for theme, count in (s.decline_rows or [("", 0)])
        ),
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
