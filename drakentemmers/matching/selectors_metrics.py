"""Matching figures for the platform team and regional coordinators: aggregates only, never a request's content.

A fixed number of queries whatever the number of requests: one for the requests (with their first answer
as a subquery), one for the region of each municipality, one for declines and unanswered candidacies.
Medians are taken in Python over those rows because SQLite and PostgreSQL have no common median.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from drakentemmers.accounts.models import Role, RoleGrant
from drakentemmers.accounts.permissions import has_required_mfa
from drakentemmers.directory.models import OrganisationKind
from drakentemmers.regions.models import Region
from drakentemmers.regions.selectors import reporting_region_kind

from .models import Candidacy, CandidacyStatus, CareRequest, DeclineReason, RequestKind, RequestStatus

MATCH_TARGET_DAYS = 14
# Counts of client requests below this are shown as "fewer than 5": a handful of requests in one region
# or type of organisation could point to a person. Structural cooperation concerns no client.
SMALL_NUMBER_THRESHOLD = 5
PERIODS = {"90": 90, "365": 365, "all": None}
PERIOD_CHOICES = [("90", _("last 90 days")), ("365", _("last 12 months")), ("all", _("all time"))]
DEFAULT_PERIOD = "365"
NO_REGION = _("Outside a known region / online")


@dataclass(frozen=True)
class MetricsScope:
    """What a viewer may see: all regions (platform team) or the municipalities of their own regions."""

    regions: tuple[Region, ...] | None  # None: everything

    @property
    def is_national(self) -> bool:
        return self.regions is None


@dataclass
class Outcome:
    label: str
    published: int = 0
    matched: int = 0
    matched_in_time: int = 0
    decided: int = 0  # published at least MATCH_TARGET_DAYS ago, or already matched in time
    first_response_days: list[float] = field(default_factory=list)
    match_days: list[float] = field(default_factory=list)
    concerns_clients: bool = False

    @property
    def suppressed(self) -> bool:
        """Too few client requests to show without pointing to someone (0 is safe to show)."""
        return self.concerns_clients and 0 < self.published < SMALL_NUMBER_THRESHOLD

    @property
    def answered(self) -> int:
        return len(self.first_response_days)

    @property
    def matched_in_time_share(self) -> float | None:
        return self.matched_in_time / self.decided if self.decided else None

    @property
    def matched_in_time_percent(self) -> int | None:
        share = self.matched_in_time_share
        return None if share is None else round(share * 100)

    @property
    def median_first_response_days(self) -> float | None:
        return statistics.median(self.first_response_days) if self.first_response_days else None

    @property
    def median_match_days(self) -> float | None:
        return statistics.median(self.match_days) if self.match_days else None


@dataclass
class KindMetrics:
    kind: str
    label: str
    total: Outcome
    by_region: list[Outcome]
    by_organisation_kind: list[Outcome]
    no_match_reasons: list[tuple[str, int]]

    @property
    def concerns_clients(self) -> bool:
        return self.kind == RequestKind.CLIENT

    @property
    def no_match_reasons_shown(self) -> list[tuple[str, int | None]]:
        """The reasons with small client counts replaced by None ("fewer than 5")."""
        return [
            (label, None if self.concerns_clients and count < SMALL_NUMBER_THRESHOLD else count)
            for label, count in self.no_match_reasons
        ]


def metrics_scope_for_user(user) -> MetricsScope:
    """Platform team: national figures. Coordinator: their own region(s). Anyone else: PermissionDenied."""
    if not user.is_authenticated or not has_required_mfa(user):
        raise PermissionDenied
    if user.is_platform_team:
        return MetricsScope(regions=None)
    if user.has_role(Role.COORDINATOR):
        grants = RoleGrant.objects.filter(user=user, role=Role.COORDINATOR, region__isnull=False)
        regions = tuple(grant.region for grant in grants.select_related("region").order_by("region__name"))
        if regions:
            return MetricsScope(regions=regions)
    raise PermissionDenied


def matching_metrics(*, scope: MetricsScope, since: datetime | None, now: datetime) -> list[KindMetrics]:
    """Figures per kind of request (client requests and structural cooperation apart), published since `since`."""
    requests = _published_requests(scope=scope, since=since)
    region_of, all_regions = _region_names(scope)
    rows = request_rows(requests)
    reasons = no_match_reasons(requests, rows)
    org_kind_labels = dict(OrganisationKind.choices)
    result = []
    for kind, label in RequestKind.choices:
        kind_rows = [row for row in rows if row["kind"] == kind]
        clients = kind == RequestKind.CLIENT
        total = Outcome(label=str(label), concerns_clients=clients)
        # Every region appears, with zeros where nothing was published: an empty region is a finding too.
        by_region: dict[str, Outcome] = {name: Outcome(label=name, concerns_clients=clients) for name in all_regions}
        by_org: dict[str, Outcome] = {}
        for row in kind_rows:
            region_label = region_of.get(row["place_municipality_id"], str(NO_REGION))
            org_label = str(org_kind_labels.get(row["org_kind"], row["org_kind"]))
            for outcome in (
                total,
                by_region.setdefault(region_label, Outcome(label=region_label, concerns_clients=clients)),
                by_org.setdefault(org_label, Outcome(label=org_label, concerns_clients=clients)),
            ):
                outcome_count(outcome, row, now=now)
        result.append(
            KindMetrics(
                kind=kind,
                label=str(label),
                total=total,
                by_region=sorted(by_region.values(), key=lambda o: (o.label == str(NO_REGION), o.label)),
                by_organisation_kind=sorted(by_org.values(), key=lambda o: o.label),
                no_match_reasons=reasons.get(kind, []),
            )
        )
    return result


def request_rows(requests) -> list[dict]:
    """One row per request with what the figures need: its place, first answer and match. 1 query."""
    return list(
        requests.annotate(
            place_municipality_id=Coalesce("municipality_id", "organisation__municipality_id"),
            first_response_at=Subquery(
                Candidacy.objects.filter(care_request=OuterRef("pk"), responded_at__isnull=False)
                .order_by()
                .values("care_request")
                .annotate(first=Min("responded_at"))
                .values("first")
            ),
        ).values(
            "kind",
            "status",
            "published_at",
            "matched_at",
            "first_response_at",
            "place_municipality_id",
            org_kind=F("organisation__kind"),
        )
    )


def _published_requests(*, scope: MetricsScope, since: datetime | None):
    requests = CareRequest.objects.filter(published_at__isnull=False)
    if since is not None:
        requests = requests.filter(published_at__gte=since)
    if scope.regions is not None:
        # The place of the request decides the region; online requests count where the organisation is.
        in_region = Region.municipalities.through.objects.filter(region__in=scope.regions).values("municipality_id")
        requests = requests.filter(
            Q(municipality__in=in_region) | Q(municipality__isnull=True, organisation__municipality__in=in_region)
        )
    return requests


def _region_names(scope: MetricsScope) -> tuple[dict[int, str], list[str]]:
    """Municipality id -> region name, and every region's name, for the coordinator's regions or the
    reporting unit the platform team chose (regions.selectors.reporting_region_kind)."""
    through = Region.municipalities.through.objects
    if scope.regions is not None:
        pairs = through.filter(region__in=scope.regions).values_list("municipality_id", "region__name", "region__kind")
    else:
        chosen = reporting_region_kind()
        pairs = through.filter(region__kind=chosen).values_list("municipality_id", "region__name", "region__kind")
    pairs = list(pairs)
    names: dict[int, str] = {}
    for municipality_id, name, _kind in sorted(pairs, key=lambda p: p[1]):
        names.setdefault(municipality_id, name)
    if scope.regions is not None:
        all_names = [region.name for region in scope.regions]
    else:
        all_names = list(Region.objects.filter(kind=chosen).order_by("name").values_list("name", flat=True))
    return names, all_names


def outcome_count(outcome: Outcome, row: dict, *, now: datetime) -> None:
    published = row["published_at"]
    outcome.published += 1
    if row["first_response_at"] is not None:
        outcome.first_response_days.append(_days(row["first_response_at"] - published))
    in_time = False
    if row["matched_at"] is not None:
        outcome.matched += 1
        outcome.match_days.append(_days(row["matched_at"] - published))
        in_time = row["matched_at"] - published <= timedelta(days=MATCH_TARGET_DAYS)
    outcome.matched_in_time += in_time
    # Too early to tell for a request published less than two weeks ago that has no match yet.
    outcome.decided += in_time or now - published >= timedelta(days=MATCH_TARGET_DAYS)


def _days(delta: timedelta) -> float:
    return max(0.0, delta.total_seconds() / 86400)


NOT_ANSWERED = "not_answered"
NO_REASON = "no_reason"


def refusal_label(key: str) -> str:
    return {NOT_ANSWERED: _("Invitation not answered"), NO_REASON: _("No reason given")}.get(
        key, dict(DeclineReason.choices).get(key, _("No reason given"))
    )


def refusal_rows(requests) -> Iterable[tuple[str, str, int | None]]:
    """(request kind, reason label, place municipality id) per decline or unanswered invitation. 1 query."""
    for kind, key, place in refusal_keyed_rows(requests):
        yield kind, refusal_label(key), place


def refusal_keyed_rows(requests) -> Iterable[tuple[str, str, int | None]]:
    """Like refusal_rows, with the reason's stable key (DeclineReason value, NOT_ANSWERED, NO_REASON). 1 query."""
    declines = (
        Candidacy.objects.filter(
            care_request__in=requests.values("pk"), status__in=(CandidacyStatus.DECLINED, CandidacyStatus.EXPIRED)
        )
        .annotate(place=Coalesce("care_request__municipality_id", "care_request__organisation__municipality_id"))
        .values_list("care_request__kind", "status", "decline_reason", "place")
        .order_by()
    )
    for kind, status, reason, place in declines:
        yield kind, NOT_ANSWERED if status == CandidacyStatus.EXPIRED else (reason or NO_REASON), place


def no_match_reasons(requests, rows: Iterable[dict]) -> dict[str, list[tuple[str, int]]]:
    """Per kind: declines by reason, candidacies left unanswered and requests that expired unmatched."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for kind, label, _municipality_id in refusal_rows(requests):
        counts[kind][str(label)] += 1
    for row in rows:
        if row["status"] == RequestStatus.EXPIRED:
            counts[row["kind"]][str(_("Request expired without a match"))] += 1
    return {kind: sorted(counter.items(), key=lambda item: (-item[1], item[0])) for kind, counter in counts.items()}


def period_since(period: str, *, now: datetime) -> tuple[str, datetime | None]:
    """The chosen period (falling back to the default for anything unknown) and its start."""
    if period not in PERIODS:
        period = DEFAULT_PERIOD
    days = PERIODS[period]
    return period, (None if days is None else now - timedelta(days=days))


CSV_COLUMNS = (
    "kind",
    "breakdown",
    "label",
    "published",
    "matched",
    "matched_within_2_weeks",
    "judged_after_2_weeks",
    "matched_within_2_weeks_percent",
    "requests_with_an_answer",
    "median_hours_to_first_answer",
    "median_hours_to_match",
)


def metrics_csv_rows(kinds: list[KindMetrics]) -> Iterable[tuple]:
    """The figures as CSV rows (header first), with the same small-number suppression as the page."""
    yield CSV_COLUMNS
    for kind in kinds:
        sections = [
            ("total", [kind.total]),
            ("region", kind.by_region),
            ("organisation_type", kind.by_organisation_kind),
        ]
        for breakdown, outcomes in sections:
            for outcome in outcomes:
                yield (kind.kind, breakdown, outcome.label, *_csv_values(outcome))


def _csv_values(outcome: Outcome) -> tuple:
    if outcome.suppressed:
        return (f"<{SMALL_NUMBER_THRESHOLD}",) + ("",) * 7

    def hours(days: float | None) -> str:
        return "" if days is None else f"{days * 24:.1f}"

    percent = outcome.matched_in_time_percent
    return (
        outcome.published,
        outcome.matched,
        outcome.matched_in_time,
        outcome.decided,
        "" if percent is None else percent,
        outcome.answered,
        hours(outcome.median_first_response_days),
        hours(outcome.median_match_days),
    )
