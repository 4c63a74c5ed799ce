from django import template

from ..charts import trend_chart_svg

register = template.Library()


@register.filter
def trend_chart(trend):
    """{{ data.trend|trend_chart }}: the policy report's trend as a labelled SVG (insights.charts)."""
    return trend_chart_svg(trend)
