import re

import pytest
from django.core import mail
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import TherapistProfile, VerificationStatus
from drakentemmers.directory.tests.factories import TherapistProfileFactory
from drakentemmers.recruitment.models import ColleagueInvitation
from drakentemmers.recruitment.services import SESSION_KEY

from .factories import ColleagueInvitationFactory

pytestmark = pytest.mark.django_db
INVITE = reverse("recruitment:invite")


@pytest.fixture
def member(db):
    """A verified therapist: may invite colleagues without MFA."""
    return TherapistProfileFactory(user=make_user(first_name="Fenna", last_name="Drakenstein")).user


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("nobody", 404),
        ("draft_therapist", 404),
        ("org_staff", 404),
        ("member", 200),
        ("coordinator", 200),
        ("verifier", 200),
    ],
)
def test_who_may_open_the_invite_page(persona, expected, client_for, member, coordinator_user, verifier_user):
    users = {
        "anonymous": None,
        "nobody": make_user(),
        "draft_therapist": TherapistProfileFactory(status=VerificationStatus.DRAFT, verified_at=None).user,
        "org_staff": make_user(Role.ORG_STAFF, mfa=True),
        "member": member,
        "coordinator": coordinator_user,
        "verifier": verifier_user,
    }
    response = client_for(users[persona]).get(INVITE)
    assert response.status_code == expected
    if persona == "anonymous":
        assert response.url.startswith(reverse("account_login"))


def test_a_coordinator_without_mfa_in_this_session_is_sent_to_the_mfa_step(client_for, coordinator_user):
    response = client_for(coordinator_user, mfa_passed=False).get(INVITE)
    assert response.status_code == 302 and "2fa" in response.url


def test_a_member_sends_an_invitation(client_for, member, region_vt, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(
            INVITE, {"email": "noor@praktijk.example.nl", "region": region_vt.pk, "note": "Kom erbij!"}, follow=True
        )
    assert response.status_code == 200
    invitation = ColleagueInvitation.objects.get()
    assert (invitation.invited_by, invitation.region, invitation.note) == (member, region_vt, "Kom erbij!")
    assert "noor@praktijk.example.nl" in response.content.decode()  # listed under "sent"
    assert len(mail.outbox) == 1


def test_an_address_with_an_account_is_refused_without_saying_why(client_for, member):
    make_user(email="bestaand@praktijk.example.nl")
    response = client_for(member).post(INVITE, {"email": "bestaand@praktijk.example.nl", "note": "Hoi"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dit adres kan niet worden uitgenodigd." in body
    assert "Hoi</textarea>" in body  # what was typed stays
    assert not ColleagueInvitation.objects.exists()


def test_an_opted_out_address_gets_the_very_same_answer(client_for, member):
    from drakentemmers.recruitment.models import InvitationOptOut, email_hash

    InvitationOptOut.objects.create(email_hash=email_hash("weg@praktijk.example.nl"))
    make_user(email="bestaand@praktijk.example.nl")
    client = client_for(member)

    def error_of(email: str) -> str:
        body = client.post(INVITE, {"email": email}).content.decode()
        return body[body.index('role="alert"') :].split("</div>")[0]

    assert error_of("weg@praktijk.example.nl") == error_of("bestaand@praktijk.example.nl")


def test_the_rate_limit_per_inviter(client_for, member, settings):
    settings.PLATFORM_RATE_LIMITS = {**settings.PLATFORM_RATE_LIMITS, "colleague_invite": "2/h"}
    client = client_for(member)
    for n in range(2):
        assert client.post(INVITE, {"email": f"c{n}@praktijk.example.nl"}).status_code == 302
    response = client.post(INVITE, {"email": "c3@praktijk.example.nl"})
    assert response.status_code == 429
    assert "te vaak" in response.content.decode()
    assert ColleagueInvitation.objects.count() == 2
    # Another inviter has their own count.
    other = TherapistProfileFactory().user
    assert client_for(other).post(INVITE, {"email": "c4@praktijk.example.nl"}).status_code == 302


def test_the_invitation_page_shows_the_inviter_and_note(client):
    invitation = ColleagueInvitationFactory(note="Jij past hier.", invited_by=make_user(first_name="Fenna"))
    response = client.get(invitation.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Uitgenodigd door Fenna" in body and "Jij past hier." in body
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("state", ["unknown", "expired", "accepted", "declined"])
def test_unknown_expired_used_and_declined_links_look_the_same(client, state):
    from datetime import timedelta

    from django.utils import timezone

    invitation = ColleagueInvitationFactory()
    if state == "expired":
        ColleagueInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif state == "accepted":
        ColleagueInvitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    elif state == "declined":
        ColleagueInvitation.objects.filter(pk=invitation.pk).update(declined_at=timezone.now())
    token = "x" * 43 if state == "unknown" else invitation.token
    response = client.get(reverse("recruitment:invitation", args=[token]))
    assert response.status_code == 404
    assert "Deze uitnodigingslink werkt niet" in response.content.decode()


def test_decline_and_do_not_invite_again_from_the_page(client):
    invitation = ColleagueInvitationFactory(email="noor@praktijk.example.nl")
    response = client.post(invitation.get_absolute_url(), {"action": "never"})
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.declined_at is not None and invitation.email == ""
    assert client.get(invitation.get_absolute_url()).status_code == 404


def test_sign_up_through_the_link_verifies_and_accepts_into_the_wizard(client, django_capture_on_commit_callbacks):
    """The real allauth sign-up: the address is filled in, the e-mail confirmed, the invitation accepted."""
    invitation = ColleagueInvitationFactory(email="noor@praktijk.example.nl", invited_by=make_user(first_name="Fenna"))
    response = client.get(reverse("recruitment:invitation_signup", args=[invitation.token]))
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == invitation.token
    signup = client.get(response.url)
    body = signup.content.decode()
    assert 'value="noor@praktijk.example.nl"' in body
    assert "uitgenodigd door Fenna" in body
    next_url = reverse("directory:therapist_start")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{reverse('account_signup')}?next={next_url}",
            {
                "email": "noor@praktijk.example.nl",
                "first_name": "Noor",
                "last_name": "Nieuw",
                "password1": "een-sterk-wachtwoord-2026",
                "password2": "een-sterk-wachtwoord-2026",
                "next": next_url,
            },
        )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.accepted_at is None  # not before the address is confirmed
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    confirm_path = "/" + link.split("/", 3)[3]
    response = client.post(confirm_path)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by.email == "noor@praktijk.example.nl"
    assert TherapistProfile.objects.get(user=invitation.accepted_by).status == VerificationStatus.DRAFT
    assert SESSION_KEY not in client.session
    assert client.get(response.url).url.startswith("/netwerk/mijn-profiel/stap/")


def test_sign_up_with_another_address_does_not_accept(client, django_capture_on_commit_callbacks):
    invitation = ColleagueInvitationFactory(email="noor@praktijk.example.nl")
    client.get(reverse("recruitment:invitation_signup", args=[invitation.token]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "ander@praktijk.example.nl",
                "first_name": "Ander",
                "last_name": "Iemand",
                "password1": "een-sterk-wachtwoord-2026",
                "password2": "een-sterk-wachtwoord-2026",
            },
        )
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    client.post("/" + link.split("/", 3)[3])
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_logged_in_invitee_accepts_on_the_page(client_for):
    invitation = ColleagueInvitationFactory(email="noor@praktijk.example.nl")
    user = make_user(email="noor@praktijk.example.nl")
    client = client_for(user)
    response = client.post(invitation.get_absolute_url(), {"action": "accept"})
    assert response.status_code == 302 and response.url == reverse("directory:therapist_start")
    assert TherapistProfile.objects.filter(user=user).exists()
    # A reload after accepting lands on the wizard, not on a dead link.
    assert client.get(invitation.get_absolute_url()).url == reverse("directory:therapist_start")


def test_someone_else_logged_in_cannot_accept(client_for):
    invitation = ColleagueInvitationFactory(email="noor@praktijk.example.nl")
    client = client_for(make_user(email="iemand@anders.example.nl"))
    response = client.post(invitation.get_absolute_url(), {"action": "accept"}, follow=True)
    assert "noor@praktijk.example.nl" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_invite_page_rejects_other_methods(client_for, member):
    assert client_for(member).put(INVITE).status_code == 405
