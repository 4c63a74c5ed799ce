"""The privacy guard on the directory's free text: therapist bio and contact preferences, organisation description.

Names and the like are highlighted and may be confirmed; a BSN, a street address or a full postcode is refused
with no override, in the form and again in the service (a shelter's address is never stored).
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory import services
from drakentemmers.directory.models import Organisation, TherapistProfile
from drakentemmers.regions.selectors import place_resolve

from .test_organisation_views import FORM as ORGANISATION_FORM

pytestmark = pytest.mark.django_db

PRESENTATION = reverse("directory:therapist_step", kwargs={"step": "presentation"})
ORGANISATION_CREATE = reverse("directory:organisation_create")
ADDRESS_MESSAGE = "We slaan nooit adressen op"


@pytest.fixture
def therapist_client(client_for):
    user = make_user()
    return user, client_for(user)


def test_bio_with_a_client_name_is_highlighted_and_kept(therapist_client):
    user, client = therapist_client
    bio = "Vorige week behandelde ik Fatima de Vries met EMDR."
    response = client.post(PRESENTATION, {"bio": bio, "contact_preferences": "Via bericht"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="privacy-alert"' in html and "Fatima de Vries</mark>" in html
    assert 'type="checkbox" name="privacy_confirm"' in html
    assert bio in html and 'value="Via bericht"' in html  # what was typed is kept
    assert TherapistProfile.objects.get(user=user).bio == ""


def test_bio_finding_can_be_confirmed(therapist_client):
    user, client = therapist_client
    bio = "Ik werk met de methode van Marieke de Vries (collega) en EMDR."
    response = client.post(PRESENTATION, {"bio": bio, "contact_preferences": "", "privacy_confirm": "on"})
    assert response.status_code == 302
    assert TherapistProfile.objects.get(user=user).bio == bio


def test_a_clean_bio_saves_without_a_checkbox(therapist_client):
    user, client = therapist_client
    bio = "Ik behandel kinderen na huiselijk geweld met TF-CBT, bij Fier in Leeuwarden en online."
    response = client.post(PRESENTATION, {"bio": bio, "contact_preferences": "Via bericht"})
    assert response.status_code == 302
    assert TherapistProfile.objects.get(user=user).bio == bio


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("bio", "Mijn praktijk zit in de opvang aan de Dorpsweg 3 in Zwolle.", ADDRESS_MESSAGE),
        ("contact_preferences", "Langskomen op 3511 AB 12", ADDRESS_MESSAGE),
        ("bio", "Cliënt met bsn 111222333 was mijn eerste.", "burgerservicenummer"),
    ],
)
def test_an_address_or_bsn_in_the_profile_is_refused_even_when_confirmed(therapist_client, field, text, message):
    user, client = therapist_client
    data = {"bio": "", "contact_preferences": "", field: text, "privacy_confirm": "on"}
    response = client.post(PRESENTATION, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "privacy-mark" in html
    assert getattr(TherapistProfile.objects.get(user=user), field) == ""


def test_profile_service_refuses_an_address(therapist_client):
    user, _client = therapist_client
    profile = services.therapist_profile_get_or_create(user=user)
    with pytest.raises(ValidationError) as error:
        services.therapist_profile_update(profile=profile, fields={"bio": "Opvang: Kerkstraat 12, Utrecht"})
    assert "bio" in error.value.message_dict
    profile.refresh_from_db()
    assert profile.bio == ""


def test_organisation_description_with_a_name_is_highlighted_then_confirmed(client_for):
    client = client_for(make_user())
    description = "Opgericht door Jan Jansen; wij vangen vrouwen en kinderen op."
    response = client.post(ORGANISATION_CREATE, {**ORGANISATION_FORM, "description": description})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jan Jansen</mark>" in html and 'type="checkbox" name="privacy_confirm"' in html and description in html
    assert not Organisation.objects.exists()
    response = client.post(
        ORGANISATION_CREATE, {**ORGANISATION_FORM, "description": description, "privacy_confirm": "on"}
    )
    assert response.status_code == 302
    assert Organisation.objects.get().description == description


def test_organisation_description_with_the_shelter_address_is_refused(client_for):
    description = "Ons opvanghuis staat aan de Molenweg 5 in Eindhoven."
    response = client_for(make_user()).post(
        ORGANISATION_CREATE, {**ORGANISATION_FORM, "description": description, "privacy_confirm": "on"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert ADDRESS_MESSAGE in html and description in html
    assert not Organisation.objects.exists()


def test_organisation_service_refuses_a_full_postcode():
    fields = {k: v for k, v in ORGANISATION_FORM.items() if k not in ("place", "covered")}
    fields["kvk_number"] = "12345678"
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            creator=make_user(),
            fields={**fields, "description": "Bezoekadres 5611 AB 10"},
            place=place_resolve("5611"),
            covered=[],
        )
    assert "description" in error.value.message_dict
    assert not Organisation.objects.exists()
