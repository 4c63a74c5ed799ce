"""Logging in with two-factor authentication: TOTP code, recovery code, and a clear Dutch error."""

import time

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import PASSWORD, enable_totp, make_user

pytestmark = pytest.mark.django_db
AUTHENTICATE = reverse("mfa_authenticate")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def staff_with_totp():
    user = make_user(Role.ORG_STAFF)
    return user, enable_totp(user)


def _password_step(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == AUTHENTICATE
    assert "_auth_user_id" not in client.session


def test_totp_code_completes_the_login(client, staff_with_totp):
    user, secret = staff_with_totp
    _password_step(client, user)
    if 30 - time.time() % 30 < 2:  # the code must still be valid when it is checked
        time.sleep(2)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(AUTHENTICATE, {"code": code})
    assert response.status_code == 302 and response["Location"] == reverse("core:my_home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_code_is_refused_in_dutch(client, staff_with_totp):
    user, _secret = staff_with_totp
    _password_step(client, user)
    response = client.post(AUTHENTICATE, {"code": "000000"})
    assert response.status_code == 200
    assert "Ongeldige code." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_recovery_code_works_once(client, staff_with_totp):
    user, _secret = staff_with_totp
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    _password_step(client, user)
    assert client.post(AUTHENTICATE, {"code": code})["Location"] == reverse("core:my_home")
    client.post(reverse("account_logout"))
    _password_step(client, user)
    assert client.post(AUTHENTICATE, {"code": code}).status_code == 200
