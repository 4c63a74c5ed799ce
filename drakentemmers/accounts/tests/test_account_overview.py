"""The account page: personal data, links to e-mail/password/MFA/sessions, export and erasure."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("accounts:overview")


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("persona", ["nobody", "therapist_user", "org_staff_user", "coordinator_user", "verifier_user"])
def test_every_logged_in_persona_sees_own_account(request, client_for, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(URL)
    assert response.status_code == 200
    assert "accounts/overview.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert user.email in html
    for url_name in ["account_email", "account_change_password", "mfa_index", "usersessions_list", "accounts:export"]:
        assert reverse(url_name) in html


def test_mfa_badge_and_warning(client_for, org_staff_user, org_staff_without_mfa):
    assert "dt-badge--ok" in client_for(org_staff_user).get(URL).content.decode()
    html = client_for(org_staff_without_mfa).get(URL).content.decode()
    assert "dt-badge--warn" in html
    assert "Voor je rol is tweestapsverificatie verplicht" in html


def test_saving_personal_details(client_for, nobody):
    response = client_for(nobody).post(URL, {"first_name": "Anna", "last_name": "de Vries", "preferred_language": "en"})
    assert response.status_code == 302
    nobody.refresh_from_db()
    assert (nobody.first_name, nobody.last_name, nobody.preferred_language) == ("Anna", "de Vries", "en")


def test_invalid_input_keeps_what_was_typed_and_shows_a_dutch_error(client_for, nobody):
    response = client_for(nobody).post(URL, {"first_name": "Anna", "last_name": "x" * 200, "preferred_language": "nl"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Anna"' in html
    assert "Zorg dat deze waarde niet meer dan 150 tekens bevat" in html


def test_it_rejects_put(client_for, nobody):
    assert client_for(nobody).put(URL).status_code == 405


def test_saving_the_preferred_language_switches_the_site(client_for, nobody):
    client = client_for(nobody)
    response = client.post(URL, {"first_name": "Anna", "last_name": "Smit", "preferred_language": "en"})
    assert response.cookies["dt_language"].value == "en"
    assert '<html lang="en">' in client.get(URL).content.decode()
