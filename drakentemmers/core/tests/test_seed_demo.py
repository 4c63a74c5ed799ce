"""`manage.py seed_demo` creates a user in every role and is idempotent."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command

from drakentemmers.accounts.demo import DEMO_DOMAIN, DEMO_USERS, demo_email
from drakentemmers.accounts.models import Role, RoleGrant, User

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple:
    return (
        User.objects.count(),
        RoleGrant.objects.count(),
        Authenticator.objects.count(),
        sorted(User.objects.values_list("email", flat=True)),
    )


def test_seed_demo_covers_every_role_and_is_idempotent():
    call_command("seed_demo")
    first = _snapshot()
    roles = set(RoleGrant.objects.filter(user__email__endswith=DEMO_DOMAIN).values_list("role", flat=True))
    assert roles == set(Role.values)
    documented = [demo_email(local) for local, *_rest in DEMO_USERS]
    for user in User.objects.filter(email__in=documented):
        user.__dict__.pop("roles", None)
        if user.needs_mfa:
            assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(), user.email
        assert user.check_password("demo-drakentemmers")
    assert User.objects.filter(email__in=documented).count() == len(DEMO_USERS)
    call_command("seed_demo")
    assert _snapshot() == first


def test_demo_logins_lists_every_demo_account(capsys):
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "beheer@" + DEMO_DOMAIN in out and "behandelaar@" + DEMO_DOMAIN in out
