"""GDPR export: a JSON download with the user's own data and nobody else's."""

import json

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from drakentemmers.accounts import personal_data
from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
URL = reverse("accounts:export")
REAUTHENTICATE = f"{reverse('account_reauthenticate')}?{urlencode({'next': URL})}"


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


def test_export_contains_own_data_only(client_for, coordinator_user, region_vt):
    other = make_user(Role.THERAPIST, first_name="Anders", last_name="Persoon", email="ander@example.nl")
    response = client_for(coordinator_user).get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="drakentemmers-gegevens-')
    data = json.loads(response.content)
    account = data["account"]
    assert account["email"] == coordinator_user.email
    assert account["first_name"] == coordinator_user.first_name
    assert account["email_addresses"] == [{"email": coordinator_user.email, "verified": True, "primary": True}]
    assert account["roles"][0]["role"] == Role.COORDINATOR
    assert account["roles"][0]["region"] == region_vt.name
    assert account["mfa_methods"] == ["totp"]
    raw = response.content.decode()
    assert other.email not in raw and "Anders" not in raw


def test_apps_can_add_a_section(client_for, nobody, monkeypatch):
    monkeypatch.setattr(personal_data, "_EXPORTERS", {"extra": lambda user: {"id": user.pk}})
    data = json.loads(client_for(nobody).get(URL).content)
    assert data["extra"] == {"id": nobody.pk}


def test_it_rejects_post(client_for, nobody):
    assert client_for(nobody).post(URL).status_code == 405


def test_export_asks_for_the_password_again_first(client_for, nobody):
    """Issue 15, Low 15: a session left open must not hand out the whole file."""
    client = client_for(nobody, reauthenticated=False)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == REAUTHENTICATE
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Voer je wachtwoord in:" in html and "Toegang bevestigen" in html
    assert "Cache-Control" in page and "no-store" in page["Cache-Control"]
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == URL
    assert client.get(URL).status_code == 200


def test_a_wrong_password_gives_no_export(client_for, nobody):
    client = client_for(nobody, reauthenticated=False)
    response = client.post(REAUTHENTICATE, {"password": "fout-wachtwoord"})
    assert response.status_code == 200
    assert client.get(URL).status_code == 302
