import time

import factory
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import is_mfa_enabled
from django.test import Client

from drakentemmers.accounts.mfa import SESSION_MFA_ATTRIBUTE
from drakentemmers.accounts.models import User
from drakentemmers.accounts.services import role_grant

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.nl")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted, **kwargs) -> None:
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


def _passed() -> bool:
    return True


def make_user(*roles: str, mfa: bool = False, region=None, **fields) -> User:
    """A user with the given roles; mfa=True switches on TOTP so MFA-guarded pages open.

    The returned object counts as coming from a session that passed MFA (when mfa=True), so permission
    predicates called with it directly answer as for a real, fully logged-in user. A client needs its
    own session: use the `client_for` fixture (or `session_record_authentication`).
    """
    user = UserFactory(**fields)
    for role in roles:
        role_grant(user=user, role=role, region=region)
    if mfa:
        enable_totp(user)
        as_mfa_passed(user)
    user.__dict__.pop("roles", None)
    return user


def as_mfa_passed(user: User) -> User:
    """The same user object, now counting as from a session that passed MFA (for predicate tests)."""
    setattr(user, SESSION_MFA_ATTRIBUTE, _passed)
    return user


def logged_in_client(user, *, mfa_passed: bool = True, reauthenticated: bool = True) -> Client:
    """A test client logged in as `user`, as after a real login (see the `client_for` fixture)."""
    client = Client()
    if user is not None:
        client.force_login(user)
        session_record_authentication(
            client, user, mfa=mfa_passed and is_mfa_enabled(user), reauthenticated=reauthenticated
        )
    return client


def session_record_authentication(client: Client, user: User, *, mfa: bool, reauthenticated: bool) -> None:
    """Write into the client's session the steps allauth records at a real login.

    mfa: the session passed the second factor; reauthenticated: the password was just entered again
    (allauth's "recent re-authentication", which sensitive actions such as the GDPR export ask for).
    """
    now = time.time()
    records = [{"method": "password", "at": now, "email": user.email}]
    if reauthenticated:
        records.append({"method": "password", "at": now, "reauthenticated": True})
    if mfa:
        authenticator = Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.RECOVERY_CODES).first()
        records.append({"method": "mfa", "at": now, "id": authenticator.pk, "type": authenticator.type})
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session["account_authentication_methods_user"] = str(user.pk)  # allauth's key for whose records these are
    session.save()


def enable_totp(user: User) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    assert Authenticator.objects.filter(user=user).exists()
    return secret
