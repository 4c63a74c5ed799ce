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
