"""The dashboard pages: scope per role, suppression, targets, snapshots, exports, the map and query bounds."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from drakentemmers.dashboard.models import KpiSnapshot, KpiTarget
from drakentemmers.dashboard.selectors import dashboard_build, month_start, year_figures
from drakentemmers.dashboard.services import kpi_snapshots_take, kpi_target_set
from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.regions.models import Region, RegionKind

from .conftest import first_municipality

pytestmark = pytest.mark.django_db


def test_the_platform_team_sees_national_figures_with_targets(team, client_for, vt01):
    TherapistProfileFactory.create_batch(2, locations=[first_municipality(vt01).name])
    kpi_target_set(
        kpi_key="directory.verified_therapists", year=timezone.localdate().year, region_code="", value=200, by=team
    )
    response = client_for(team).get(reverse("dashboard:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verified therapists" in html and "<td>200</td>" in html and "1%" in html  # 2 of 200
    assert 'id="area-VT01"' in html  # per-region table
    assert "no data yet" not in html  # every group has registered figures now (learning and voice landed)


def test_a_group_without_registered_figures_says_so_honestly(team, client_for, monkeypatch):
    from drakentemmers.core import kpis

    monkeypatch.setattr(kpis, "_KPIS", {key: k for key, k in kpis._KPIS.items() if k.group != kpis.KpiGroup.VOICE})
    html = client_for(team).get(reverse("dashboard:index")).content.decode()
    assert "no data yet" in html


def test_a_coordinator_sees_their_region_beside_the_national_figures(coordinator, client_for, vt01, vt02):
    response = client_for(coordinator).get(reverse("dashboard:index"), {"region": vt02.code})
    html = response.content.decode()
    assert response.status_code == 200
    assert vt01.name in html and f'value="{vt02.code}"' not in html  # cannot choose another region
    assert "Netherlands" in html


def test_others_are_refused(client_for, db):
    therapist = TherapistProfileFactory().user
    assert client_for(therapist).get(reverse("dashboard:index")).status_code == 403


def test_small_client_counts_are_not_shown(requests_world, team, client_for, vt02):
    dashboard = dashboard_build(year=timezone.localdate().year, region=vt02, regions=[vt02])
    row = next(r for g in dashboard.groups for r in g.rows if r.kpi.key == "matching.care_requests")
    assert row.year.suppressed and row.year.display == "fewer than 5"
    assert row.national_year.display == "7"
    html = client_for(team).get(reverse("dashboard:index"), {"region": vt02.code}).content.decode()
    assert "fewer than 5" in html


def test_medians_under_two_days_are_shown_in_hours(requests_world, team):
    dashboard = dashboard_build(year=timezone.localdate().year, region=None, regions=[])
    row = next(r for g in dashboard.groups for r in g.rows if r.kpi.key == "matching.median_days_to_first_response")
    # one answer only: a cell of 1 is about clients and suppressed; the median of matching shows in days
    assert row.year.suppressed
    row = next(r for g in dashboard.groups for r in g.rows if r.kpi.key == "matching.median_days_to_match")
    assert row.year.display == "3.0 days"


def test_the_page_query_count_does_not_grow_with_data(team, client_for, vt01, django_assert_max_num_queries, settings):
    settings.DASHBOARD_FIGURES_CACHE_SECONDS = 0  # measure every time: the bound is on the measuring page
    client = client_for(team)
    client.get(reverse("dashboard:index"))
    TherapistProfileFactory.create_batch(12, locations=[first_municipality(vt01).name])
    with django_assert_max_num_queries(150):
        client.get(reverse("dashboard:index"))


def _verified_count_cell(html: str) -> str:
    """The year's figure of verified therapists (the bold cell of its row)."""
    row = re.search(r"Verified therapists.*?</tr>", html, re.DOTALL).group(0)
    return re.search(r"<td[^>]*><strong>(.*?)</strong></td>", row, re.DOTALL).group(1)


def test_the_live_figures_are_measured_once_for_every_viewer(
    team, coordinator, client_for, vt01, settings, django_assert_max_num_queries, django_assert_num_queries
):
    settings.DASHBOARD_FIGURES_CACHE_SECONDS = 60
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as measuring:
        first = client_for(team).get(reverse("dashboard:index")).content.decode()
    # Another viewer within the minute: the same figures, without measuring them again.
    with CaptureQueriesContext(connection) as reading:
        again = client_for(team).get(reverse("dashboard:index")).content.decode()
    assert len(reading) <= len(measuring) - 20, (len(measuring), len(reading))
    assert _verified_count_cell(again) == _verified_count_cell(first)
    assert client_for(coordinator).get(reverse("dashboard:index")).status_code == 200  # scoped later, per page


def test_the_snapshot_job_drops_the_recently_measured_figures(team, client_for, vt01, settings):
    settings.DASHBOARD_FIGURES_CACHE_SECONDS = 60
    client = client_for(team)
    before = client.get(reverse("dashboard:index")).content.decode()
    TherapistProfileFactory.create_batch(3, locations=[first_municipality(vt01).name])
    assert _verified_count_cell(client.get(reverse("dashboard:index")).content.decode()) == _verified_count_cell(
        before
    )  # within the minute: the figures measured a moment ago
    kpi_snapshots_take()
    assert _verified_count_cell(client.get(reverse("dashboard:index")).content.decode()) != _verified_count_cell(before)


def test_without_the_cache_every_view_measures(team, client_for, vt01, settings):
    settings.DASHBOARD_FIGURES_CACHE_SECONDS = 0
    client = client_for(team)
    before = client.get(reverse("dashboard:index")).content.decode()
    TherapistProfileFactory.create_batch(3, locations=[first_municipality(vt01).name])
    assert _verified_count_cell(client.get(reverse("dashboard:index")).content.decode()) != _verified_count_cell(before)


def test_snapshots_keep_closed_months_when_data_change_later(vt01):
    today = timezone.localdate()
    TherapistProfileFactory.create_batch(
        3, locations=[first_municipality(vt01).name], verified_at=timezone.now() - timedelta(days=40)
    )
    kpi_snapshots_take(today=today)  # also fills in the older months once
    count = KpiSnapshot.objects.count()
    written = kpi_snapshots_take(today=today)
    assert KpiSnapshot.objects.count() == count and written < count  # idempotent: today's rows overwritten
    previous = month_start(month_start(today) - timedelta(days=1))
    stored = KpiSnapshot.objects.get(kpi_key="directory.verified_therapists", month=previous, area_code="")
    assert stored.value == 3
    # Later, one profile is suspended. The previous month (closed next month) keeps showing 3.
    TherapistProfile.objects.filter(pk=TherapistProfile.objects.first().pk).update(status=VerificationStatus.SUSPENDED)
    next_month_day = (month_start(today) + timedelta(days=32)).replace(day=1)
    figures = {
        f.kpi.key: f
        for f in year_figures(year=previous.year, region_kind=RegionKind.VEILIG_THUIS, today=next_month_day)
    }
    figure = figures["directory.verified_therapists"]
    assert figure.months[previous.month - 1].national.value == 3
    assert (previous.month - 1) not in figure.live_months
    assert figure.cell(previous.month - 1, vt01.code).value.value == 3


def test_the_snapshot_job_is_registered():
    from drakentemmers.core.scheduling import jobs

    assert any(job.task == "drakentemmers.dashboard.tasks.kpi_snapshots_take" for job in jobs())


def test_targets_page_validates_and_saves(team, client_for):
    client = client_for(team)
    url = reverse("dashboard:targets")
    assert client.post(url, {}).status_code == 200  # empty POST: the form again, no 500
    response = client.post(
        url, {"target-kpi_key": "directory.verified_therapists", "target-year": "1900", "target-value": "-3"}
    )
    assert response.status_code == 200 and KpiTarget.objects.count() == 0
    assert "error-summary" in response.content.decode()
    response = client.post(
        url,
        {
            "target-kpi_key": "directory.verified_therapists",
            "target-year": "2025",
            "target-region_code": "",
            "target-value": "300",
        },
    )
    assert response.status_code == 302
    assert KpiTarget.objects.get().value == 300
    response = client.post(url, {"settings-coverage_min_members": "0"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_a_coordinator_may_not_edit_targets(coordinator, client_for):
    assert client_for(coordinator).get(reverse("dashboard:targets")).status_code == 403


def test_csv_and_xlsx_exports_hold_the_page_figures(requests_world, coordinator, client_for, vt01):
    from openpyxl import load_workbook

    client = client_for(coordinator)
    response = client.get(reverse("dashboard:export_csv"), {"region": vt01.code})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["key figure", "key", "area code", "area"]
    requests_rows = {row[2]: row for row in body if row[1] == "matching.care_requests"}
    assert set(requests_rows) == {"NL", vt01.code}  # own region and national only
    month = timezone.localdate().month
    # VT02's single request this month: national 7 minus VT01's 6 would give it away, so the 6 is hidden too.
    assert requests_rows["NL"][3 + month] == "7"
    assert requests_rows[vt01.code][3 + month] == "x"
    response = client.get(reverse("dashboard:export_xlsx"), {"region": vt01.code})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    xlsx_row = next(r for r in values if r[1] == "matching.care_requests" and r[2] == vt01.code)
    assert xlsx_row[3 + month] == "x"
    national = next(r for r in values if r[1] == "matching.care_requests" and r[2] == "NL")
    assert national[3 + month] == 7


def test_the_annual_report_is_a_pdf_with_the_figures(requests_world, team, client_for):
    from pypdf import PdfReader

    response = client_for(team).get(reverse("dashboard:annual_report"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "annual report" in text and "Care requests" in text and "Verified therapists" in text
    assert text.count("<5") >= 2  # the key in the lead, and a small cell (one first answer) in a table


def test_the_map_has_one_named_path_per_region(team, client_for, vt01):
    TherapistProfileFactory(locations=[first_municipality(vt01).name])
    html = client_for(team).get(reverse("dashboard:coverage")).content.decode()
    paths = re.findall(r'<path class="dt-map__area[^"]*" d="[^"]+" role="img" aria-label="([^"]+)"', html)
    regions = Region.objects.filter(kind=RegionKind.VEILIG_THUIS).count()
    assert len(paths) == regions == 25
    assert any(label.startswith(vt01.name + ":") and "per 100,000" in label for label in paths)
    assert html.count('<a href="#row-') == regions and f'id="row-{vt01.code}"' in html
    assert "map tile" not in html and "http" not in re.sub(
        r'xmlns="[^"]+"', "", html.split("<svg")[1].split("</svg>")[0]
    )


def test_the_municipality_map_of_a_coordinator_shows_their_region(coordinator, client_for, vt01):
    html = (
        client_for(coordinator)
        .get(reverse("dashboard:coverage"), {"level": "municipality", "measure": "unmatched"})
        .content.decode()
    )
    assert html.count("<path ") == vt01.municipalities.count()


def test_bad_parameters_fall_back(team, client_for):
    client = client_for(team)
    assert client.get(reverse("dashboard:index"), {"year": "abc", "region": "nope"}).status_code == 200
    assert client.get(reverse("dashboard:coverage"), {"measure": "x", "level": "y"}).status_code == 200


def test_the_year_median_comes_from_the_nightly_snapshot(requests_world):
    from drakentemmers.matching.models import CareRequest

    year = timezone.localdate().year
    kpi_snapshots_take()
    stored = KpiSnapshot.objects.get(kpi_key="matching.median_days_to_match", span="year", area_code="")
    assert stored.value == pytest.approx(3.0) and stored.denominator == 5
    CareRequest.objects.filter(matched_at__isnull=False).update(matched_at=timezone.now() + timedelta(days=30))
    figures = {f.kpi.key: f for f in year_figures(year=year, region_kind=RegionKind.VEILIG_THUIS)}
    assert figures["matching.median_days_to_match"].year.national.value == pytest.approx(3.0)


def test_the_snapshot_job_refreshes_the_cached_home_page(vt01, client):
    TherapistProfileFactory.create_batch(3, locations=[first_municipality(vt01).name])
    assert "regio's met genoeg" not in client.get(reverse("core:home")).content.decode()  # cached, no snapshot
    kpi_snapshots_take()
    html = client.get(reverse("core:home")).content.decode()
    assert "van de 25 regio's met genoeg behandelaars" in html
