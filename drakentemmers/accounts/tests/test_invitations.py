"""Invitations: the platform team invites by e-mail into a role; the link works once and expires."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Invitation, Role
from drakentemmers.accounts.services import invitation_create
from drakentemmers.accounts.tests.factories import make_user

pytestmark = pytest.mark.django_db
INVITATIONS = reverse("accounts:invitations")


@pytest.fixture
def administrator(db):
    return make_user(Role.ADMINISTRATOR, mfa=True)


@pytest.fixture
def verifier_without_mfa(db):
    return make_user(Role.VERIFIER)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, "login"),
        ("nobody", 403),
        ("therapist_user", 403),
        ("org_staff_user", 403),
        ("org_staff_without_mfa", "mfa"),
        ("coordinator_user", 403),
        ("verifier_without_mfa", "mfa"),
        ("verifier_user", 200),
        ("administrator", 200),
    ],
)
def test_invitation_page_permission_matrix(request, client_for, persona, expected):
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).get(INVITATIONS)
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    elif expected == "mfa":
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    else:
        assert response.status_code == expected
        if expected == 200:
            assert "accounts/invitations.html" in [t.name for t in response.templates]


def test_forbidden_post_creates_nothing(client_for, therapist_user):
    response = client_for(therapist_user).post(INVITATIONS, {"email": "x@example.nl", "role": Role.VERIFIER})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_create_sends_an_email_with_the_link(client_for, verifier_user, django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://drakentemmers.example"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(verifier_user).post(INVITATIONS, {"email": " Nieuw@Example.nl ", "role": Role.THERAPIST})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "nieuw@example.nl"
    assert invitation.invited_by == verifier_user
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@example.nl"]
    assert message.subject == "[Drakentemmers] Je bent uitgenodigd voor Drakentemmers"
    link = "https://drakentemmers.example" + reverse("accounts:invitation_accept", args=[invitation.token])
    assert link in message.body
    assert "Behandelaar (lid)" in message.body


def test_coordinator_invitation_needs_a_region(client_for, verifier_user, region_vt):
    client = client_for(verifier_user)
    response = client.post(INVITATIONS, {"email": "c@example.nl", "role": Role.COORDINATOR})
    assert response.status_code == 200
    assert "Kies de regio waarvoor deze projectleider werkt." in response.content.decode()
    assert 'value="c@example.nl"' in response.content.decode()
    response = client.post(INVITATIONS, {"email": "c@example.nl", "role": Role.COORDINATOR, "region": region_vt.pk})
    assert response.status_code == 302
    assert Invitation.objects.get().region == region_vt


def test_bad_email_gives_a_dutch_field_error(client_for, verifier_user):
    response = client_for(verifier_user).post(INVITATIONS, {"email": "geen-adres", "role": Role.THERAPIST})
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in." in response.content.decode()


def _invitation(inviter, email="nieuw@example.nl", role=Role.MODERATOR, **fields) -> Invitation:
    invitation = invitation_create(email=email, role=role, invited_by=inviter)
    Invitation.objects.filter(pk=invitation.pk).update(**fields)
    invitation.refresh_from_db()
    return invitation


def _page_text(response, token: str) -> str:
    """The page without its CSRF tokens (masked anew on every render) and the token in its own URL."""
    html = response.content.decode().replace(token, "TOKEN")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _accept_url(invitation) -> str:
    return reverse("accounts:invitation_accept", args=[invitation.token])


def test_accept_grants_the_role(client_for, verifier_user):
    invitation = _invitation(verifier_user)
    invitee = make_user(email="nieuw@example.nl")
    client = client_for(invitee)
    assert "Uitnodiging aannemen" in client.get(_accept_url(invitation)).content.decode()
    response = client.post(_accept_url(invitation), follow=True)
    assert response.redirect_chain[0][0] == reverse("core:my_home")
    assert "Welkom! Je nieuwe rol is actief." in response.content.decode()
    # A second click after accepting lands on the same page and grants nothing twice.
    assert client.post(_accept_url(invitation))["Location"] == reverse("core:my_home")
    assert invitee.role_grants.filter(role=Role.MODERATOR).count() == 1
    invitee.__dict__.pop("roles", None)
    assert invitee.has_role(Role.MODERATOR)
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee and invitation.accepted_at is not None


def test_accept_for_another_email_is_refused_with_a_dutch_message(client_for, verifier_user):
    invitation = _invitation(verifier_user)
    invitee = make_user(email="ander@example.nl")
    response = client_for(invitee).post(_accept_url(invitation), follow=True)
    assert (
        "Deze uitnodiging is verstuurd naar nieuw@example.nl. Log in met dat e-mailadres" in response.content.decode()
    )
    invitee.__dict__.pop("roles", None)
    assert not invitee.has_role(Role.VERIFIER)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_accept_needs_the_address_verified(client_for, verifier_user):
    """An unverified address on the account (typed in, never confirmed) does not count as the invitee's."""
    invitation = _invitation(verifier_user)
    invitee = make_user(email="nieuw@example.nl")
    EmailAddress.objects.filter(user=invitee).update(verified=False)
    response = client_for(invitee).post(_accept_url(invitation), follow=True)
    assert "Deze uitnodiging is verstuurd naar nieuw@example.nl" in response.content.decode()
    invitee.__dict__.pop("roles", None)
    assert not invitee.has_role(Role.VERIFIER)


@pytest.mark.parametrize("case", ["expired", "used"])
def test_expired_or_used_link_looks_like_an_unknown_one(client_for, client, verifier_user, case):
    invitation = _invitation(verifier_user)
    if case == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    else:
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    invitee = make_user(email="nieuw@example.nl")
    unknown_token = "onbekend" * 5
    unknown = client_for(invitee).get(reverse("accounts:invitation_accept", args=[unknown_token]))
    for method in ("get", "post"):
        response = getattr(client_for(invitee), method)(_accept_url(invitation))
        assert response.status_code == 404 == unknown.status_code
        assert _page_text(response, invitation.token) == _page_text(unknown, unknown_token)
        assert "Deze uitnodigingslink werkt niet" in response.content.decode()
    invitee.__dict__.pop("roles", None)
    assert not invitee.has_role(Role.MODERATOR)


def test_anonymous_visitor_is_asked_to_sign_up_or_log_in(client, verifier_user):
    invitation = _invitation(verifier_user)
    html = client.get(_accept_url(invitation)).content.decode()
    assert "Account aanmaken" in html and "Inloggen" in html
    response = client.post(_accept_url(invitation))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_unknown_token_is_404(client):
    response = client.get(reverse("accounts:invitation_accept", args=["onbekend"]))
    assert response.status_code == 404
    assert "Deze uitnodigingslink werkt niet" in response.content.decode()


def test_invited_person_signs_up_and_returns_to_the_invitation(
    client, verifier_user, django_capture_on_commit_callbacks
):
    from drakentemmers.accounts.models import User
    from drakentemmers.accounts.tests.factories import PASSWORD

    invitation = _invitation(verifier_user, role=Role.EDITOR)
    accept = _accept_url(invitation)
    mail.outbox.clear()
    data = {"email": "nieuw@example.nl", "first_name": "Nina", "last_name": "Nieuw"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{reverse('account_signup')}?next={accept}",
            {**data, "password1": PASSWORD, "password2": PASSWORD, "next": accept},
        )
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    response = client.post(re.sub(r"^https?://[^/]+", "", link))
    assert response["Location"] == accept
    client.post(accept)
    user = User.objects.get(email="nieuw@example.nl")
    assert user.has_role(Role.EDITOR)


# --- Issue 15, Low 10: only administrators invite to administrator or verifier -------------------


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.VERIFIER])
def test_a_verifier_cannot_invite_to_the_governing_roles(client_for, verifier_user, role):
    client = client_for(verifier_user)
    html = client.get(INVITATIONS).content.decode()
    assert f'value="{role}"' not in html
    response = client.post(INVITATIONS, {"email": "x@example.nl", "role": role})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert 'value="x@example.nl"' in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.VERIFIER])
def test_the_service_refuses_it_too(verifier_user, role):
    with pytest.raises(PermissionDenied):
        invitation_create(email="x@example.nl", role=role, invited_by=verifier_user)
    assert not Invitation.objects.exists()


def test_a_verifier_still_invites_to_the_other_roles(client_for, verifier_user):
    html = client_for(verifier_user).get(INVITATIONS).content.decode()
    for role in (Role.THERAPIST, Role.ORG_STAFF, Role.COORDINATOR, Role.EDITOR, Role.MODERATOR):
        assert f'value="{role}"' in html


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.VERIFIER])
def test_an_administrator_invites_to_them(client_for, administrator, role):
    assert f'value="{role}"' in client_for(administrator).get(INVITATIONS).content.decode()
    response = client_for(administrator).post(INVITATIONS, {"email": "x@example.nl", "role": role})
    assert response.status_code == 302
    assert Invitation.objects.get().role == role
