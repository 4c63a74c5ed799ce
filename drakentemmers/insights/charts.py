"""The policy report's trend as a server-rendered SVG: a stacked column per month, labelled, with a legend.

The same SVG goes into the PDF (WeasyPrint draws it) and the HTML preview; the table under it gives the
numbers, so the chart is an image with a text alternative, not the only place the figures are.
"""

from datetime import date

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

BOTTLENECK_COLOUR = "#5b2a86"
GOOD_PRACTICE_COLOUR = "#1f7a4a"
COLUMN = 40
BAR = 26
LEFT = 30
TOP = 30
PLOT_HEIGHT = 110
BOTTOM = 34
LEGEND_WIDTH = 270
YEAR_LABEL = '<text x="{}" y="{}" text-anchor="middle" font-size="10">{}</text>'


def trend_chart_svg(trend: list[tuple[date, int, int]]) -> SafeString:
    """`trend`: (first day of the month, bottlenecks, good practices) per month, oldest first."""
    top = max([1, *(b + g for _month, b, g in trend)])
    width = max(LEFT + COLUMN * len(trend) + 8, LEGEND_WIDTH)  # room for the legend, however short the period
    height = TOP + PLOT_HEIGHT + BOTTOM
    base = TOP + PLOT_HEIGHT
    columns = []
    for index, (month, bottlenecks, good) in enumerate(trend):
        x = LEFT + index * COLUMN + (COLUMN - BAR) / 2
        h_bottleneck = round(PLOT_HEIGHT * bottlenecks / top, 1)
        h_good = round(PLOT_HEIGHT * good / top, 1)
        total = bottlenecks + good
        label_year = index == 0 or month.month == 1
        columns.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="10">{}</text>'
                "{}",
                x,
                base - h_bottleneck,
                BAR,
                h_bottleneck,
                BOTTLENECK_COLOUR,
                x,
                base - h_bottleneck - h_good,
                BAR,
                h_good,
                GOOD_PRACTICE_COLOUR,
                x + BAR / 2,
                base - h_bottleneck - h_good - 4,
                total if total else "",
                x + BAR / 2,
                base + 14,
                date_format(month, "N").rstrip("."),
                format_html(YEAR_LABEL, x + BAR / 2, base + 27, month.year) if label_year else "",
            )
        )
    legend = format_html(
        '<rect x="{}" y="6" width="10" height="10" fill="{}"></rect><text x="{}" y="15" font-size="11">{}</text>'
        '<rect x="{}" y="6" width="10" height="10" fill="{}"></rect><text x="{}" y="15" font-size="11">{}</text>',
        LEFT,
        BOTTLENECK_COLOUR,
        LEFT + 14,
        _("Bottlenecks"),
        LEFT + 110,
        GOOD_PRACTICE_COLOUR,
        LEFT + 124,
        _("Good practices"),
    )
    axis = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#444" stroke-width="1"></line>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#bbb" stroke-width="1" stroke-dasharray="3 3"></line>'
        '<text x="{}" y="{}" text-anchor="end" font-size="10">0</text>'
        '<text x="{}" y="{}" text-anchor="end" font-size="10">{}</text>',
        LEFT - 2,
        base,
        width - 4,
        base,
        LEFT - 2,
        TOP,
        width - 4,
        TOP,
        LEFT - 6,
        base + 4,
        LEFT - 6,
        TOP + 4,
        top,
    )
    title = _("Trend: accepted reports per month of submission") + " (" + _("the table below gives the numbers") + ")"
    return format_html(
        '<svg class="dt-trend" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-labelledby="trend-title" '
        'xmlns="http://www.w3.org/2000/svg" font-family="Noto Sans, DejaVu Sans, sans-serif">'
        '<title id="trend-title">{}</title>{}{}{}</svg>',
        width,
        height,
        width,
        height,
        title,
        legend,
        axis,
        format_html_join("", "{}", ((column,) for column in columns)),
    )
