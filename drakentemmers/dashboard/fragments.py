"""The dashboard's figures tables, rendered once per measurement of the figures and shared by every viewer who
would see exactly the same tables.

Rendering the tables (about thirty figures by twelve months, and the per-area table) costs far more than
measuring them does once they are cached, so the HTML is cached beside the figures:

- Invalidation: the key carries the stamp of the cached figures the tables were rendered from
  (`selectors.figures_stamp`). Every new measurement has a new stamp, and the stamp goes with the figures
  (expired after `DASHBOARD_FIGURES_CACHE_SECONDS`, evicted, or dropped by `figures_changed` after the snapshot
  job), so the tables can never be older than the figures the exports of the same moment read. With the figures
  cache off (0 seconds) there is no stamp and nothing is cached here either.
- Everything else the tables show is in the key: the year, the region (code and name), the level of the area
  table, the viewer's scope (national or not, and the regions they may choose, with their names), the year's
  targets, the region's municipalities (through `public_cache.cached_data`, which follows region changes),
  the active language and the build salt of the templates.
- Nothing per viewer is in the fragment: it is rendered without the request (no CSRF token, no user, no
  context processors). Permission checks run before this, on every request, in the view.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from drakentemmers.core import public_cache
from drakentemmers.regions.models import Region

from .models import NATIONAL, AreaLevel
from .permissions import DashboardScope
from .selectors import (
    area_table,
    dashboard_build,
    figures_cache_seconds,
    figures_stamp,
    local_today,
    region_municipalities,
    targets_for,
)

TEMPLATE = "dashboard/_figures.html"


def _key(stamp: str, *, year: int, region: Region | None, level: str, scope: DashboardScope, targets: dict) -> str:
    municipalities = region_municipalities(region) if region is not None and level == AreaLevel.MUNICIPALITY else []
    raw = repr(
        (
            year,
            (region.code, region.name) if region is not None else (NATIONAL, ""),
            level,
            scope.national,
            [(r.code, r.name) for r in scope.regions],
            sorted((key, code, str(value)) for (key, code), value in targets.items()),
            municipalities,
        )
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"dashboard:figures-html:{public_cache.build_salt()}:{stamp}:{get_language()}:{digest}"


def figures_html(
    *, scope: DashboardScope, year: int, region: Region | None, level: str, region_kind: str
) -> SafeString:
    """The figures part of the dashboard page for this viewer's choice (see the module docstring)."""
    today = local_today()
    targets = targets_for(year)
    key_of = {"year": year, "region": region, "level": level, "scope": scope, "targets": targets}
    stamp = figures_stamp(year=year, region_kind=region_kind, today=today)
    if stamp is not None:
        html = cache.get(_key(stamp, **key_of))
        if html is not None:
            return html  # the SafeString render_to_string gave (below), as pickled
    dashboard = dashboard_build(
        year=year, region=region, regions=list(scope.regions), today=today, region_kind=region_kind, targets=targets
    )
    key = _key(dashboard.figures_stamp, **key_of) if dashboard.figures_stamp is not None else None
    if key is not None and dashboard.figures_stamp != stamp:  # e.g. the small stamp entry was evicted
        html = cache.get(key)
        if html is not None:
            return html
    context = {
        "dashboard": dashboard,
        "area_level": level,
        "area_rows": area_table(dashboard, level=level) if scope.national or dashboard.region else [],
    }
    html = render_to_string(TEMPLATE, context)
    if key is not None:
        cache.set(key, html, figures_cache_seconds())
    return html
