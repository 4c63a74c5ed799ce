"""Organisation sign-up helps: the phone number is checked in Dutch formats, the contact comes from the account."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.services import validate_dutch_phone

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "number",
    [
        "020 123 4567",
        "020-1234567",
        "06 1234 5678",
        "+31 6 12345678",
        "0031 20 123 4567",
        "0800 2000",
        "(030) 123 45 67",
    ],
)
def test_dutch_numbers_pass(number):
    validate_dutch_phone(number)


@pytest.mark.parametrize("number", ["12345", "06 1234 567", "+44 20 7946 0958", "bel mij", "020 123 4567 8", "0800 12"])
def test_other_input_is_refused_with_an_example(number):
    with pytest.raises(ValidationError) as raised:
        validate_dutch_phone(number)
    assert raised.value.code == "invalid_phone"


def test_the_form_prefills_the_contact_from_the_account(client_for):
    user = make_user(first_name="Sanne", last_name="Opvang")
    html = client_for(user).get(reverse("directory:organisation_create")).content.decode()
    assert 'value="Sanne Opvang"' in html
    assert f'value="{user.email}"' in html


def test_a_wrong_phone_number_is_marked_and_kept(client_for):
    user = make_user()
    response = client_for(user).post(
        reverse("directory:organisation_create"), {"name": "Opvang", "contact_phone": "12345", "kind": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_contact_phone"' in html
    assert 'value="12345"' in html
    assert "020 123 4567" in html
