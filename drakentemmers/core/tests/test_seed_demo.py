"""`manage.py seed_demo` creates a user in every role and is idempotent."""

import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.management import call_command
from django.core.management.base import CommandError

from drakentemmers.accounts.demo import DEMO_DOMAIN, DEMO_USERS, demo_email, demo_totp_secret
from drakentemmers.accounts.models import Role, RoleGrant, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _development_machine(settings):
    """The demo commands belong on development machines (DEBUG on); tests run with DEBUG off."""
    settings.DEBUG = True


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


# --- Issue 15, Medium 9: no demo logins on a production machine; secrets keyed with SECRET_KEY -----


@pytest.mark.parametrize(
    ("command", "args"), [("seed_demo", []), ("demo_totp", ["beheer@" + DEMO_DOMAIN]), ("demo_logins", [])]
)
def test_demo_commands_refuse_with_debug_off(settings, command, args):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production"):
        call_command(command, *args)
    assert not User.objects.filter(email__endswith=DEMO_DOMAIN).exists()


def test_seed_demo_runs_with_debug_off_only_when_asked(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--allow-production")
    assert User.objects.filter(email="beheer@" + DEMO_DOMAIN).exists()


def test_demo_totp_secret_depends_on_the_secret_key(settings):
    email = "opvang@" + DEMO_DOMAIN
    first = demo_totp_secret(email)
    settings.SECRET_KEY = "another-installation-0123456789abcdefghijklmnopqrstuvwxyz"
    assert demo_totp_secret(email) != first
    assert demo_totp_secret(email) == demo_totp_secret(email)


def test_demo_totp_prints_the_code_the_login_accepts(capsys):
    call_command("seed_demo")
    email = "opvang@" + DEMO_DOMAIN
    authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    stored = get_adapter().decrypt(authenticator.data["secret"])
    capsys.readouterr()
    call_command("demo_totp", email)
    printed = capsys.readouterr().out.strip()
    assert printed in {format_hotp_value(hotp_value(stored, counter)) for counter in yield_hotp_counters_from_time()}


def test_seed_demo_moves_old_secrets_to_the_keyed_ones(settings):
    call_command("seed_demo")
    email = "opvang@" + DEMO_DOMAIN
    settings.SECRET_KEY = "another-installation-0123456789abcdefghijklmnopqrstuvwxyz"
    call_command("seed_demo")
    authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    assert get_adapter().decrypt(authenticator.data["secret"]) == demo_totp_secret(email)
    assert Authenticator.objects.filter(user__email=email, type=Authenticator.Type.TOTP).count() == 1
