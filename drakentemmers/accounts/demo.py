"""Fictitious demo accounts, one per role, with documented logins (see README)."""

import base64
import hashlib

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

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
    """A fixed TOTP secret per demo account, so a demo login can print the current code."""
    return base64.b32encode(hashlib.sha256(f"drakentemmers-demo:{email}".encode()).digest()[:20]).decode()


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
        if user.needs_mfa and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, demo_totp_secret(email))
        users[local] = user
    return users
