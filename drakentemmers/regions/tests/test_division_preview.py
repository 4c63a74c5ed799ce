"""The preview's coverage report: municipalities in no region or in two, counts and population per region."""

import pytest
from django.db.models import Sum

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.regions import services
from drakentemmers.regions.models import Municipality, RegionKind
from drakentemmers.regions.selectors_divisions import import_preview

from .division_helpers import csv_bytes, division_from

pytestmark = pytest.mark.django_db


def preview_of(data: bytes):
    user = make_user(Role.ADMINISTRATOR, mfa=True)
    return import_preview(services.region_import_create(data=data, file_name="x.csv", user=user))


def population(*codes: str) -> int:
    return Municipality.objects.filter(code__in=codes).aggregate(n=Sum("population"))["n"]


def test_coverage_names_the_gaps_and_the_overlaps():
    preview = preview_of(
        csv_bytes(
            "ggd,G1,Noord,GM0014;GM0037,2025,GM0014",
            "ggd,G2,Zuid,GM0037;GM0363,2025,",
        )
    )
    coverage = preview.coverage
    assert coverage.total_municipalities == 342
    assert coverage.covered_municipalities == 3
    assert len(coverage.uncovered) == 339 and ("GM0047", "Veendam") in coverage.uncovered
    assert coverage.overlaps == [("GM0037", "Stadskanaal", ["Noord", "Zuid"])]
    assert coverage.covered_population == population("GM0014", "GM0037", "GM0363")
    total = Municipality.objects.filter(is_active=True).aggregate(n=Sum("population"))["n"]
    assert coverage.total_population == total
    assert coverage.population_share == pytest.approx(coverage.covered_population / total)
    lines = {line.code: line for line in preview.lines}
    assert (lines["G1"].member_count, lines["G1"].population, lines["G1"].central) == (
        2,
        population("GM0014", "GM0037"),
        "Groningen",
    )
    assert lines["G1"].status == "added"
    # Every GGD region of the open data is not in the file: it would be removed.
    assert preview.counts["removed"] == 25 and preview.counts["added"] == 2
    assert preview.blockers == []  # GGD is not the reporting unit; gaps are shown, not refused


def test_a_complete_division_has_no_gaps_and_an_unchanged_file_changes_nothing():
    preview = preview_of(division_from(RegionKind.VEILIG_THUIS, kind="vt"))
    assert preview.coverage.is_complete and preview.coverage.overlaps == []
    assert preview.coverage.covered_population == preview.coverage.total_population
    assert preview.counts == {"added": 0, "changed": 0, "removed": 0, "unchanged": 25}
    assert not preview.has_changes and preview.is_reporting_unit and preview.blockers == []


def test_preview_says_when_the_same_file_was_applied_before():
    data = division_from(RegionKind.VEILIG_THUIS, kind="vt")
    user = make_user(Role.ADMINISTRATOR, mfa=True)
    first = services.region_import_create(data=data, file_name="a.csv", user=user)
    services.region_import_apply(region_import=first, user=user)
    assert (
        import_preview(services.region_import_create(data=data, file_name="b.csv", user=user)).previously_applied
        == first
    )
