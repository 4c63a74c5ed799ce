"""Key figure: the questionnaire response rate (answered invitations of the invitations sent)."""

from django.db.models import Count, Q

from drakentemmers.core.kpis import KpiMeasurement, KpiPeriod, KpiValue
from drakentemmers.regions.models import Region

from .models import SurveyInvitation


def _value(invited: int, responded: int) -> KpiValue:
    if not invited:
        return KpiValue(None, numerator=0, denominator=0)
    return KpiValue(round(100 * responded / invited, 1), numerator=responded, denominator=invited)


def response_rate(period: KpiPeriod) -> KpiMeasurement:
    """Invitations to questionnaires whose closing date falls in the period: how many were answered.

    Per region of the reporting division by the invitation's region (a region of another division counts
    nowhere regionally, only nationally). Two queries.
    """
    invitations = SurveyInvitation.objects.filter(
        questionnaire__closes_on__gte=period.start, questionnaire__closes_on__lt=period.end
    ).exclude(questionnaire__status="draft")
    answered = Count("pk", filter=Q(accepted_at__isnull=False))
    national = invitations.aggregate(invited=Count("pk"), responded=answered)
    codes = dict(Region.objects.filter(kind=period.region_kind).values_list("pk", "code"))
    by_region = {}
    for row in (
        invitations.filter(region__in=list(codes)).values("region_id").annotate(invited=Count("pk"), responded=answered)
    ):
        by_region[codes[row["region_id"]]] = _value(row["invited"], row["responded"])
    return KpiMeasurement(national=_value(national["invited"], national["responded"]), by_region=by_region)
