"""The reporting unit: Veilig Thuis until the platform team marks another division, and only a complete one."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.regions import services
from drakentemmers.regions.models import RegionKind, RegionSettings
from drakentemmers.regions.selectors import reporting_region_kind, reporting_regions

from .division_helpers import division_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return make_user(Role.ADMINISTRATOR, mfa=True)


def test_veilig_thuis_is_the_reporting_unit_until_another_is_chosen():
    assert not RegionSettings.objects.exists()
    assert reporting_region_kind() == RegionKind.VEILIG_THUIS
    assert reporting_regions().count() == 25
    assert {region.kind for region in reporting_regions()} == {"vt"}


def test_an_incomplete_division_is_refused_with_a_dutch_explanation(admin_user):
    with translation.override("nl"), pytest.raises(ValidationError) as raised:
        services.reporting_kind_set(kind=RegionKind.WOMENS_SHELTER, user=admin_user)
    message = raised.value.messages[0]
    assert message.startswith(
        "Centrumgemeenteregio vrouwenopvang kan nog geen rapportage-eenheid zijn: "
        "307 gemeenten vallen in geen enkele regio ("
    )
    assert "en nog 302" in message and "Importeer eerst een volledige indeling." in message
    assert reporting_region_kind() == RegionKind.VEILIG_THUIS


def test_a_division_without_regions_is_refused(admin_user):
    with translation.override("nl"), pytest.raises(ValidationError, match="heeft nog geen regio's"):
        services.reporting_kind_set(kind=RegionKind.GHNT, user=admin_user)


def test_a_complete_division_becomes_the_reporting_unit(admin_user):
    # The women's-shelter division made complete (here with Veilig Thuis membership, for the test only).
    region_import = services.region_import_create(
        data=division_from(RegionKind.VEILIG_THUIS, kind="vo", prefix="X"), file_name="vo.csv", user=admin_user
    )
    services.region_import_apply(region_import=region_import, user=admin_user)
    settings = services.reporting_kind_set(kind=RegionKind.WOMENS_SHELTER, user=admin_user)
    assert (settings.pk, settings.updated_by) == (1, admin_user)
    assert reporting_region_kind() == RegionKind.WOMENS_SHELTER
    assert reporting_regions().count() == 25
    assert set(reporting_regions().values_list("kind", flat=True)) == {"vo"}
    # Back to Veilig Thuis: the same row is updated (a singleton).
    services.reporting_kind_set(kind=RegionKind.VEILIG_THUIS, user=admin_user)
    assert RegionSettings.objects.count() == 1 and reporting_region_kind() == RegionKind.VEILIG_THUIS
