"""Reads: the member list, endorsement figures, matching signals beside a report, and the policy report data."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone

from drakentemmers.accounts.models import Role, RoleGrant
from drakentemmers.core.kpis import SMALL_NUMBER_THRESHOLD
from drakentemmers.directory.models import OrganisationMembership, VerificationStatus, WorkLocation
from drakentemmers.matching.models import Candidacy, CandidacyStatus, CareRequest, DeclineReason, RequestStatus
from drakentemmers.regions.models import Region
from drakentemmers.regions.selectors import reporting_region_kind

from .models import Comment, Endorsement, Report, ReportKind, ReportStatus, Theme

TOP_BOTTLENECKS = 10
QUOTE_LENGTH = 280
# Which theme a matching signal speaks to: no place is availability, and so on.
DECLINE_REASON_THEMES = {
    DeclineReason.NO_PLACE: Theme.AVAILABILITY,
    DeclineReason.OUTSIDE_EXPERTISE: Theme.AVAILABILITY,
    DeclineReason.FUNDING: Theme.FUNDING,
    DeclineReason.TRAVEL: Theme.ACCESSIBILITY,
    DeclineReason.OTHER: Theme.OTHER,
}
UNMATCHED_THEMES = (Theme.AVAILABILITY, Theme.WAITING_TIMES, Theme.NEED)
MATCHING_SIGNAL_DAYS = 365


def member_region(user) -> Region | None:
    """The reporting-unit region a member works in: a therapist's first work location, a staff member's
    verified organisation, or the region a coordinator coordinates. None when it cannot be told."""
    if not user.is_authenticated:
        return None
    kind = reporting_region_kind()
    municipality_id = None
    if user.has_role(Role.THERAPIST):
        municipality_id = (
            WorkLocation.objects.filter(therapist__user=user)
            .order_by("pk")
            .values_list("municipality_id", flat=True)
            .first()
        )
    if municipality_id is None and user.has_role(Role.ORG_STAFF):
        municipality_id = (
            OrganisationMembership.objects.filter(user=user, organisation__status=VerificationStatus.VERIFIED)
            .order_by("pk")
            .values_list("organisation__municipality_id", flat=True)
            .first()
        )
    if municipality_id is not None:
        return Region.objects.filter(kind=kind, municipalities=municipality_id).order_by("name").first()
    if user.has_role(Role.COORDINATOR):
        grant = (
            RoleGrant.objects.filter(user=user, role=Role.COORDINATOR, region__isnull=False)
            .select_related("region")
            .first()
        )
        if grant is not None:
            if grant.region.kind == kind:
                return grant.region
            return (
                Region.objects.filter(kind=kind, municipalities__regions=grant.region)
                .distinct()
                .order_by("name")
                .first()
            )
    return None


def report_list(
    *, kind: str = "", theme: str = "", region: Region | None = None, public_only: bool = False
) -> QuerySet:
    """Accepted items with their endorsement figures, most recognised first (a fixed number of queries)."""
    reports = Report.objects.filter(status=ReportStatus.ACCEPTED)
    if public_only:
        reports = reports.filter(is_public=True)
    if kind:
        reports = reports.filter(kind=kind)
    if theme:
        reports = reports.filter(theme=theme)
    if region is not None:
        reports = reports.filter(regions=region)
    return (
        reports.annotate(
            endorsement_count=Count("endorsements", distinct=True),
            endorsement_region_count=Count("endorsements__region", distinct=True),
            comment_count=Count("comments", distinct=True),
        )
        .prefetch_related("regions")
        .order_by("-endorsement_count", "-created_at")
    )


@dataclass(frozen=True)
class EndorsementSummary:
    count: int
    region_count: int
    by_region: list[tuple[str, int]]


def endorsement_summary(report: Report) -> EndorsementSummary:
    rows = Endorsement.objects.filter(report=report).values_list("region__name").annotate(n=Count("pk")).order_by("-n")
    by_region = [(name, n) for name, n in rows if name]
    total = sum(n for _name, n in rows)
    return EndorsementSummary(count=total, region_count=len(by_region), by_region=by_region)


def has_endorsed(report: Report, user) -> bool:
    return user.is_authenticated and Endorsement.objects.filter(report=report, user=user).exists()


def report_comments(report: Report) -> QuerySet:
    return Comment.objects.filter(report=report).select_related("author").order_by("created_at", "pk")


# --- Matching signals ------------------------------------------------------------------------------------
@dataclass
class RegionSignals:
    region: str
    code: str
    unmatched: int = 0  # published requests that expired without a match
    declines: Counter = field(default_factory=Counter)  # theme -> declines and unanswered invitations

    def shown(self, value: int) -> int | None:
        """Counts that concern clients and lie under the threshold are not shown (None: "fewer than 5")."""
        return None if 0 < value < SMALL_NUMBER_THRESHOLD else value

    @property
    def unmatched_shown(self) -> int | None:
        return self.shown(self.unmatched)

    def declines_shown(self, theme: str) -> int | None:
        return self.shown(self.declines.get(theme, 0))

    @property
    def decline_rows(self) -> list[tuple[str, int | None]]:
        labels = dict(Theme.choices)
        return [(str(labels[t]), self.shown(n)) for t, n in sorted(self.declines.items(), key=lambda i: -i[1])]


def matching_signals(*, regions: list[Region] | None, since: datetime, until: datetime) -> list[RegionSignals]:
    """Per reporting-unit region: care requests that expired unmatched, and declines (by theme of the reason).

    Read from matching's own tables in three queries; every count under SMALL_NUMBER_THRESHOLD is shown as
    "fewer than 5" because all of them concern client requests or could.
    """
    kind = reporting_region_kind()
    region_qs = Region.objects.filter(kind=kind).order_by("name")
    if regions:
        region_qs = region_qs.filter(pk__in=[r.pk for r in regions])
    region_rows = list(region_qs.values_list("pk", "name", "code"))
    region_ids = [pk for pk, _name, _code in region_rows]
    of_municipality: dict[int, int] = {}
    for municipality_id, region_id in (
        Region.municipalities.through.objects.filter(region_id__in=region_ids)
        .order_by("region__name")
        .values_list("municipality_id", "region_id")
    ):
        of_municipality.setdefault(municipality_id, region_id)
    signals = {pk: RegionSignals(region=name, code=code) for pk, name, code in region_rows}
    published = CareRequest.objects.filter(published_at__gte=since, published_at__lt=until)
    for municipality_id, org_municipality_id in published.filter(status=RequestStatus.EXPIRED).values_list(
        "municipality_id", "organisation__municipality_id"
    ):
        region_id = of_municipality.get(municipality_id or org_municipality_id)
        if region_id is not None:
            signals[region_id].unmatched += 1
    for status, reason, municipality_id, org_municipality_id in Candidacy.objects.filter(
        care_request__in=published.values("pk"), status__in=(CandidacyStatus.DECLINED, CandidacyStatus.EXPIRED)
    ).values_list(
        "status", "decline_reason", "care_request__municipality_id", "care_request__organisation__municipality_id"
    ):
        region_id = of_municipality.get(municipality_id or org_municipality_id)
        if region_id is None:
            continue
        theme = (
            Theme.AVAILABILITY if status == CandidacyStatus.EXPIRED else DECLINE_REASON_THEMES.get(reason, Theme.OTHER)
        )
        signals[region_id].declines[theme] += 1
    return list(signals.values())


def matching_signals_recent(*, regions: list[Region] | None) -> list[RegionSignals]:
    """The signals of the last year, for the regions given or every reporting-unit region."""
    now = timezone.now()
    return matching_signals(regions=regions, since=now - timedelta(days=MATCHING_SIGNAL_DAYS), until=now)


def matching_signals_for_report(report: Report, *, now: datetime | None = None) -> list[RegionSignals]:
    """The signals of the report's regions (none: nothing to join), over the last year."""
    now = now or timezone.now()
    regions = list(report.regions.filter(kind=reporting_region_kind()))
    if not regions:
        return []
    return matching_signals(regions=regions, since=now - timedelta(days=MATCHING_SIGNAL_DAYS), until=now)


# --- Policy report ---------------------------------------------------------------------------------------
@dataclass
class PolicyReportData:
    start: date
    end: date
    themes: list[str]
    regions: list[Region]
    counts: list[tuple[str, int, int]]  # theme label, bottlenecks, good practices
    trend: list[tuple[date, int, int]]  # first day of the month, bottlenecks, good practices
    top_bottlenecks: list[Report]
    good_practices: list[Report]
    quotes: list[tuple[Report, str]]
    signals: list[RegionSignals]
    submitted: int
    accepted: int
    endorsements: int

    @property
    def trend_max(self) -> int:
        return max([1, *(b + g for _month, b, g in self.trend)])

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[t]) for t in self.themes] if self.themes else []


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def policy_report_data(*, start: date, end: date, themes: list[str], regions: list[Region]) -> PolicyReportData:
    since, until = _bounds(start, end)
    submitted_qs = Report.objects.filter(created_at__gte=since, created_at__lt=until).exclude(
        status=ReportStatus.MERGED
    )
    if themes:
        submitted_qs = submitted_qs.filter(theme__in=themes)
    if regions:
        submitted_qs = submitted_qs.filter(regions__in=regions).distinct()
    accepted_qs = submitted_qs.filter(status=ReportStatus.ACCEPTED)
    per_theme = Counter()
    for theme, kind in accepted_qs.values_list("theme", "kind"):
        per_theme[(theme, kind)] += 1
    counts = [
        (str(label), per_theme[(value, ReportKind.BOTTLENECK)], per_theme[(value, ReportKind.GOOD_PRACTICE)])
        for value, label in Theme.choices
        if not themes or value in themes
    ]
    months: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    cursor = start.replace(day=1)
    while cursor <= end:
        months[cursor]
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    for created, kind in accepted_qs.values_list("created_at", "kind"):
        month = timezone.localtime(created).date().replace(day=1)
        months[month][0 if kind == ReportKind.BOTTLENECK else 1] += 1
    trend = [(month, values[0], values[1]) for month, values in sorted(months.items())]
    ranked = (
        Report.objects.filter(pk__in=accepted_qs.values("pk"))
        .annotate(
            endorsement_count=Count("endorsements", distinct=True),
            endorsement_region_count=Count("endorsements__region", distinct=True),
        )
        .prefetch_related("regions")
    )
    top = list(
        ranked.filter(kind=ReportKind.BOTTLENECK).order_by("-endorsement_count", "-created_at")[:TOP_BOTTLENECKS]
    )
    good = list(ranked.filter(kind=ReportKind.GOOD_PRACTICE).order_by("-endorsement_count", "-created_at"))
    quotes = [(report, _quote(report.description)) for report in top[:5] + good[:3]]
    endorsements = Endorsement.objects.filter(report__in=accepted_qs.values("pk")).count()
    return PolicyReportData(
        start=start,
        end=end,
        themes=themes,
        regions=regions,
        counts=counts,
        trend=trend,
        top_bottlenecks=top,
        good_practices=good,
        quotes=quotes,
        signals=matching_signals(regions=regions or None, since=since, until=until),
        submitted=submitted_qs.count(),
        accepted=accepted_qs.count(),
        endorsements=endorsements,
    )


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def moderation_queue() -> QuerySet:
    return Report.objects.filter(status=ReportStatus.PENDING).prefetch_related("regions").order_by("created_at")


def moderation_recent(limit: int = 30) -> QuerySet:
    return Report.objects.exclude(status=ReportStatus.PENDING).order_by("-moderated_at", "-pk")[:limit]
