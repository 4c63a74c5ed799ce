"""Matching's key figures for the dashboard (registered in MatchingConfig.ready, read via core.kpis).

Client requests only (structural cooperation concerns no client and is not a care request for treatment).
The figures of a period follow the requests *published* in it (a cohort): their answers and matches count
whenever they came, so "matched within 2 weeks" of March is about March's requests. "Matches" is the
exception: matches confirmed in the period. The arithmetic is the matching figures page's
(selectors_metrics.Outcome and outcome_count), so both pages always agree. A region is that of the
request's place, or of the organisation for online requests.

Every cell is about clients: the dashboard suppresses counts under core.kpis.SMALL_NUMBER_THRESHOLD.
"""

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.kpis import (
    Kpi,
    KpiGroup,
    KpiMeasurement,
    KpiPeriod,
    KpiUnit,
    KpiValue,
    kpi_memo,
    kpi_register,
    period_moments,
)
from drakentemmers.regions.selectors import municipality_areas

from .models import CareRequest, DeclineReason, RequestKind, RequestStatus
from .selectors_metrics import (
    NO_REASON,
    NOT_ANSWERED,
    Outcome,
    outcome_count,
    refusal_keyed_rows,
    request_rows,
)

CLIENT_REQUESTS = CareRequest.objects.filter(kind=RequestKind.CLIENT, published_at__isnull=False)


class _Areas:
    """Outcomes nationally, per region code and per municipality code."""

    def __init__(self) -> None:
        self.national = Outcome(label="", concerns_clients=True)
        self.regions: dict[str, Outcome] = {}
        self.municipalities: dict[str, Outcome] = {}

    def cells(self, municipality_id, region_of, code_of) -> list[Outcome]:
        cells = [self.national]
        for code, table in (
            (region_of.get(municipality_id), self.regions),
            (code_of.get(municipality_id), self.municipalities),
        ):
            if code is not None:
                cells.append(table.setdefault(code, Outcome(label=code, concerns_clients=True)))
        return cells

    def measurement(self, value) -> KpiMeasurement:
        return KpiMeasurement(
            national=value(self.national),
            by_region={code: value(o) for code, o in self.regions.items()},
            by_municipality={code: value(o) for code, o in self.municipalities.items()},
        )


def _window(period: KpiPeriod, field: str) -> Q:
    start, end = period_moments(period)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _outcomes(period: KpiPeriod, field: str) -> _Areas:
    def compute() -> _Areas:
        region_of, code_of = municipality_areas(period.region_kind)
        now = timezone.now()
        areas = _Areas()
        for row in request_rows(CLIENT_REQUESTS.filter(_window(period, field))):
            for outcome in areas.cells(row["place_municipality_id"], region_of, code_of):
                outcome_count(outcome, row, now=now)
        return areas

    return kpi_memo(("matching.outcomes", period, field), compute)


def care_requests(period: KpiPeriod) -> KpiMeasurement:
    return _outcomes(period, "published_at").measurement(lambda o: KpiValue(o.published))


def matches(period: KpiPeriod) -> KpiMeasurement:
    return _outcomes(period, "matched_at").measurement(lambda o: KpiValue(o.matched))


def median_days_to_first_response(period: KpiPeriod) -> KpiMeasurement:
    return _outcomes(period, "published_at").measurement(
        lambda o: KpiValue(o.median_first_response_days, denominator=o.answered)
    )


def median_days_to_match(period: KpiPeriod) -> KpiMeasurement:
    return _outcomes(period, "published_at").measurement(lambda o: KpiValue(o.median_match_days, denominator=o.matched))


def matched_within_two_weeks(period: KpiPeriod) -> KpiMeasurement:
    def share(o: Outcome) -> KpiValue:
        percent = None if o.matched_in_time_share is None else round(o.matched_in_time_share * 100, 1)
        return KpiValue(percent, numerator=o.matched_in_time, denominator=o.decided)

    return _outcomes(period, "published_at").measurement(share)


def unmatched_requests(period: KpiPeriod) -> KpiMeasurement:
    """Client requests open without a match at the end of the period (published, not matched, not finished)."""
    end = period_moments(period)[1]
    requests = CLIENT_REQUESTS.filter(published_at__lt=end).filter(
        Q(matched_at__isnull=True) | Q(matched_at__gte=end), Q(closed_at__isnull=True) | Q(closed_at__gte=end)
    )
    region_of, code_of = municipality_areas(period.region_kind)
    areas = _Areas()
    # Counted per place in SQL (one row per municipality): the stock can be tens of thousands of requests.
    per_place = (
        requests.exclude(status=RequestStatus.DRAFT)
        .annotate(place=Coalesce("municipality_id", "organisation__municipality_id"))
        .values("place")
        .annotate(n=Count("id"))
        .values_list("place", "n")
        .order_by()
    )
    for place, n in per_place:
        for outcome in areas.cells(place, region_of, code_of):
            outcome.published += n
    return areas.measurement(lambda o: KpiValue(o.published))


def _refusals(period: KpiPeriod) -> dict[str, _Areas]:
    def compute() -> dict[str, _Areas]:
        region_of, code_of = municipality_areas(period.region_kind)
        by_reason: dict[str, _Areas] = {}
        for _kind, key, place in refusal_keyed_rows(CLIENT_REQUESTS.filter(_window(period, "published_at"))):
            for outcome in by_reason.setdefault(key, _Areas()).cells(place, region_of, code_of):
                outcome.published += 1
        return by_reason

    return kpi_memo(("matching.refusals", period), compute)


def refusals_measure(reason: str):
    def measure(period: KpiPeriod) -> KpiMeasurement:
        areas = _refusals(period).get(reason, _Areas())
        return areas.measurement(lambda o: KpiValue(o.published))

    return measure


REFUSAL_REASONS = [*DeclineReason.values, NO_REASON, NOT_ANSWERED]
# Dotted paths for core.kpis: one module-level function per reason.
for _reason in REFUSAL_REASONS:
    globals()[f"refusals_{_reason}"] = refusals_measure(_reason)


def register() -> None:
    from .selectors_metrics import refusal_label

    figures = [
        ("care_requests", _("Care requests"), _("Client care requests published in the period."), KpiUnit.COUNT),
        ("matches", _("Matches"), _("Client care requests with a match confirmed in the period."), KpiUnit.COUNT),
        (
            "median_days_to_first_response",
            _("Median time to first answer"),
            _("Of the requests published in the period: from publication to the first answer of an invited therapist."),
            KpiUnit.DAYS,
        ),
        (
            "median_days_to_match",
            _("Median time to match"),
            _("Of the requests published in the period: from publication to the confirmed match."),
            KpiUnit.DAYS,
        ),
        (
            "matched_within_two_weeks",
            _("Matched within 2 weeks"),
            _(
                "Of the requests published in the period that were published at least 14 days ago or were "
                "matched sooner: the share matched within 14 days (numerator of denominator)."
            ),
            KpiUnit.PERCENT,
        ),
        (
            "unmatched_requests",
            _("Open requests without a match"),
            _("Client care requests open without a match at the end of the period."),
            KpiUnit.COUNT,
        ),
    ]
    for order, (name, label, counts, unit) in enumerate(figures):
        kpi_register(
            Kpi(
                key=f"matching.{name}",
                label=label,
                counts=counts,
                group=KpiGroup.MATCHING,
                measure=f"drakentemmers.matching.kpis.{name}",
                unit=unit,
                about_clients=True,
                cumulative=name == "unmatched_requests",
                order=order * 10,
            )
        )
    for order, reason in enumerate(REFUSAL_REASONS, start=len(figures)):
        kpi_register(
            Kpi(
                key=f"matching.refusals.{reason}",
                label=format_lazy("{}: {}", _("No match"), refusal_label(reason)),
                counts=_("Declines and unanswered invitations on requests published in the period, by reason."),
                group=KpiGroup.MATCHING,
                measure=f"drakentemmers.matching.kpis.refusals_{reason}",
                about_clients=True,
                order=order * 10,
            )
        )
