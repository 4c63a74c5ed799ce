"""The public numbers on the home page are real counts: only verified members and organisations count."""

import pytest
from django.urls import reverse

from drakentemmers.core.selectors import platform_public_numbers
from drakentemmers.directory.models import Organisation, OrganisationKind, TherapistProfile, VerificationStatus
from drakentemmers.regions.models import Municipality

pytestmark = pytest.mark.django_db


def _therapists(n: int, status: str) -> None:
    from drakentemmers.accounts.tests.factories import make_user

    for _i in range(n):
        TherapistProfile.objects.create(user=make_user(), status=status)


def _organisations(n: int, status: str) -> None:
    municipality = Municipality.objects.filter(is_active=True).first()
    for i in range(n):
        Organisation.objects.create(
            name=f"Organisatie {status} {i}",
            kind=OrganisationKind.OTHER,
            contact_name="Contact",
            contact_email="contact@example.nl",
            status=status,
            municipality=municipality,
        )


def test_only_verified_profiles_count():
    _therapists(3, VerificationStatus.VERIFIED)
    _therapists(2, VerificationStatus.SUBMITTED)
    _organisations(2, VerificationStatus.VERIFIED)
    _organisations(1, VerificationStatus.DRAFT)
    numbers = platform_public_numbers()
    assert numbers["therapists"] == 3
    assert numbers["organisations"] == 2
    assert numbers["veilig_thuis_regions"] == 25


def test_query_count_does_not_grow_with_the_data(django_assert_max_num_queries):
    _therapists(5, VerificationStatus.VERIFIED)
    _organisations(5, VerificationStatus.VERIFIED)
    with django_assert_max_num_queries(5):
        platform_public_numbers()


def test_home_shows_numbers_with_dutch_thousands_separator(client, django_assert_max_num_queries):
    _therapists(2, VerificationStatus.VERIFIED)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("core:home")).content.decode()
    assert 'class="dt-stat">2</span> geverifieerde behandelaars' in html
    assert "postcodegebieden" not in html  # issue 22: figures that tell a visitor something, not data sizes


def test_home_in_english_uses_english_separator(client):
    from drakentemmers.dashboard.services import kpi_snapshots_take

    kpi_snapshots_take()  # the headline figures come from the dashboard's nightly snapshot
    client.cookies["dt_language"] = "en"
    html = client.get(reverse("core:home")).content.decode()
    assert "of 25 regions with enough therapists" in html
