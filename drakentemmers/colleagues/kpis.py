"""Key figures of the colleague network for the dashboard (core.kpis), in a fixed number of queries."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.kpis import Kpi, KpiGroup, KpiMeasurement, KpiPeriod, KpiValue

from .models import Consultation, IntervisionGroup, Meeting, MembershipStatus

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A group with fewer accepted members than this is someone's plan, not an intervision group yet.
ACTIVE_GROUP_MIN_MEMBERS = 3


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=AMSTERDAM)


def _by_region(rows) -> dict[str, KpiValue]:
    return {code: KpiValue(count) for code, count in rows if code}


def active_groups(period: KpiPeriod) -> KpiMeasurement:
    """Groups active at the period's end with at least ACTIVE_GROUP_MIN_MEMBERS accepted members (2 queries)."""
    groups = (
        IntervisionGroup.objects.filter(is_active=True, created_at__lt=_moment(period.end))
        .annotate(members=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACCEPTED)))
        .filter(members__gte=ACTIVE_GROUP_MIN_MEMBERS)
    )
    regional = (
        groups.filter(region__kind=period.region_kind).values("region__code").annotate(n=Count("pk", distinct=True))
    )
    return KpiMeasurement(
        national=KpiValue(groups.count()), by_region=_by_region((row["region__code"], row["n"]) for row in regional)
    )


def meetings_held(period: KpiPeriod) -> KpiMeasurement:
    """Intervision meetings that took place in the period (2 queries)."""
    meetings = Meeting.objects.filter(starts_at__gte=_moment(period.start), starts_at__lt=_moment(period.end))
    regional = (
        meetings.filter(group__region__kind=period.region_kind)
        .values_list("group__region__code")
        .annotate(n=Count("pk"))
    )
    return KpiMeasurement(national=KpiValue(meetings.count()), by_region=_by_region(regional))


def consultations_answered(period: KpiPeriod) -> KpiMeasurement:
    """Case consultations whose poster accepted an answer in the period (national only: a question has no region)."""
    answered = Consultation.objects.filter(
        answered_at__gte=_moment(period.start), answered_at__lt=_moment(period.end)
    ).count()
    return KpiMeasurement(national=KpiValue(answered))


KPIS = (
    Kpi(
        key="colleagues.active_intervision_groups",
        label=_("Active intervision groups"),
        counts=_("Intervision groups with at least three members at the end of the period, by the group's region."),
        group=KpiGroup.LEARNING,
        measure="drakentemmers.colleagues.kpis.active_groups",
        cumulative=True,
        order=50,
    ),
    Kpi(
        key="colleagues.intervision_meetings",
        label=_("Intervision meetings held"),
        counts=_("Meetings of intervision groups that took place in the period."),
        group=KpiGroup.LEARNING,
        measure="drakentemmers.colleagues.kpis.meetings_held",
        order=51,
    ),
    Kpi(
        key="colleagues.consultations_answered",
        label=_("Case consultations answered"),
        counts=_("Case questions whose poster accepted an answer in the period."),
        group=KpiGroup.LEARNING,
        measure="drakentemmers.colleagues.kpis.consultations_answered",
        order=52,
    ),
)
