"""mfa_required: roles that see non-public data must switch on two-factor authentication first."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@mfa_required
def confidential(request):
    return HttpResponse("geheim")


def _call(user):
    request = RequestFactory().get("/vertrouwelijk/")
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request, confidential(request)


@pytest.mark.parametrize(
    ("roles", "mfa", "allowed"),
    [
        ((), False, True),
        ((Role.THERAPIST,), False, True),
        ((Role.ORG_STAFF,), False, False),
        ((Role.ORG_STAFF,), True, True),
        ((Role.COORDINATOR,), False, False),
        ((Role.EDITOR,), False, False),
        ((Role.MODERATOR,), False, False),
        ((Role.VERIFIER,), False, False),
        ((Role.ADMINISTRATOR,), False, False),
        ((Role.ADMINISTRATOR,), True, True),
        ((Role.THERAPIST, Role.MODERATOR), False, False),
    ],
)
def test_mfa_is_required_for_roles_with_confidential_access(roles, mfa, allowed, region_vt):
    user = make_user(*roles, mfa=mfa, region=region_vt if Role.COORDINATOR in roles else None)
    request, response = _call(user)
    if allowed:
        assert response.status_code == 200 and response.content == b"geheim"
    else:
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
        messages = [str(m) for m in request._messages]
        assert messages == ["Je rol geeft toegang tot vertrouwelijke informatie. Stel eerst tweestapsverificatie in."]


def test_anonymous_goes_to_login():
    _request, response = _call(None)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_superuser_counts_as_administrator_and_needs_mfa():
    user = make_user(is_superuser=True, is_staff=True)
    _request, response = _call(user)
    assert response["Location"] == reverse("mfa_activate_totp")


def test_mfa_page_opens_for_staff_without_mfa_after_reauthentication(client, org_staff_without_mfa):
    client.post(reverse("account_login"), {"login": org_staff_without_mfa.email, "password": PASSWORD})
    # allauth asks for the password again before a security change.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Authenticator" in html or "authenticator" in html
    assert "<h1" in html
