"""The registered key figures equal counts computed independently with the ORM."""

import statistics
from datetime import date, timedelta

import pytest
from django.utils import timezone

from drakentemmers.core.kpis import KpiGroup, KpiPeriod, kpi_get, kpis, suppressed
from drakentemmers.dashboard.selectors import month_period, month_start
from drakentemmers.directory.models import Organisation, RegistrationKind, TherapistProfile, VerificationStatus
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory
from drakentemmers.matching.models import CareRequest, RequestKind
from drakentemmers.regions.models import RegionKind

from .conftest import first_municipality

pytestmark = pytest.mark.django_db


def measure(key: str, period: KpiPeriod):
    return kpi_get(key).measure_function()(period)


def this_month() -> KpiPeriod:
    return month_period(month_start(timezone.localdate()), RegionKind.VEILIG_THUIS)


def test_directory_and_matching_register_their_figures():
    keys = {kpi.key for kpi in kpis()}
    assert {
        "directory.verified_therapists",
        "directory.verified_trainees",
        "directory.verified_organisations",
        "directory.regions_covered",
        "matching.care_requests",
        "matching.matches",
        "matching.median_days_to_first_response",
        "matching.median_days_to_match",
        "matching.matched_within_two_weeks",
        "matching.refusals.no_place",
    } <= keys
    assert all(kpi.about_clients for kpi in kpis() if kpi.group == KpiGroup.MATCHING)


def test_verified_therapists_equal_an_independent_count_per_region(vt01, vt02):
    a, b = first_municipality(vt01).name, first_municipality(vt02).name
    TherapistProfileFactory.create_batch(3, locations=[a])
    TherapistProfileFactory(locations=[a, b])  # counts in both regions, once nationally
    TherapistProfileFactory(locations=[b], registration_kind=RegistrationKind.TRAINEE)
    TherapistProfileFactory(locations=[a], status=VerificationStatus.SUBMITTED)
    TherapistProfileFactory(locations=[a], verified_at=timezone.now() + timedelta(days=62))  # after the period

    result = measure("directory.verified_therapists", this_month())

    end = timezone.now() + timedelta(days=31)
    verified = TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED, verified_at__lt=end)
    assert result.national.value == verified.count() == 5
    for region in (vt01, vt02):
        independent = verified.filter(locations__municipality__regions=region).distinct().count()
        assert result.by_region[region.code].value == independent
    assert result.by_region[vt01.code].value == 4
    assert result.by_municipality[first_municipality(vt02).code].value == 2
    trainees = measure("directory.verified_trainees", this_month())
    assert trainees.national.value == 1 and trainees.by_region[vt02.code].value == 1


def test_a_stock_of_an_earlier_month_leaves_out_later_verifications(vt01):
    TherapistProfileFactory(locations=[first_municipality(vt01).name])
    last_year = KpiPeriod(start=date(2024, 1, 1), end=date(2024, 2, 1), region_kind=RegionKind.VEILIG_THUIS)
    assert measure("directory.verified_therapists", last_year).national.value == 0


def test_regions_covered_uses_the_minimum_members_setting(vt01, vt02):
    from drakentemmers.dashboard.services import dashboard_settings_update

    TherapistProfileFactory.create_batch(2, locations=[first_municipality(vt01).name])
    TherapistProfileFactory(locations=[first_municipality(vt02).name])
    dashboard_settings_update(coverage_min_members=2, by=None)
    covered = measure("directory.regions_covered", this_month())
    assert covered.national.value == 1 and covered.national.denominator == 25
    dashboard_settings_update(coverage_min_members=1, by=None)
    assert measure("directory.regions_covered", this_month()).national.value == 2


def test_verified_organisations_count_where_they_are_based(vt01):
    OrganisationFactory.create_batch(2)
    OrganisationFactory(status=VerificationStatus.SUBMITTED)
    result = measure("directory.verified_organisations", this_month())
    assert result.national.value == Organisation.objects.filter(status=VerificationStatus.VERIFIED).count() == 2
    assert result.by_region[vt01.code].value == 2  # Amsterdam (PC4 1011) lies in VT01


def test_matching_figures_equal_independent_counts(requests_world, vt01, vt02):
    period = this_month()
    made = requests_world["requests"]
    published = CareRequest.objects.filter(kind=RequestKind.CLIENT, published_at__gte=requests_world["start"])
    assert measure("matching.care_requests", period).national.value == published.count() == 7
    assert measure("matching.care_requests", period).by_region[vt01.code].value == 6
    matched = [r for r in made if r.matched_at]
    assert measure("matching.matches", period).by_region[vt01.code].value == len(matched) == 5
    median = statistics.median((r.matched_at - r.published_at).total_seconds() / 86400 for r in matched)
    by_match = measure("matching.median_days_to_match", period)
    assert by_match.by_region[vt01.code].value == pytest.approx(median)
    assert by_match.by_region[vt01.code].denominator == 5
    first = measure("matching.median_days_to_first_response", period).national
    assert first.value == pytest.approx(5 / 24) and first.denominator == 1
    share = measure("matching.matched_within_two_weeks", period).by_region[vt01.code]
    # every match came within 14 days; the unmatched one is too young to judge
    assert (share.numerator, share.denominator, share.value) == (5, 5, 100.0)
    assert measure("matching.refusals.no_place", period).national.value == 1
    unmatched = measure("matching.unmatched_requests", period)
    assert unmatched.national.value == 2 and unmatched.by_region[vt02.code].value == 1


def test_cells_about_clients_under_five_are_suppressed(requests_world, vt02):
    kpi = kpi_get("matching.care_requests")
    result = measure(kpi.key, this_month())
    assert suppressed(kpi, result.by_region[vt02.code])  # 1 request
    assert not suppressed(kpi, result.national)  # 7 requests
    assert not suppressed(kpi, result.by_region.get("VT99", result.national.__class__(0)))  # 0 is safe


def test_colleague_invitations_equal_an_independent_count(vt01, vt02):
    from drakentemmers.recruitment.models import ColleagueInvitation
    from drakentemmers.recruitment.tests.factories import ColleagueInvitationFactory

    ColleagueInvitationFactory.create_batch(2, region=vt01)
    ColleagueInvitationFactory(region=vt02)
    ColleagueInvitationFactory(region=None)
    result = measure("recruitment.colleague_invitations", this_month())
    assert result.national.value == ColleagueInvitation.objects.count() == 4
    assert result.by_region[vt01.code].value == ColleagueInvitation.objects.filter(region=vt01).count() == 2
    assert result.by_region[vt02.code].value == 1
