"""Issue 15, High 1: confidential pages and the Django admin need a session that *passed* a second factor.

Having MFA set up is not enough: the Django admin login used to give a password-only session that
opened the admin, the care requests and the verification queue.
"""

import copy
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.signals import authenticator_added
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse
from django.utils.http import urlencode

from drakentemmers.accounts.mfa import session_passed_mfa, user_bind_session
from drakentemmers.accounts.models import Role, User
from drakentemmers.accounts.permissions import can_use_django_admin, has_required_mfa
from drakentemmers.accounts.tests.factories import PASSWORD, enable_totp, make_user

pytestmark = pytest.mark.django_db
ADMIN_LOGIN = "/beheer/django/login/"
ADMIN_INDEX = "/beheer/django/"
INVITATIONS = reverse("accounts:invitations")
MFA_REAUTHENTICATE = reverse("mfa_reauthenticate")


def _code(secret: str) -> str:
    if 30 - time.time() % 30 < 2:  # the code must still be valid when it is checked
        time.sleep(2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def admin_with_totp():
    user = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    return user, enable_totp(user)


# --- The Django admin login -------------------------------------------------------------------


def test_admin_login_with_password_alone_gives_no_session(client, admin_with_totp):
    admin, _secret = admin_with_totp
    response = client.post(ADMIN_LOGIN, {"username": admin.email, "password": PASSWORD, "next": ADMIN_INDEX})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN_INDEX).status_code == 302


def test_wrong_admin_passwords_are_never_checked_there(client, admin_with_totp):
    admin, _secret = admin_with_totp
    for _attempt in range(8):
        response = client.post(ADMIN_LOGIN, {"username": admin.email, "password": "fout-wachtwoord"})
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_admin_login_sends_to_the_allauth_login_and_back(client):
    response = client.get(f"{ADMIN_LOGIN}?{urlencode({'next': ADMIN_INDEX})}")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?{urlencode({'next': ADMIN_INDEX})}"


def test_admin_opens_after_the_allauth_login_with_the_totp_step(client, admin_with_totp):
    admin, secret = admin_with_totp
    response = client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD, "next": ADMIN_INDEX})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(ADMIN_INDEX).status_code == 302  # half logged in: no admin
    response = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert response["Location"] == ADMIN_INDEX
    assert client.get(ADMIN_INDEX).status_code == 200


def test_admin_with_a_session_without_mfa_is_asked_for_the_second_factor(client_for, admin_with_totp):
    admin, secret = admin_with_totp
    client = client_for(admin, mfa_passed=False)
    response = client.get(ADMIN_INDEX, follow=True)
    assert response.redirect_chain[-1][0] == f"{MFA_REAUTHENTICATE}?{urlencode({'next': ADMIN_INDEX})}"
    assert response.status_code == 200
    response = client.post(f"{MFA_REAUTHENTICATE}?{urlencode({'next': ADMIN_INDEX})}", {"code": _code(secret)})
    assert response.status_code == 302 and response["Location"] == ADMIN_INDEX
    assert client.get(ADMIN_INDEX).status_code == 200


def test_admin_without_mfa_set_up_is_sent_to_set_it_up(client_for):
    admin = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    response = client_for(admin).get(ADMIN_INDEX, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert response.status_code == 200


def test_admin_with_mfa_passed_opens(client_for, admin_with_totp):
    admin, _secret = admin_with_totp
    client = client_for(admin)
    assert client.get(ADMIN_INDEX).status_code == 200
    assert client.get(ADMIN_LOGIN)["Location"] == ADMIN_INDEX


def test_logged_in_non_staff_gets_403_at_the_admin_login(client_for):
    user = make_user(Role.VERIFIER, mfa=True)
    assert client_for(user).get(ADMIN_LOGIN).status_code == 403


def test_staff_without_a_role_still_needs_mfa_for_the_admin(client_for):
    staff = make_user(is_staff=True)
    assert not can_use_django_admin(staff)
    assert client_for(staff).get(ADMIN_INDEX).status_code == 302


# --- mfa_required on the platform's own pages ------------------------------------------------


def test_session_without_mfa_is_sent_to_the_second_factor_not_the_data(client_for):
    verifier = make_user(Role.VERIFIER)
    secret = enable_totp(verifier)
    client = client_for(verifier, mfa_passed=False)
    response = client.get(INVITATIONS)
    assert response.status_code == 302
    assert response["Location"] == f"{MFA_REAUTHENTICATE}?{urlencode({'next': INVITATIONS})}"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Bevestig met je tweestapscode dat jij het bent" in page.content.decode()
    response = client.post(response["Location"], {"code": _code(secret)})
    assert response["Location"] == INVITATIONS
    assert client.get(INVITATIONS).status_code == 200


def test_wrong_code_keeps_the_page_closed(client_for):
    verifier = make_user(Role.VERIFIER)
    enable_totp(verifier)
    client = client_for(verifier, mfa_passed=False)
    client.post(f"{MFA_REAUTHENTICATE}?{urlencode({'next': INVITATIONS})}", {"code": "000000"})
    assert client.get(INVITATIONS).status_code == 302


def test_client_for_gives_an_mfa_passed_session_by_default(client_for, verifier_user):
    assert client_for(verifier_user).get(INVITATIONS).status_code == 200


def test_predicate_fails_closed_for_a_user_from_outside_a_request(verifier_user):
    assert has_required_mfa(verifier_user)  # make_user(mfa=True): as after a full login
    fresh = User.objects.get(pk=verifier_user.pk)
    assert not has_required_mfa(fresh)


def _request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    request.session = SessionStore()
    return request


def test_setting_up_totp_counts_as_passing_it():
    """allauth announces a new authenticator (after its transaction, so sent by hand here)."""
    verifier = User.objects.get(pk=make_user(Role.VERIFIER).pk)
    request = _request_for(verifier)
    enable_totp(verifier)
    totp = Authenticator.objects.get(user=verifier, type=Authenticator.Type.TOTP)
    assert not session_passed_mfa(request, verifier)
    authenticator_added.send(sender=Authenticator, request=request, user=verifier, authenticator=totp)
    assert session_passed_mfa(request, verifier)
    user_bind_session(request=request, user=verifier)
    assert has_required_mfa(verifier)


def test_new_recovery_codes_do_not_count_as_passing_mfa():
    verifier = User.objects.get(pk=make_user(Role.VERIFIER).pk)
    enable_totp(verifier)
    request = _request_for(verifier)
    codes = RecoveryCodes.activate(verifier).instance
    authenticator_added.send(sender=Authenticator, request=request, user=verifier, authenticator=codes)
    assert not session_passed_mfa(request, verifier)


def test_a_copied_user_object_fails_closed(client_for, verifier_user):
    """The session binding never travels with a copied or pickled user (cache, deepcopy)."""
    request = _request_for(verifier_user)
    user_bind_session(request=request, user=verifier_user)
    request.session["account_authentication_methods"] = [{"method": "mfa", "at": time.time()}]
    request.session["account_authentication_methods_user"] = str(verifier_user.pk)
    assert has_required_mfa(verifier_user)
    assert not has_required_mfa(copy.deepcopy(verifier_user))
