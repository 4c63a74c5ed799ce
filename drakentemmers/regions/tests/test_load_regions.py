import pytest
from django.core.management import call_command

from drakentemmers.regions.models import Municipality, PostcodeArea, Region

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing():
    before = (Municipality.objects.count(), PostcodeArea.objects.count(), Region.objects.count())
    amsterdam = Municipality.objects.get(code="GM0363")
    call_command("load_regions")
    after = (Municipality.objects.count(), PostcodeArea.objects.count(), Region.objects.count())
    assert before == after
    assert Municipality.objects.get(code="GM0363").pk == amsterdam.pk


def test_every_municipality_is_in_exactly_one_veilig_thuis_region():
    memberships = Region.municipalities.through.objects.filter(region__kind="vt")
    assert memberships.count() == 342
    assert memberships.values("municipality").distinct().count() == 342


def test_the_womens_shelter_division_starts_with_its_35_central_municipalities():
    regions = list(Region.objects.filter(kind="vo").select_related("central_municipality").order_by("code"))
    assert [r.code for r in regions] == [f"VO{n:02d}" for n in range(1, 36)]
    # Only the central municipality: the member lists are not invented.
    for region in regions:
        assert region.central_municipality is not None
        assert list(region.municipalities.values_list("code", flat=True)) == [region.central_municipality.code]
    centrals = {r.name: r.central_municipality.code for r in regions}
    assert centrals["Vrouwenopvangregio Den Haag"] == "GM0518"  # 's-Gravenhage in CBS's spelling
    assert centrals["Vrouwenopvangregio ’s-Hertogenbosch"] == "GM0796"
    assert centrals["Vrouwenopvangregio Nissewaard"] == "GM1930"
    assert len(set(centrals.values())) == 35


def test_reloading_keeps_members_added_to_a_shelter_region():
    region = Region.objects.get(kind="vo", code="VO01")
    region.municipalities.add(Municipality.objects.get(code="GM0400"))
    pk = region.pk
    call_command("load_regions")
    region = Region.objects.get(kind="vo", code="VO01")
    assert region.pk == pk
    assert set(region.municipalities.values_list("code", flat=True)) == {"GM0361", "GM0400"}
    assert Region.objects.filter(kind="vo").count() == 35


def test_a_division_the_platform_team_imported_is_left_alone_by_reloading():
    from drakentemmers.accounts.models import Role
    from drakentemmers.accounts.tests.factories import make_user
    from drakentemmers.regions import services

    from .division_helpers import csv_bytes

    user = make_user(Role.ADMINISTRATOR, mfa=True)
    for data in (csv_bytes("vo,R1,Eigen regio,GM0361;GM0400,2025,"), csv_bytes("ggd,G1,Eigen GGD,GM0014,2025,")):
        region_import = services.region_import_create(data=data, file_name="x.csv", user=user)
        services.region_import_apply(region_import=region_import, user=user)
    call_command("load_regions")
    assert list(Region.objects.filter(kind="vo").values_list("code", flat=True)) == ["R1"]
    assert list(Region.objects.filter(kind="ggd").values_list("code", flat=True)) == ["G1"]
    assert Region.objects.filter(kind="vt").count() == 25
