"""Helpers for API tests: people with tokens, and a client that sends them."""

from django.test import Client

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.api import services
from drakentemmers.api.models import TokenScope
from drakentemmers.directory.models import OrganisationMembership
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory


def token_for(user, *, scope: str = TokenScope.READ, with_mfa: bool = True, **fields) -> services.NewToken:
    return services.api_token_create(user=user, name="Systeem", scope=scope, with_mfa=with_mfa, **fields)


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


class TokenClient:
    """A test client that sends `Authorization: Bearer <secret>` with every request."""

    def __init__(self, secret: str, **defaults) -> None:
        self.client = Client(**defaults)
        self.headers = bearer(secret)

    def get(self, path: str, **extra):
        return self.client.get(path, **{**self.headers, **extra})

    def put(self, path: str, data: dict, **extra):
        return self.client.put(path, data, content_type="application/json", **{**self.headers, **extra})

    def patch(self, path: str, data: dict, **extra):
        return self.client.patch(path, data, content_type="application/json", **{**self.headers, **extra})

    def post(self, path: str, data: dict | None = None, **extra):
        return self.client.post(path, data or {}, content_type="application/json", **{**self.headers, **extra})


def staff_of(organisation=None, *, mfa: bool = True):
    """Staff (with MFA) of a verified organisation; a new one unless given."""
    organisation = organisation or OrganisationFactory()
    user = make_user(Role.ORG_STAFF, mfa=mfa)
    OrganisationMembership.objects.create(organisation=organisation, user=user, is_admin=True)
    return user


def public_therapist(**fields):
    return TherapistProfileFactory(public_profile=True, **fields)
