"""Small client cells cannot be worked out from a total; every decline reason equals an independent count."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.kpis import SMALL_NUMBER_THRESHOLD, KpiValue, kpi_get
from drakentemmers.dashboard.selectors import area_table, complementary_suppressed, dashboard_build
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.matching.models import Candidacy, CandidacyStatus, DeclineReason
from drakentemmers.matching.tests.ranking_support import make_organisation

from .conftest import make_request
from .test_kpis import measure, this_month

pytestmark = pytest.mark.django_db
REQUESTS = kpi_get("matching.care_requests")


def values(**counts) -> dict[str, KpiValue]:
    return {code: KpiValue(n) for code, n in counts.items()}


def test_a_lone_small_cell_takes_the_smallest_shown_one_with_it():
    # 19 - (6 + 10 + 0) = 3: the 3 would be known. Hiding the 6 too leaves 9 unknown between two cells.
    assert complementary_suppressed(REQUESTS, values(a=3, b=6, c=10, d=0), KpiValue(19)) == {"b"}


def test_enough_hidden_together_needs_nothing_more():
    assert complementary_suppressed(REQUESTS, values(a=3, b=2, c=10), KpiValue(15)) == set()
    assert complementary_suppressed(REQUESTS, values(a=7, b=10), KpiValue(17)) == set()  # nothing small


def test_as_many_as_needed_are_hidden():
    # 1 hidden; then 6 + 1 = 7 >= 5 after the first extra one: exactly one extra.
    assert complementary_suppressed(REQUESTS, values(a=1, b=6, c=7, d=8), KpiValue(22)) == {"b"}
    # The total leaves 1 unaccounted only if everything else is shown: with one other cell it must go too.
    assert complementary_suppressed(REQUESTS, values(a=1, b=5), KpiValue(6)) == {"b"}


def test_figures_not_about_clients_and_medians_are_left_alone():
    therapists = kpi_get("directory.verified_therapists")
    assert complementary_suppressed(therapists, values(a=1, b=6), KpiValue(7)) == set()
    median = kpi_get("matching.median_days_to_match")
    parts = {"a": KpiValue(2.0, denominator=1), "b": KpiValue(3.0, denominator=6)}
    assert complementary_suppressed(median, parts, KpiValue(2.5, denominator=7)) == set()


def test_a_share_is_protected_by_its_of_count():
    share = kpi_get("matching.matched_within_two_weeks")
    parts = {"a": KpiValue(100.0, 2, 2), "b": KpiValue(50.0, 3, 6)}
    assert complementary_suppressed(share, parts, KpiValue(62.5, 5, 8)) == {"b"}


@pytest.fixture
def two_municipalities(vt01):
    """VT01: 6 open client requests in one municipality, 2 in another (published this month)."""
    big, small = vt01.municipalities.order_by("name")[:2]
    start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    organisation = make_organisation(municipality=big)
    for i in range(6):
        make_request(organisation, published=start + timedelta(hours=1 + i), municipality=big)
    for i in range(2):
        make_request(organisation, published=start + timedelta(hours=2 + i), municipality=small)
    return big, small


def _shown_total(cells) -> float:
    return sum(cell.value.value for cell in cells if not cell.suppressed and cell.has_value)


def test_the_municipality_drill_down_gives_no_small_cell_away(two_municipalities, vt01):
    big, small = two_municipalities
    dashboard = dashboard_build(year=timezone.localdate().year, region=vt01, regions=[vt01])
    column = next(i for i, f in enumerate(dashboard.figures) if f.kpi.key == "matching.care_requests")
    rows = {row.code: row.cells[column] for row in area_table(dashboard, level="municipality")}
    region_total = dashboard.figures[column].cell(None, vt01.code)
    assert region_total.display == "8"
    assert rows[small.code].suppressed and rows[small.code].display == "fewer than 5"
    assert rows[big.code].complementary and rows[big.code].display == "not shown"
    # Independently: what the page leaves unexplained is 0 or at least the threshold, never 1 to 4.
    unexplained = region_total.value.value - _shown_total(rows.values())
    assert unexplained == 0 or unexplained >= SMALL_NUMBER_THRESHOLD
    # Figures not about clients stay visible.
    therapists = next(i for i, f in enumerate(dashboard.figures) if f.kpi.key == "directory.verified_therapists")
    assert not any(row.cells[therapists].suppressed for row in area_table(dashboard, level="municipality"))


def test_the_page_shows_the_complementary_cell_as_not_shown(two_municipalities, vt01, client_for):
    team = make_user(Role.VERIFIER, mfa=True)
    client = client_for(team)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("dashboard:index"), {"region": vt01.code}).content.decode()
    row = re.search(rf'id="area-{two_municipalities[0].code}".*?</tr>', html, re.DOTALL).group(0)
    assert "not shown" in row


def test_the_municipality_map_gives_no_small_cell_away(two_municipalities, vt01, client_for):
    big, small = two_municipalities
    client = client_for(make_user(Role.COORDINATOR, mfa=True, region=vt01))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("dashboard:coverage"), {"level": "municipality", "measure": "unmatched"}).content.decode()
    labels = dict(re.findall(r'<tr id="row-(GM\d+)"><th scope="row">[^<]*</th><td>([^<]*)</td>', html))
    assert labels[small.code] == "fewer than 5" and labels[big.code] == "not shown"
    assert "fewer than 5, not shown, or no data" in html  # the legend says so
    assert "CC BY 4.0" in html and "CBS" in html  # the boundaries' licence


def test_every_decline_reason_equals_an_independent_count(requests_world, vt01, vt02):
    made = requests_world["requests"] + [requests_world["lone"]]
    reasons = [*DeclineReason.values, ""]  # "" declined without a reason
    for index, reason in enumerate(reasons):
        for request in made[: index + 1]:  # a different number per reason
            Candidacy.objects.create(
                care_request=request,
                therapist=TherapistProfileFactory(),
                status=CandidacyStatus.DECLINED,
                decline_reason=reason,
                responded_at=request.published_at + timedelta(hours=1),
            )
    Candidacy.objects.create(
        care_request=requests_world["lone"], therapist=TherapistProfileFactory(), status=CandidacyStatus.EXPIRED
    )
    candidacies = Candidacy.objects.filter(care_request__published_at__gte=requests_world["start"])
    independent = Counter(
        "not_answered" if status == CandidacyStatus.EXPIRED else (reason or "no_reason")
        for status, reason in candidacies.filter(
            status__in=(CandidacyStatus.DECLINED, CandidacyStatus.EXPIRED)
        ).values_list("status", "decline_reason")
    )
    in_vt02 = Counter(
        "not_answered" if status == CandidacyStatus.EXPIRED else (reason or "no_reason")
        for status, reason in candidacies.filter(
            status__in=(CandidacyStatus.DECLINED, CandidacyStatus.EXPIRED), care_request=requests_world["lone"]
        ).values_list("status", "decline_reason")
    )
    for key in [*DeclineReason.values, "no_reason", "not_answered"]:
        result = measure(f"matching.refusals.{key}", this_month())
        assert result.national.value == independent[key], key
        assert result.by_region.get(vt02.code, KpiValue(0)).value == in_vt02[key], key
    assert independent["no_place"] == 2  # the world's own decline plus one here
    assert independent["no_reason"] == len(reasons) and independent["not_answered"] == 1


def test_fresh_availability_of_the_running_month_is_judged_now(vt01):
    from drakentemmers.directory.models import AVAILABILITY_STALE_AFTER_DAYS, Accepting

    days = AVAILABILITY_STALE_AFTER_DAYS - 1  # fresh today; stale by the end of the month (unless it ends tomorrow)
    confirmed = timezone.now() - timedelta(days=days)
    TherapistProfileFactory.create_batch(
        2, locations=["1011"], accepting=Accepting.YES, availability_confirmed_at=confirmed
    )
    TherapistProfileFactory(locations=["1011"], accepting=Accepting.YES, availability_confirmed_at=None)
    assert measure("directory.fresh_availability", this_month()).national.value == 2


def test_a_map_with_nothing_above_zero_has_no_empty_classes_in_its_legend():
    from drakentemmers.dashboard.coverage import MapArea, _classify

    areas = [MapArea(code=c, name=c, path="", display="0", number=0, css_class="") for c in ("a", "b")]
    legend = _classify(areas, suppressed_possible=True)
    assert [entry.css_class for entry in legend] == ["dt-map__area--0", "dt-map__area--none"]
    areas[0].number = 10
    assert len(_classify(areas, suppressed_possible=True)) == 7


def test_another_reporting_division_changes_the_regions_of_figures_and_map(client_for):
    from drakentemmers.regions.models import Region, RegionKind, RegionSettings

    RegionSettings.objects.create(pk=RegionSettings.SINGLETON_PK, reporting_kind=RegionKind.GGD)
    ggd = Region.objects.filter(kind=RegionKind.GGD, municipalities__name="Amsterdam").get()
    TherapistProfileFactory.create_batch(2, locations=["1011"])
    client = client_for(make_user(Role.VERIFIER, mfa=True))
    html = client.get(reverse("dashboard:index")).content.decode()
    assert f'id="area-{ggd.code}"' in html and 'id="area-VT01"' not in html
    row = re.search(rf'id="area-{ggd.code}".*?</tr>', html, re.DOTALL).group(0)
    assert re.findall(r"<td>([^<]*)</td>", row)[0] == "2"  # verified therapists, the first figure
    paths = re.findall(r'<path class="dt-map__area', client.get(reverse("dashboard:coverage")).content.decode())
    assert len(paths) == Region.objects.filter(kind=RegionKind.GGD).count()
