"""Fictitious demo accounts, one per role, with documented logins (see README)."""

import base64
import hashlib
import hmac

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings

from drakentemmers.regions.models import Region, RegionKind

from .models import Role, User
from .services import role_grant

DEMO_PASSWORD = "demo-drakentemmers"  # noqa: S105 - fictitious demo data, documented in the README
DEMO_DOMAIN = "demo.drakentemmers.nl"

# (e-mail local part, first name, last name, roles)
DEMO_USERS = [
    ("beheer", "Bram", "Beheer", [Role.ADMINISTRATOR]),
    ("verificatie", "Vera", "Verhoef", [Role.VERIFIER, Role.MODERATOR]),
    ("redactie", "Roos", "Redacteur", [Role.EDITOR]),
    ("coordinator", "Karim", "Coördinator", [Role.COORDINATOR]),
    ("opvang", "Olga", "Opvang", [Role.ORG_STAFF]),
    ("behandelaar", "Bente", "Behandelaar", [Role.THERAPIST]),
    ("nieuw", "Noor", "Nieuwkomer", []),
]


def demo_totp_secret(email: str) -> str:
    """A fixed TOTP secret per demo account and machine, so `demo_totp` can print the current code.

    Keyed with SECRET_KEY: knowing the source code and the demo e-mail addresses is not enough to
    compute the codes of another installation.
    """
    digest = hmac.new(settings.SECRET_KEY.encode(), f"drakentemmers-demo-totp:{email}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()[:20]).decode()


def _demo_totp_ensure(user: User) -> None:
    """TOTP with the demo secret; an account seeded with an older secret gets the current one."""
    secret = demo_totp_secret(user.email)
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        TOTP.activate(user, secret)
        return
    adapter = get_adapter()
    if adapter.decrypt(authenticator.data["secret"]) != secret:
        authenticator.data["secret"] = adapter.encrypt(secret)
        authenticator.save(update_fields=["data"])


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def seed() -> dict[str, User]:
    coordinator_region = (
        Region.objects.filter(kind=RegionKind.GHNT).order_by("code").first()
        or Region.objects.filter(kind=RegionKind.VEILIG_THUIS, name__icontains="Amsterdam").first()
    )
    users: dict[str, User] = {}
    for local, first, last, roles in DEMO_USERS:
        email = demo_email(local)
        user, created = User.objects.get_or_create(email=email, defaults={"first_name": first, "last_name": last})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = Role.ADMINISTRATOR in roles
            user.save()
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        for role in roles:
            role_grant(user=user, role=role, region=coordinator_region if role == Role.COORDINATOR else None)
        if user.needs_mfa:
            _demo_totp_ensure(user)
        users[local] = user
    return users
