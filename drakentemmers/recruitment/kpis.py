"""Recruitment's key figure for the dashboard (registered in RecruitmentConfig.ready, read via core.kpis).

Colleague invitations sent in the period, by the region the inviter gave: each invitation counts in at most
one region, so the regions add up to the national figure (plus those without a region). The counting is
recruitment_monthly_figures', the recruitment page's own.
"""

from django.utils.translation import gettext_lazy as _

from drakentemmers.core.kpis import Kpi, KpiGroup, KpiMeasurement, KpiPeriod, KpiValue, kpi_register, period_moments
from drakentemmers.regions.models import Region

from .selectors import recruitment_monthly_figures


def colleague_invitations(period: KpiPeriod) -> KpiMeasurement:
    since, until = period_moments(period)
    codes = dict(Region.objects.filter(kind=period.region_kind).values_list("pk", "code"))
    national, by_region = 0, {}
    # Without `regions`: the reporting unit's regions, and every invitation (those without one in a None cell).
    for cell in recruitment_monthly_figures(since=since, until=until):
        national += cell.invited
        if cell.region_id in codes:
            code = codes[cell.region_id]
            by_region[code] = by_region.get(code, 0) + cell.invited
    return KpiMeasurement(national=KpiValue(national), by_region={c: KpiValue(n) for c, n in by_region.items()})


def register() -> None:
    kpi_register(
        Kpi(
            key="recruitment.colleague_invitations",
            label=_("Colleague invitations sent"),
            counts=_("Invitations therapists sent colleagues to join, in the period, by the region they gave."),
            group=KpiGroup.MEMBERS,
            measure="drakentemmers.recruitment.kpis.colleague_invitations",
            order=100,
        )
    )
