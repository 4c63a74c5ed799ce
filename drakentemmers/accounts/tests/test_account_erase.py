"""GDPR erasure: the account is anonymised, logged out and can no longer log in."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from drakentemmers.accounts import personal_data
from drakentemmers.accounts.models import User
from drakentemmers.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
URL = reverse("accounts:erase")
REAUTHENTICATE = f"{reverse('account_reauthenticate')}?{urlencode({'next': URL})}"


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


def test_without_confirmation_nothing_happens(client_for, therapist_user):
    response = client_for(therapist_user).post(URL, {})
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    therapist_user.refresh_from_db()
    assert therapist_user.is_active


def test_erase_anonymises_and_logs_out(client_for, org_staff_user, monkeypatch):
    erased = []
    monkeypatch.setattr(personal_data, "_ERASERS", {"extra": (100, erased.append)})
    email = org_staff_user.email
    client = client_for(org_staff_user)
    response = client.post(URL, {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert "Je account en persoonsgegevens zijn verwijderd." in response.content.decode()
    user = User.objects.get(pk=org_staff_user.pk)
    assert erased == [user]
    assert user.email == f"erased-{user.pk}@erased.invalid"
    assert user.first_name == user.last_name == ""
    assert not user.is_active and not user.has_usable_password()
    assert user.erasure_requested_at is not None
    assert not user.role_grants.exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert not User.objects.filter(email=email).exists()
    # Logged out: the account page asks for a login again.
    assert client.get(reverse("accounts:overview")).status_code == 302
    # And the old login no longer works.
    login = Client().post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert login.status_code == 200
    assert "_auth_user_id" not in login.client.session


def test_erasure_asks_for_the_password_again_and_then_goes_on(client_for, therapist_user):
    """Issue 15, Low 15: erasure needs a fresh password; the confirmed POST is carried out after it."""
    client = client_for(therapist_user, reauthenticated=False)
    assert client.get(URL)["Location"] == REAUTHENTICATE
    response = client.post(URL, {"confirm": "on"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate"))
    therapist_user.refresh_from_db()
    assert therapist_user.is_active
    response = client.post(response["Location"], {"password": PASSWORD})
    therapist_user.refresh_from_db()
    assert not therapist_user.is_active
    assert response["Location"] == reverse("core:home")
