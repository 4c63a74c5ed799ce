import pytest
from django.core.exceptions import ValidationError

from drakentemmers.regions.models import Municipality, PostcodeArea, Province, Region, RegionKind
from drakentemmers.regions.selectors import distance_km, parse_postcode, place_resolve

pytestmark = pytest.mark.django_db


def test_the_real_data_is_loaded():
    assert Province.objects.count() == 12
    assert Municipality.objects.filter(is_active=True).count() == 342
    assert PostcodeArea.objects.count() == 4067
    assert Region.objects.filter(kind=RegionKind.VEILIG_THUIS).count() == 25
    assert Region.objects.filter(kind=RegionKind.YOUTH_CARE).count() == 42
    assert Region.objects.filter(kind=RegionKind.GGD).count() == 25


@pytest.mark.parametrize("typed", ["1011", "1011 AB", "1011AB", " 1011 ab "])
def test_postcode_in_any_spelling_resolves_to_amsterdam(typed):
    place = place_resolve(typed)
    assert place.postcode == "1011"
    assert place.municipality.code == "GM0363"
    assert place.province.code == "PV27"


def test_postcode_place_knows_its_regions():
    kinds = {region.kind: region.name for region in place_resolve("1011 AB").regions()}
    assert kinds[RegionKind.VEILIG_THUIS] == "Amsterdam-Amstelland"


@pytest.mark.parametrize("typed", ["Almere", "almere", "ALMERE "])
def test_municipality_name_resolves_case_insensitively(typed):
    assert place_resolve(typed).municipality.code == "GM0034"


@pytest.mark.parametrize(
    ("typed", "code"), [("Den Haag", "GM0518"), ("Den Bosch", "GM0796"), ("'s-Gravenhage", "GM0518")]
)
def test_common_names_resolve_to_the_official_municipality(typed, code):
    assert place_resolve(typed).municipality.code == code


def test_a_place_that_is_not_a_municipality_resolves_to_its_municipality():
    place = place_resolve("Hoofddorp")
    assert place.municipality.name == "Haarlemmermeer"


@pytest.mark.parametrize("typed", ["123", "12345", "0123 AB", "1234 A", "abcd", "1234 SS", "1234-AB-9"])
def test_invalid_postcodes_get_a_clear_error(typed):
    with pytest.raises(ValidationError) as error:
        place_resolve(typed)
    assert error.value.code in {"invalid_postcode", "unknown_place"}


def test_forbidden_letter_pair_is_named_in_the_message():
    with pytest.raises(ValidationError) as error:
        parse_postcode("1234 SA")
    assert "SA" in error.value.messages[0]


def test_unknown_but_well_formed_postcode_is_reported_as_unknown():
    # 1000 is a post-office-box range: well-formed, but no area with inhabitants.
    assert not PostcodeArea.objects.filter(code="1000").exists()
    with pytest.raises(ValidationError) as error:
        place_resolve("1000")
    assert error.value.code == "unknown_postcode"


def test_unknown_municipality_is_reported():
    with pytest.raises(ValidationError) as error:
        place_resolve("Atlantis")
    assert error.value.code == "unknown_place"


def test_empty_input_is_required():
    with pytest.raises(ValidationError):
        place_resolve("  ")


def test_distance_amsterdam_groningen_is_about_150_km():
    assert 140 <= distance_km("1011", "9711") <= 160


def test_distance_is_symmetric_and_zero_for_same_place():
    assert distance_km("Almere", "Utrecht") == distance_km("Utrecht", "Almere")
    assert distance_km("3511", "3511 AB") == 0.0


def test_distance_maastricht_groningen_spans_the_country():
    assert 250 <= distance_km("Maastricht", "Groningen") <= 290
