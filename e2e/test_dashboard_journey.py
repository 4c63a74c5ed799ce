"""Issue 22: a coordinator opens the dashboard, filters to their region, downloads the export; the platform
team looks at the coverage map. axe on every page, at 1280 and 320 px; screenshots in e2e/artifacts/."""

import csv
import io

from playwright.sync_api import expect

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import enable_totp, make_user
from drakentemmers.directory.tests import factories as f
from drakentemmers.regions.models import Region, RegionKind
from e2e.conftest import check, log_in


def test_a_coordinator_filters_to_their_region_and_downloads_the_export(page, live_server):
    region = Region.objects.get(kind=RegionKind.VEILIG_THUIS, code="VT01")
    f.TherapistProfileFactory.create_batch(3, locations=["1011"])
    coordinator = make_user(Role.COORDINATOR, region=region)
    log_in(page, coordinator.email, enable_totp(coordinator))
    page.goto("/dashboard/")
    assert "Dashboard" in page.locator("main h1").inner_text()
    page.get_by_label("Regio", exact=True).select_option(region.code)
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state()
    assert f"region={region.code}" in page.url
    assert f"Regio {region.name}" in page.locator("main").inner_text()
    check(page, "dashboard-coordinator-1280")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Downloaden als CSV").click()
    download = download_info.value
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    therapists = {row[2]: row for row in rows[1:] if row[1] == "directory.verified_therapists"}
    assert set(therapists) == {"NL", region.code}
    assert therapists[region.code][-2] == "3"  # the year column
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "dashboard-coordinator-320")


def test_the_platform_team_reads_the_coverage_map_by_keyboard(page, live_server):
    f.TherapistProfileFactory.create_batch(2, locations=["1011"])
    verifier = make_user(Role.VERIFIER)
    log_in(page, verifier.email, enable_totp(verifier))
    page.goto("/dashboard/kaart/")
    expect(page.locator("svg path")).to_have_count(25)
    first = page.locator("svg a").first
    first.focus()
    assert first.evaluate("el => el === document.activeElement")
    check(page, "coverage-map-1280")
    page.get_by_label("Gebieden", exact=True).select_option("municipality")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state()
    expect(page.locator("svg path")).to_have_count(342)
    check(page, "coverage-map-municipalities-1280")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "coverage-map-320")


def test_the_platform_team_sets_a_target(page, live_server):
    verifier = make_user(Role.VERIFIER)
    log_in(page, verifier.email, enable_totp(verifier))
    page.goto("/dashboard/doelen/")
    page.get_by_label("Doel", exact=True).fill("-5")
    page.get_by_role("button", name="Doel opslaan").click()
    page.get_by_text("Zorg ervoor dat deze waarde minstens 0 is.").first.wait_for()
    check(page, "dashboard-targets-error-1280")
    page.get_by_label("Doel", exact=True).fill("300")
    page.get_by_role("button", name="Doel opslaan").click()
    page.get_by_text("Het doel is opgeslagen.").wait_for()
    assert "300" in page.locator("main table").inner_text()
    page.goto("/dashboard/")
    assert "300" in page.locator("main").inner_text()
    check(page, "dashboard-platform-1280")
