"""Who sees which figures on the dashboard. Views call `dashboard_scope_for_user` first.

| who                          | dashboard, map, exports               | targets and settings |
| ---------------------------- | ------------------------------------- | -------------------- |
| platform team (MFA)          | every region, drill-down to municipality | edit              |
| coordinator (MFA)            | own region(s) beside the national figures | no (403)         |
| anyone else                  | 403 (visible to the roles above only)  | 403 / 404            |
| anonymous                    | login                                  | login                |

Every cell about clients under core.kpis.SMALL_NUMBER_THRESHOLD is suppressed for everybody, platform team
included, and in every export: the rule is about the data, not the viewer.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from drakentemmers.accounts.models import Role, RoleGrant
from drakentemmers.accounts.permissions import has_required_mfa
from drakentemmers.regions.models import Region
from drakentemmers.regions.selectors import reporting_region_kind, reporting_regions


@dataclass(frozen=True)
class DashboardScope:
    national: bool  # the platform team: every region
    regions: tuple[Region, ...]  # the regions this viewer may choose
    region_kind: str = ""  # the reporting division these regions belong to (read once, for the page as well)

    def region_for(self, code: str | None) -> Region | None:
        """The chosen region, if the viewer may see it; None for national (platform team only)."""
        chosen = next((region for region in self.regions if region.code == code), None)
        if chosen is None and not self.national:
            return self.regions[0]  # a coordinator always sees their own region
        return chosen


def can_view_dashboard(user) -> bool:
    return user.is_authenticated and (user.is_platform_team or user.has_role(Role.COORDINATOR))


def can_manage_targets(user) -> bool:
    return user.is_authenticated and user.is_platform_team and has_required_mfa(user)


def dashboard_scope_for_user(user) -> DashboardScope:
    """Platform team: every region of the reporting division. Coordinator: their own region(s) of it."""
    if not user.is_authenticated or not has_required_mfa(user):
        raise PermissionDenied
    if user.is_platform_team:
        return DashboardScope(national=True, regions=tuple(reporting_regions()), region_kind=reporting_region_kind())
    if user.has_role(Role.COORDINATOR):
        kind = reporting_region_kind()
        grants = RoleGrant.objects.filter(user=user, role=Role.COORDINATOR, region__kind=kind).select_related("region")
        regions = tuple(sorted((grant.region for grant in grants), key=lambda region: region.name))
        if regions:
            return DashboardScope(national=False, regions=regions, region_kind=kind)
    raise PermissionDenied


def require_target_manager(user) -> None:
    if not can_manage_targets(user):
        raise PermissionDenied
