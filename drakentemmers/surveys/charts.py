"""Server-rendered SVG bar charts (horizontal bars, labelled); the page shows the numbers in a table beside.

Each label sits on its own line above its bar, so a long option ("Noord- en Oost-Gelderland",
"5 – helemaal eens") is readable in full and the chart needs no wide label column: drawn 360 units wide
and never scaled up (surveys.css), its 15-unit text stays about 12 px on a 320 px screen.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 360
BAR_AREA = 310  # room for the count after the longest bar
LABEL_LINE = 18
BAR_HEIGHT = 20
GAP = 12
ROW = LABEL_LINE + BAR_HEIGHT + GAP
LABEL_MAX_CHARS = 44


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX_CHARS else label[: LABEL_MAX_CHARS - 1] + "…"


def bar_chart_svg(*, bars: list[tuple[str, int]], title: str, chart_id: str) -> SafeString:
    """An accessible SVG: role="img", a <title>, each bar with its label and count as text."""
    top = max([count for _label, count in bars] + [1])
    height = len(bars) * ROW
    rows = []
    for index, (label, count) in enumerate(bars):
        y = index * ROW
        width = round(BAR_AREA * count / top)
        bar_y = y + LABEL_LINE
        rows.append(
            (y + 14, _short(label), bar_y, max(width, 1), BAR_HEIGHT, width + 6, bar_y + BAR_HEIGHT * 0.75, count)
        )
    body = format_html_join(
        "",
        '<text x="0" y="{}" class="dt-chart__label">{}</text>'
        '<rect x="0" y="{}" width="{}" height="{}" class="dt-chart__bar"></rect>'
        '<text x="{}" y="{}" class="dt-chart__value">{}</text>',
        rows,
    )
    return format_html(
        '<svg class="dt-chart" viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        title,
        body,
    )
