"""The directory's key figures for the dashboard (registered in DirectoryConfig.ready, read via core.kpis).

Members are a stock: a figure for a period is the state at its end. A therapist counts in every region and
municipality they work in (their work locations), once nationally; an organisation where it is based.
Each measure costs three queries whatever the number of members (rows are grouped in Python, which SQLite
and PostgreSQL do alike).
"""

from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.kpis import (
    Kpi,
    KpiGroup,
    KpiMeasurement,
    KpiPeriod,
    KpiValue,
    counts_by_area,
    coverage_min_members,
    kpi_memo,
    kpi_register,
    period_moments,
)
from drakentemmers.regions.models import Region
from drakentemmers.regions.selectors import municipality_areas

from .models import (
    Accepting,
    Organisation,
    RegistrationKind,
    VerificationStatus,
    WorkLocation,
    availability_fresh_since,
)


def period_end(period: KpiPeriod) -> datetime:
    return period_moments(period)[1]


def _verified_by(end: datetime, prefix: str = "") -> Q:
    # A verification without a date (older data) counts as having always been there.
    return Q(**{f"{prefix}status": VerificationStatus.VERIFIED}) & (
        Q(**{f"{prefix}verified_at__lt": end}) | Q(**{f"{prefix}verified_at__isnull": True})
    )


def _therapists(period: KpiPeriod, extra: Q | None = None) -> KpiMeasurement:
    rows = WorkLocation.objects.filter(_verified_by(period_end(period), "therapist__"), extra or Q()).values_list(
        "therapist_id", "municipality_id"
    )
    region_of, code_of = municipality_areas(period.region_kind)
    national, regions, municipalities = counts_by_area(rows, region_of=region_of, municipality_code_of=code_of)
    return _measurement(national, regions, municipalities)


def _measurement(national: int, regions: dict[str, int], municipalities: dict[str, int]) -> KpiMeasurement:
    return KpiMeasurement(
        national=KpiValue(national),
        by_region={code: KpiValue(n) for code, n in regions.items()},
        by_municipality={code: KpiValue(n) for code, n in municipalities.items()},
    )


def verified_therapists(period: KpiPeriod) -> KpiMeasurement:
    return kpi_memo(("directory.verified_therapists", period), lambda: _therapists(period))


TRAINEE_Q = Q(therapist__registration_kind=RegistrationKind.TRAINEE) | Q(therapist__profession__is_trainee=True)


def verified_trainees(period: KpiPeriod) -> KpiMeasurement:
    return _therapists(period, TRAINEE_Q)


def fresh_availability(period: KpiPeriod) -> KpiMeasurement:
    """Verified therapists taking new clients who confirmed that within the freshness window before the end.

    For the month still running the end is now: judged at its future end, a confirmation of last month
    would already count as stale, and the live figure (and the coverage map) would show almost nobody.
    """
    end = min(period_end(period), timezone.now())
    return _therapists(
        period,
        Q(
            therapist__accepting__in=(Accepting.YES, Accepting.LIMITED),
            therapist__availability_confirmed_at__gte=availability_fresh_since(end),
            therapist__availability_confirmed_at__lt=end,
        ),
    )


def verified_organisations(period: KpiPeriod) -> KpiMeasurement:
    rows = Organisation.objects.filter(_verified_by(period_end(period))).values_list("id", "municipality_id")
    region_of, code_of = municipality_areas(period.region_kind)
    return _measurement(*counts_by_area(rows, region_of=region_of, municipality_code_of=code_of))


def regions_covered(period: KpiPeriod) -> KpiMeasurement:
    """Regions of the division with at least N verified therapists (N: the platform team's setting).

    Nationally: covered regions of all regions ("21 of 25"); per region: 1 of 1 (covered) or 0 of 1.
    """
    minimum = coverage_min_members()
    members = verified_therapists(period).by_region
    codes = list(Region.objects.filter(kind=period.region_kind).values_list("code", flat=True))
    counts = {code: int(members[code].value) if code in members else 0 for code in codes}
    covered = sum(1 for n in counts.values() if n >= minimum)
    return KpiMeasurement(
        national=KpiValue(covered, numerator=covered, denominator=len(codes)),
        by_region={
            code: KpiValue(1 if n >= minimum else 0, numerator=1 if n >= minimum else 0, denominator=1)
            for code, n in counts.items()
        },
    )


def register() -> None:
    for order, (key, label, counts, measure) in enumerate(
        (
            (
                "directory.verified_therapists",
                _("Verified therapists"),
                _("Therapist profiles verified by the platform team at the end of the period, trainees included."),
                "verified_therapists",
            ),
            (
                "directory.verified_trainees",
                _("Verified trainees"),
                _("Verified therapists registered as trainee under supervision, or with a trainee profession."),
                "verified_trainees",
            ),
            (
                "directory.regions_covered",
                _("Regions with enough members"),
                _("Regions of the reporting division with at least the set number of verified therapists."),
                "regions_covered",
            ),
            (
                "directory.verified_organisations",
                _("Verified organisations"),
                _("Organisations verified by the platform team at the end of the period, by where they are based."),
                "verified_organisations",
            ),
            (
                "directory.fresh_availability",
                _("Therapists with fresh availability"),
                _("Verified therapists taking new clients who confirmed their availability in the last 4 weeks."),
                "fresh_availability",
            ),
        )
    ):
        kpi_register(
            Kpi(
                key=key,
                label=label,
                counts=counts,
                group=KpiGroup.MEMBERS,
                measure=f"drakentemmers.directory.kpis.{measure}",
                cumulative=True,
                order=order * 10,
            )
        )
