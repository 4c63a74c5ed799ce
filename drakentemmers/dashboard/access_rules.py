"""Access rules for the dashboard (see docs/access.md and dashboard/permissions.py)."""

from drakentemmers.core.access_matrix import COORDINATOR_X, FORBIDDEN, PLATFORM_TEAM, rule

VIEWERS = rule({COORDINATOR_X, *PLATFORM_TEAM}, denied=FORBIDDEN)

RULES = {
    "dashboard:index": VIEWERS,
    "dashboard:coverage": VIEWERS,
    "dashboard:export_csv": VIEWERS,
    "dashboard:export_xlsx": VIEWERS,
    "dashboard:annual_report": VIEWERS,
    "dashboard:targets": rule(PLATFORM_TEAM, denied=FORBIDDEN),
}
