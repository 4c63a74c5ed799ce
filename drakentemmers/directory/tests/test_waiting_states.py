"""States that explain themselves: a therapist waiting for verification reaches every menu page."""

import pytest
from django.test import Client
from django.urls import reverse

from drakentemmers.directory.models import VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_therapist():
    return TherapistProfileFactory(status=VerificationStatus.SUBMITTED)


def _menu_urls(client: Client) -> list[str]:
    response = client.get(reverse("core:my_home"))
    return [item["url"] for item in response.context["nav_items"]]


def test_every_menu_page_answers_without_404_or_403(waiting_therapist):
    client = Client()
    client.force_login(waiting_therapist.user)
    urls = [*_menu_urls(client), reverse("core:my_home"), reverse("accounts:overview")]
    statuses = {url: client.get(url).status_code for url in urls}
    assert all(status in (200, 302) for status in statuses.values()), statuses


@pytest.mark.parametrize("name", ["matching:inbox", "matching:fitting"])
def test_matching_pages_explain_the_wait_instead_of_404(waiting_therapist, name):
    client = Client()
    client.force_login(waiting_therapist.user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ingediend ter verificatie" in html or "Submitted for verification" in html
    assert reverse("directory:my_profile") in html


def test_the_profession_step_keeps_only_the_chosen_registration(waiting_therapist):
    from drakentemmers.directory.forms import ProfessionStepForm
    from drakentemmers.directory.tests.factories import profession

    data = {
        "first_name": "Fenna",
        "last_name": "Drakenstein",
        "profession": profession().pk,
        "registration_kind": "nip",
        "big_number": "123",  # would be invalid, but belongs to another registration
        "registration_number": "NIP-1234",
    }
    form = ProfessionStepForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["big_number"] == "" and form.cleaned_data["registration_number"] == "NIP-1234"
    html = str(form["big_number"])
    assert 'data-registration-kinds="big"' in html


def test_remove_photo_is_offered_only_with_a_photo(waiting_therapist):
    from drakentemmers.directory.forms import PresentationStepForm

    assert "remove_photo" not in PresentationStepForm(instance=waiting_therapist).fields
    waiting_therapist.photo = "therapists/x.jpg"
    assert "remove_photo" in PresentationStepForm(instance=waiting_therapist).fields
