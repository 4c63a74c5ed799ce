from datetime import UTC, date, datetime

import pytest

from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.recruitment.models import ColleagueInvitation
from drakentemmers.recruitment.selectors import recruitment_monthly_figures
from drakentemmers.regions.models import Region, RegionKind

from .factories import ColleagueInvitationFactory

pytestmark = pytest.mark.django_db


def _at(profile, created, verified=None):
    TherapistProfile.objects.filter(pk=profile.pk).update(created_at=created, verified_at=verified)


def test_invited_joined_verified_per_region_per_month(region_vt, django_assert_max_num_queries):
    utrecht = Region.objects.get(kind=RegionKind.VEILIG_THUIS, code="VT20")
    jan, feb = datetime(2026, 1, 15, 12, tzinfo=UTC), datetime(2026, 2, 10, 12, tzinfo=UTC)
    for when, region in [(jan, region_vt), (jan, region_vt), (feb, utrecht), (feb, None)]:
        invitation = ColleagueInvitationFactory(region=region)
        ColleagueInvitation.objects.filter(pk=invitation.pk).update(created_at=when)
    _at(TherapistProfileFactory(locations=["1011"]), jan, feb)  # joined Jan, verified Feb, Amsterdam
    _at(TherapistProfileFactory(locations=["1011", "3511"]), jan, jan)  # both regions
    _at(TherapistProfileFactory(locations=["3511"], status=VerificationStatus.DRAFT, verified_at=None), feb)
    _at(TherapistProfileFactory(locations=[], status=VerificationStatus.DRAFT, verified_at=None), feb)
    # Midnight on 1 February in Amsterdam is still January in UTC: counted in February.
    _at(
        TherapistProfileFactory(locations=["3511"], status=VerificationStatus.SUBMITTED),
        datetime(2026, 1, 31, 23, 30, tzinfo=UTC),
    )

    with django_assert_max_num_queries(6):
        figures = recruitment_monthly_figures(
            since=datetime(2026, 1, 1, tzinfo=UTC), until=datetime(2026, 3, 1, tzinfo=UTC)
        )
    table = {(f.month, f.region_name or None): (f.invited, f.joined, f.verified) for f in figures}
    assert table == {
        (date(2026, 1, 1), region_vt.name): (2, 2, 1),
        (date(2026, 1, 1), utrecht.name): (0, 1, 1),
        (date(2026, 2, 1), region_vt.name): (0, 0, 1),
        (date(2026, 2, 1), utrecht.name): (1, 2, 0),
        (date(2026, 2, 1), None): (1, 1, 0),
    }


def test_a_coordinator_scope_leaves_out_other_regions(region_vt):
    TherapistProfileFactory(locations=["3511"])
    TherapistProfileFactory(locations=[])
    assert recruitment_monthly_figures(regions=[region_vt]) == []
