"""Writes for the regions app: loading the shipped open data, the platform team's division imports, settings."""

from .division_import import region_import_apply, region_import_create, region_import_discard
from .loading import DATA_DIR, DEFAULT_YEAR, LoadReport, regions_load
from .reporting import reporting_kind_set

__all__ = [
    "DATA_DIR",
    "DEFAULT_YEAR",
    "LoadReport",
    "region_import_apply",
    "region_import_create",
    "region_import_discard",
    "regions_load",
    "reporting_kind_set",
]
