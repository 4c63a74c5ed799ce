"""The policy report's trend chart: one labelled stacked column per month, heights in proportion."""

import re
from datetime import date

from django.utils import translation

from drakentemmers.insights.charts import PLOT_HEIGHT, trend_chart_svg


def test_the_trend_chart_labels_every_month_and_scales_the_columns():
    trend = [(date(2025, 12, 1), 2, 1), (date(2026, 1, 1), 0, 0), (date(2026, 2, 1), 4, 2)]
    with translation.override("nl"):
        svg = str(trend_chart_svg(trend))
    assert svg.startswith('<svg class="dt-trend"') and 'role="img"' in svg
    assert '<title id="trend-title">Trend: geaccepteerde meldingen per maand van indienen' in svg
    assert "Knelpunten" in svg and "Good practices" in svg  # the legend
    labels = re.findall(r'font-size="10">([^<]+)</text>', svg)
    assert labels[:2] == ["0", "6"]  # the axis: zero and the highest month total
    assert [label for label in labels[2:] if not label.isdigit()] == ["dec", "jan", "feb"]
    assert [label for label in labels[2:] if label.isdigit()] == ["2025", "2026"]  # the year at its first month
    heights = [float(h) for h in re.findall(r'height="([\d.]+)" fill', svg)][2:]  # after the legend's two
    expected = [PLOT_HEIGHT * n / 6 for n in (2, 1, 0, 0, 4, 2)]  # (bottlenecks, good) per month; the fullest fills
    assert all(abs(a - b) < 0.1 for a, b in zip(heights, expected, strict=True)), heights
    assert re.findall(r'font-size="11">(\d+)</text>', svg) == ["3", "6"]  # the totals above the columns


def test_an_empty_period_draws_an_axis_and_no_columns():
    svg = str(trend_chart_svg([]))
    assert svg.count("<rect") == 2  # the legend only
    assert 'viewBox="0 0 270 ' in svg  # still wide enough for the legend
