"""Reads of recruitment: the per-region overview, the monthly figures for the dashboard, the onboarding state.

A therapist counts in every reporting-unit region where one of their work areas lies (a therapist who works
in two regions helps both); totals count each therapist once. Every read makes a fixed number of queries,
whatever the number of regions or members: the rows are bucketed in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from drakentemmers.directory.models import TherapistProfile, VerificationStatus, WorkLocation, availability_fresh_since
from drakentemmers.regions.models import Region
from drakentemmers.regions.selectors import reporting_region_kind

from .models import ColleagueInvitation, RecruitmentTarget

# How many regions the "fewest members" and "least fresh availability" lists name.
ATTENTION_LIST_LENGTH = 5
LOCAL_TIMEZONE = ZoneInfo("Europe/Amsterdam")


@dataclass
class RegionRecruitment:
    region_id: int | None
    name: str
    target: int | None = None
    verified: int = 0
    verified_fresh: int = 0
    drafts: int = 0
    submitted: int = 0
    invited: int = 0
    accepted: int = 0
    declined: int = 0

    @property
    def target_percent(self) -> int | None:
        return round(100 * self.verified / self.target) if self.target else None

    @property
    def fresh_percent(self) -> int | None:
        return round(100 * self.verified_fresh / self.verified) if self.verified else None


@dataclass
class RecruitmentOverview:
    rows: list[RegionRecruitment]
    total: RegionRecruitment
    region_kind_label: str
    fewest_members: list[RegionRecruitment] = field(default_factory=list)
    least_fresh: list[RegionRecruitment] = field(default_factory=list)


def _municipality_regions(regions: list[Region]) -> dict[int, list[int]]:
    """Municipality id -> ids of the given regions it lies in. One query."""
    pairs = Region.municipalities.through.objects.filter(region__in=[r.pk for r in regions]).values_list(
        "municipality_id", "region_id"
    )
    mapping: dict[int, list[int]] = defaultdict(list)
    for municipality_id, region_id in pairs:
        mapping[municipality_id].append(region_id)
    return mapping


def _therapist_regions(municipality_regions: dict[int, list[int]]) -> dict[int, set[int]]:
    """Therapist profile id -> region ids of their work areas. One query over the work locations."""
    result: dict[int, set[int]] = defaultdict(set)
    for therapist_id, municipality_id in WorkLocation.objects.values_list("therapist_id", "municipality_id"):
        for region_id in municipality_regions.get(municipality_id, ()):
            result[therapist_id].add(region_id)
    return result


def _scope_regions(regions: list[Region] | None) -> list[Region]:
    if regions is not None:
        return list(regions)
    return list(Region.objects.filter(kind=reporting_region_kind()).order_by("name"))


def recruitment_overview(*, regions: list[Region] | None, now: datetime | None = None) -> RecruitmentOverview:
    """Per region: verified members against the target, drafts, waiting for verification, invitations.

    `regions` None means every region of the reporting unit (the platform team). Seven queries.
    """
    now = now or timezone.now()
    scope = _scope_regions(regions)
    rows = {region.pk: RegionRecruitment(region_id=region.pk, name=region.name) for region in scope}
    for region_id, target in RecruitmentTarget.objects.filter(region__in=scope).values_list("region_id", "target"):
        rows[region_id].target = target
    therapist_regions = _therapist_regions(_municipality_regions(scope))

    fresh_since = availability_fresh_since(now)
    total = RegionRecruitment(region_id=None, name="")
    profiles = TherapistProfile.objects.filter(
        status__in=[VerificationStatus.DRAFT, VerificationStatus.SUBMITTED, VerificationStatus.VERIFIED],
        user__is_active=True,
    ).values_list("pk", "status", "availability_confirmed_at")
    for pk, status, confirmed_at in profiles:
        region_ids = therapist_regions.get(pk, set())
        # National view: also count profiles without a work area yet in the total; a coordinator's total is
        # only their regions.
        if regions is not None and not region_ids:
            continue
        targets = [rows[region_id] for region_id in region_ids] + [total]
        fresh = confirmed_at is not None and confirmed_at >= fresh_since
        for row in targets:
            if status == VerificationStatus.VERIFIED:
                row.verified += 1
                row.verified_fresh += int(fresh)
            elif status == VerificationStatus.SUBMITTED:
                row.submitted += 1
            else:
                row.drafts += 1

    invitations = ColleagueInvitation.objects.all()
    if regions is not None:
        invitations = invitations.filter(region__in=scope)
    for region_id, accepted_at, declined_at in invitations.values_list("region_id", "accepted_at", "declined_at"):
        targets = [total] + ([rows[region_id]] if region_id in rows else [])
        for row in targets:
            row.invited += 1
            row.accepted += int(accepted_at is not None)
            row.declined += int(declined_at is not None)
    total.target = sum(row.target for row in rows.values() if row.target) or None

    ordered = list(rows.values())
    with_members = [row for row in ordered if row.verified]
    kind_label = str(scope[0].get_kind_display()) if scope else ""
    return RecruitmentOverview(
        rows=ordered,
        total=total,
        region_kind_label=kind_label,
        fewest_members=sorted(ordered, key=lambda row: (row.verified, row.name))[:ATTENTION_LIST_LENGTH],
        least_fresh=sorted(with_members, key=lambda row: (row.fresh_percent, row.name))[:ATTENTION_LIST_LENGTH],
    )


@dataclass
class MonthFigures:
    month: date  # the first day of the month
    region_id: int | None  # None: no region known (an invitation without one, a profile without a work area)
    region_name: str
    invited: int = 0
    joined: int = 0
    verified: int = 0


def _month(moment: datetime) -> date:
    local = timezone.localtime(moment, LOCAL_TIMEZONE)
    return date(local.year, local.month, 1)


def recruitment_monthly_figures(
    *, regions: list[Region] | None = None, since: datetime | None = None, until: datetime | None = None
) -> list[MonthFigures]:
    """For the dashboard: per region of the reporting unit and calendar month (Amsterdam time)

    - invited: colleague invitations sent (by the region the inviter gave),
    - joined: therapist profiles started (the account was made and the wizard begun),
    - verified: profiles verified in that month that are verified now (by their work areas' regions).

    A therapist in two regions counts in both. Sorted by month, then region name; rows without a region
    last in their month. Five queries.
    """
    scope = _scope_regions(regions)
    names = {region.pk: region.name for region in scope}
    therapist_regions = _therapist_regions(_municipality_regions(scope))
    cells: dict[tuple[date, int | None], MonthFigures] = {}

    def cell(moment: datetime, region_id: int | None) -> MonthFigures:
        key = (_month(moment), region_id)
        if key not in cells:
            cells[key] = MonthFigures(month=key[0], region_id=region_id, region_name=names.get(region_id, ""))
        return cells[key]

    def in_period(field_name: str) -> Q:
        q = Q()
        if since is not None:
            q &= Q(**{f"{field_name}__gte": since})
        if until is not None:
            q &= Q(**{f"{field_name}__lt": until})
        return q

    invitations = ColleagueInvitation.objects.filter(in_period("created_at"))
    if regions is not None:
        invitations = invitations.filter(region__in=scope)
    for created_at, region_id in invitations.values_list("created_at", "region_id"):
        cell(created_at, region_id if region_id in names else None).invited += 1

    profiles = TherapistProfile.objects.filter(in_period("created_at") | in_period("verified_at")).values_list(
        "pk", "created_at", "status", "verified_at"
    )
    for pk, created_at, status, verified_at in profiles:
        region_ids = therapist_regions.get(pk) or ({None} if regions is None else set())
        for region_id in region_ids:
            if _within(created_at, since, until):
                cell(created_at, region_id).joined += 1
            if status == VerificationStatus.VERIFIED and verified_at and _within(verified_at, since, until):
                cell(verified_at, region_id).verified += 1
    return sorted(cells.values(), key=lambda c: (c.month, c.region_id is None, c.region_name))


def _within(moment: datetime, since: datetime | None, until: datetime | None) -> bool:
    return (since is None or moment >= since) and (until is None or moment < until)
