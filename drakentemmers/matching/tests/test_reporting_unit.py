"""Figures follow the reporting unit the platform team chose (regions.selectors.reporting_region_kind)."""

import pytest
from django.urls import reverse

from drakentemmers.regions import services as region_services
from drakentemmers.regions.models import Region, RegionKind, RegionSettings

from .factories import care_request, org_staff

pytestmark = pytest.mark.django_db


def _complete_shelter_division():
    """Put every municipality in one of the 35 women's-shelter regions, so the division may be the unit."""
    first = Region.objects.filter(kind=RegionKind.WOMENS_SHELTER).order_by("code").first()
    vt01 = Region.objects.get(kind=RegionKind.VEILIG_THUIS, code="VT01")
    first.municipalities.set(vt01.municipalities.model.objects.filter(is_active=True))
    return first


def test_national_matching_figures_and_public_figures_use_the_reporting_unit(client, client_for, verifier_user):
    staff = org_staff()
    care_request(staff=staff, status="open")
    national = client_for(verifier_user)
    assert "Noord-Holland Noord" in national.get(reverse("matching:metrics")).content.decode()  # a VT region
    shelter_region = _complete_shelter_division()
    region_services.reporting_kind_set(kind=RegionKind.WOMENS_SHELTER, user=verifier_user)
    assert RegionSettings.objects.get().reporting_kind == RegionKind.WOMENS_SHELTER
    metrics = national.get(reverse("matching:metrics")).content.decode()
    assert shelter_region.name in metrics and "Noord-Holland Noord" not in metrics
    figures = client.get(reverse("directory:public_network")).content.decode()
    assert shelter_region.name in figures and "Noord-Holland Noord" not in figures
