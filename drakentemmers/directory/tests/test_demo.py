"""The demo network: deterministic, idempotent, fictitious, nationwide and fast."""

import time

import pytest

from drakentemmers.accounts import demo as accounts_demo
from drakentemmers.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_email
from drakentemmers.accounts.tests.factories import as_mfa_passed
from drakentemmers.directory import demo
from drakentemmers.directory.models import (
    Organisation,
    OrganisationKind,
    OrganisationMembership,
    TherapistProfile,
    VerificationStatus,
    WorkLocation,
)
from drakentemmers.directory.permissions import can_search_therapists, is_verified_therapist
from drakentemmers.directory.services import therapist_profile_missing
from drakentemmers.regions.models import Region, RegionKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    accounts_demo.seed()
    started = time.monotonic()
    demo.seed()
    return time.monotonic() - started


def test_seed_is_fast(seeded):
    assert seeded < 30


def test_seed_creates_the_network(seeded):
    therapists = TherapistProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
    assert therapists.count() == demo.THERAPIST_COUNT + 1  # plus behandelaar@
    statuses = set(therapists.values_list("status", flat=True))
    assert {VerificationStatus.VERIFIED, VerificationStatus.SUBMITTED, VerificationStatus.REJECTED} <= statuses
    verified = therapists.filter(status=VerificationStatus.VERIFIED).count()
    assert 0.75 * demo.THERAPIST_COUNT < verified < demo.THERAPIST_COUNT
    stale = [t for t in therapists if t.availability_is_stale]
    assert 0.1 * demo.THERAPIST_COUNT < len(stale) < 0.4 * demo.THERAPIST_COUNT
    assert not WorkLocation.objects.filter(
        therapist__in=therapists, postcode_area__isnull=True, municipality__isnull=True
    )
    organisations = Organisation.objects.filter(contact_email__endswith=f"@{DEMO_DOMAIN}")
    assert organisations.count() == demo.ORGANISATION_COUNT + 1  # plus the shelter of opvang@
    assert set(organisations.values_list("kind", flat=True)) == set(OrganisationKind.values)
    for organisation in organisations:
        assert 1 <= organisation.memberships.count() <= 3


def test_every_veilig_thuis_region_has_verified_therapists(seeded):
    regions = Region.objects.filter(kind=RegionKind.VEILIG_THUIS)
    assert regions.count() == 25
    for region in regions:
        assert TherapistProfile.objects.filter(
            status=VerificationStatus.VERIFIED, locations__municipality__in=region.municipalities.all()
        ).exists(), region.name


def test_seed_is_idempotent_and_deterministic(seeded):
    before = list(
        TherapistProfile.objects.order_by("user__email").values_list("user__email", "user__last_name", "status")
    )
    orgs = Organisation.objects.count()
    demo.seed()
    assert (
        list(TherapistProfile.objects.order_by("user__email").values_list("user__email", "user__last_name", "status"))
        == before
    )
    assert Organisation.objects.count() == orgs


def test_seed_tops_up_what_is_missing(seeded):
    last = TherapistProfile.objects.get(user__email=demo_email(f"behandelaar{demo.THERAPIST_COUNT:03d}"))
    expected = (last.user.last_name, last.status, last.waiting_weeks)
    last.user.delete()

    demo.seed()

    again = TherapistProfile.objects.get(user__email=demo_email(f"behandelaar{demo.THERAPIST_COUNT:03d}"))
    assert (again.user.last_name, again.status, again.waiting_weeks) == expected


def test_demo_personas(seeded):
    opvang = accounts_demo.User.objects.get(email=demo_email("opvang"))
    membership = OrganisationMembership.objects.get(user=opvang)
    assert membership.is_admin
    assert membership.organisation.kind == OrganisationKind.WOMENS_SHELTER
    assert membership.organisation.is_verified
    assert can_search_therapists(as_mfa_passed(opvang))  # as after her login with the TOTP step

    bente = accounts_demo.User.objects.get(email=demo_email("behandelaar"))
    assert is_verified_therapist(bente)
    assert therapist_profile_missing(bente.therapist_profile) == []


def test_demo_therapists_can_log_in(seeded, client):
    assert client.login(email=demo_email("behandelaar001"), password=DEMO_PASSWORD)
